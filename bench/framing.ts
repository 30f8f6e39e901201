/**
 * What framing a broadcast once saves (server/collab/frames.ts): a ws server broadcasts
 * 1,500 messages of 47 bytes (a keystroke's size) to 45 clients, either through ws.send
 * for each client or as one frame written to each socket, taking turns for six rounds.
 * The server runs pinned to core 0 and its clients in a child process on core 1 when
 * taskset is there. Prints the server's CPU per broadcast, each way.
 *
 *   npm run bench:framing
 */
import { execFileSync, fork } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame } from '../server/collab/frames.js';

const CLIENTS = 45;
const BROADCASTS = 1500;
const ROUNDS = 6;
const MESSAGE = new Uint8Array(47).fill(3);

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

if (process.argv[2] === 'clients') {
  for (let i = 0; i < CLIENTS; i++) new WebSocket(`ws://127.0.0.1:${process.argv[3]}`).on('message', () => undefined);
} else {
  if (hasTaskset) execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  const sockets = new Map<WebSocket, Duplex>();
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  wss.on('connection', (ws, req) => sockets.set(ws, req.socket));
  await new Promise((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as { port: number };
  const child = hasTaskset
    ? fork(new URL(import.meta.url).pathname, ['clients', String(port)], { execPath: 'taskset', execArgv: ['-c', '1', process.execPath, ...process.execArgv] })
    : fork(new URL(import.meta.url).pathname, ['clients', String(port)]);
  while (sockets.size < CLIENTS) await new Promise((r) => setTimeout(r, 50));

  const run = async (way: 'ws.send' | 'one frame'): Promise<number> => {
    const before = process.cpuUsage();
    for (let i = 0; i < BROADCASTS; i++) {
      if (way === 'ws.send') for (const ws of sockets.keys()) ws.send(MESSAGE);
      else {
        const frame = binaryFrame(MESSAGE);
        for (const socket of sockets.values()) socket.write(frame);
      }
      // A keystroke every few ms, as people type: not one burst.
      await new Promise((r) => setTimeout(r, 4));
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / BROADCASTS;
  };
  const totals = { 'ws.send': 0, 'one frame': 0 };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const way of ['ws.send', 'one frame'] as const) {
      const us = await run(way);
      totals[way] += us;
      console.log(`round ${round}, ${way}: ${us.toFixed(0)} µs of server CPU per broadcast to ${CLIENTS}`);
    }
  }
  console.log(`mean: ws.send ${(totals['ws.send'] / ROUNDS).toFixed(0)} µs, one frame ${(totals['one frame'] / ROUNDS).toFixed(0)} µs${hasTaskset ? '' : ' (not pinned: taskset is missing)'}`);
  child.kill();
  wss.close();
  process.exit(0);
}
