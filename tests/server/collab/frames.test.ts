import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readBoards, setCardBody } from '../../../shared/model/index.js';
import { binaryFrame } from '../../../server/collab/frames.js';
import { createWorkshop, waitFor } from '../../helpers/server.js';
import { synced } from '../../helpers/provider.js';
import { sharedServer } from '../../helpers/sharedServer.js';

// ws's own framing, to compare with: public in ws (Sender.frame), though not in its types.
type FrameOptions = { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean };
const { Sender } = createRequire(import.meta.url)('ws') as { Sender: { frame(data: Buffer, o: FrameOptions): Buffer[] } };
const wsFrame = (data: Buffer) => Buffer.concat(Sender.frame(data, { fin: true, rsv1: false, opcode: 2, mask: false, readOnly: false }));

const shared = sharedServer();

describe('messages framed once for every reader', () => {
  it('frames each length class as ws does (7-bit, 16-bit and 64-bit lengths)', () => {
    for (const length of [0, 1, 125, 126, 127, 65_535, 65_536, 200_000]) {
      const data = Buffer.alloc(length, length % 251);
      expect(binaryFrame(data).equals(wsFrame(data)), `${length} bytes`).toBe(true);
    }
  });

  it('frames a view into a larger buffer by its own bytes only', () => {
    const whole = new Uint8Array([9, 9, 1, 2, 3, 9]);
    expect([...binaryFrame(whole.subarray(2, 5))]).toEqual([0x82, 3, 1, 2, 3]);
  });

  it('delivers small edits and a whole document over 64 KB, which takes the longest length field, intact', async () => {
    const w = await createWorkshop(shared.server);
    const writer = shared.connect(shared.server.wsUrl, w.id, w.tokens.host);
    const reader = shared.connect(shared.server.wsUrl, w.id, w.tokens.viewer);
    await Promise.all([synced(writer), synced(reader)]);
    // 40 cards of 2,500 characters: about 100 KB, sent whole to whoever joins afterwards.
    for (let i = 0; i < 40; i++) {
      const id = addCard(writer.doc, { board: 'working-well', headline: `Finding ${i}`, createdBy: 'Ann' });
      setCardBody(writer.doc, id, [{ type: 'paragraph', content: [{ type: 'text', text: `${i} `.padEnd(2_500, 'relationships ') }] }]);
    }
    await waitFor(() => readBoards(reader.doc)['working-well'].length === 40, 'the live reader to have every card');
    expect(Y.encodeStateAsUpdate(writer.doc).length).toBeGreaterThan(65_536);
    const late = shared.connect(shared.server.wsUrl, w.id, w.tokens.viewer);
    await synced(late);
    await waitFor(() => readBoards(late.doc)['working-well'].length === 40, 'the late reader to have every card');
    for (const doc of [reader.doc, late.doc]) expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(writer.doc));
    expect(readBoards(late.doc)).toEqual(readBoards(writer.doc));
  });
});
