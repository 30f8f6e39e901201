/**
 * A message as a WebSocket frame (RFC 6455 §5.2): FIN set, binary, unmasked, as a
 * server sends it. The same bytes go to every reader, so a broadcast frames each message
 * once and writes that copy to each socket, where ws would frame it again for every
 * reader (a header, an options object and a two-part write each: 45 times a keystroke).
 * Only valid on connections with no extension negotiated: the server never offers
 * permessage-deflate (server.ts), the one extension ws knows.
 */
export function binaryFrame(message: Uint8Array): Buffer {
  const length = message.length;
  const header = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x82; // FIN + opcode 2 (binary)
  if (length < 126) frame[1] = length;
  else if (length < 0x10000) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(message, header);
  return frame;
}
