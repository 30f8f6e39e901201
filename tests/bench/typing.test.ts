import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, cardTextField, readCardBodyText } from '../../shared/model/index.js';
import { LIMITS } from '../../shared/model/limits.js';
import { assertNoRefusals, yWebsocketClient, type BenchClient } from '../../bench/clients.js';
import { addWritingCard, BODY_CHARS, bodyChars, bodyLine, observeStamps, typeStamp, writeFindings } from '../../bench/typing.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

// What the bench types must be what Cairn keeps, however long a run lasts: a refused
// edit would make Cairn's figures meaningless. Checked against the real server.
describe('what the bench types', () => {
  let server: TestServer;
  const clients: BenchClient[] = [];
  const join = async (token: string, workshop: string) => {
    const c = yWebsocketClient(server.wsUrl, workshop, { token });
    clients.push(c);
    await c.synced();
    return c;
  };

  beforeAll(async () => {
    // As the bench runs it: a benchmark is a flood by design.
    server = await startTestServer({ env: { UPDATES_PER_SECOND: '100000', AWARENESS_PER_SECOND: '100000' } });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
  });

  it('a fan-out writer typing for ten minutes has every edit kept, and its card body stays the same length', async () => {
    const w = await createWorkshop(server);
    const writer = await join(w.tokens.participant, w.id);
    const reader = await join(w.tokens.viewer, w.id);
    const card = addWritingCard(writer.doc, 'working-well', 'Writer 0');
    await waitFor(() => bodyLine(reader.doc, card) !== null, 'the card to reach the reader');
    let arrived = 0;
    observeStamps(bodyLine(reader.doc, card)!, () => arrived++);
    const edits = 5 * 600; // five a second for ten minutes
    const text = bodyLine(writer.doc, card)!;
    for (let i = 0; i < edits; i++) typeStamp(text, 1.7e12 + i * 200);
    await waitFor(() => arrived === edits || writer.refusals().length > 0, 'every edit to reach the reader', 30_000);
    expect(writer.refusals()).toEqual([]);
    expect(arrived).toBe(edits);
    expect(bodyLine(reader.doc, card)!.length).toBe(BODY_CHARS);
    expect(readCardBodyText(reader.doc, card)).toBe(readCardBodyText(writer.doc, card));
  });

  it('the restart scenario’s findings, typed a key at a time through the server, are all kept', async () => {
    const w = await createWorkshop(server);
    const host = await join(w.tokens.host, w.id);
    const reader = await join(w.tokens.viewer, w.id);
    const written = writeFindings(host.doc, 5000);
    expect(written.cards).toHaveLength(3); // 2,000 characters a card
    await waitFor(() => bodyChars(reader.doc, written.cards) === written.chars || host.refusals().length > 0, 'the findings to reach the reader', 30_000);
    expect(host.refusals()).toEqual([]);
    for (const card of written.cards) expect(bodyLine(reader.doc, card)!.length).toBeLessThanOrEqual(LIMITS.body);
  });

  it('a change the server refuses is noticed, so the run fails rather than measuring refusals', async () => {
    const w = await createWorkshop(server);
    const writer = await join(w.tokens.participant, w.id);
    // What the bench used to do: a timestamp appended to a headline, which passes 300 characters.
    const card = addCard(writer.doc, { board: 'working-well', headline: 'Writer 0', createdBy: 'Writer 0' });
    const headline = cardTextField(writer.doc, card, 'headline')!;
    for (let i = 0; i < 20; i++) headline.insert(headline.length, `|${(1.7e12 + i).toFixed(1)}`);
    await waitFor(() => writer.refusals().length > 0, 'the server to refuse the headline past its limit');
    expect(writer.refusals()[0]).toMatch(/headline can be at most 300 characters/);
    expect(() => assertNoRefusals([writer])).toThrow(/refused \d+ of the bench's changes/);
  });
});
