import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, addCard, cardBodyFragment, readBoards, readCardBodyText, readMeta, setCardBody, setHeadline } from '../../shared/model/index.js';
import { createWorkshop, waitFor } from '../helpers/server.js';
import { synced } from '../helpers/provider.js';
import { sharedServer } from '../helpers/sharedServer.js';
import * as Y from 'yjs';

const shared = sharedServer();
const client = shared.connect;

describe('live co-editing through the sync server', () => {
  it('gives a new client the workshop the server created', async () => {
    const w = await createWorkshop(shared.server, { title: 'Dundee', hostAuthority: 'Dundee City Council', focusQuestion: 'How well…?' });
    const c = client(shared.server.wsUrl, w.id, w.tokens.participant);
    await synced(c);
    expect(readMeta(c.doc)).toMatchObject({ title: 'Dundee', hostAuthority: 'Dundee City Council', focusQuestion: 'How well…?', schemaVersion: SCHEMA_VERSION });
  });

  it('lets two stock providers type in the same card at once and converge', async () => {
    const w = await createWorkshop(shared.server);
    const a = client(shared.server.wsUrl, w.id, w.tokens.host, { clientId: 101 });
    const b = client(shared.server.wsUrl, w.id, w.tokens.participant, { clientId: 202 });
    await Promise.all([synced(a), synced(b)]);
    const id = addCard(a.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' });
    await waitFor(() => readBoards(b.doc)['working-well'].length === 1, 'the card to reach B');
    setCardBody(a.doc, id, [{ type: 'paragraph', content: [{ type: 'text', text: 'I like who I work for' }] }]);
    await waitFor(() => readCardBodyText(b.doc, id) === 'I like who I work for', 'the body to reach B');

    // Both type into the same paragraph and headline without waiting for each other.
    const para = (doc: Y.Doc) => (cardBodyFragment(doc, id)!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (let i = 0; i < 50; i++) {
      para(a.doc).insert(0, 'a');
      para(b.doc).insert(para(b.doc).length, 'b');
    }
    setHeadline(a.doc, id, 'Relationships – strong');
    setHeadline(b.doc, id, 'Strong relationships');
    await waitFor(
      () => readCardBodyText(a.doc, id) === readCardBodyText(b.doc, id) && readCardBodyText(a.doc, id).length === 21 + 100,
      'both documents to hold all 100 new characters',
    );
    await waitFor(() => readBoards(a.doc)['working-well'][0]!.headline === readBoards(b.doc)['working-well'][0]!.headline, 'headlines to agree');
    expect(readCardBodyText(a.doc, id)).toBe('a'.repeat(50) + 'I like who I work for' + 'b'.repeat(50));
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('gives a client that joins late everything written before it came', async () => {
    const w = await createWorkshop(shared.server);
    const a = client(shared.server.wsUrl, w.id, w.tokens.facilitator);
    await synced(a);
    for (let i = 0; i < 20; i++) addCard(a.doc, { board: 'development', headline: `Area ${i}`, createdBy: 'Ann' });
    await waitFor(() => a.provider.wsconnected, 'A to stay connected');
    const late = client(shared.server.wsUrl, w.id, w.tokens.viewer);
    await synced(late);
    await waitFor(() => readBoards(late.doc)['development'].length === 20, 'the late client to have 20 cards');
    expect(readBoards(late.doc)).toEqual(readBoards(a.doc));
  });

  it('shares presence (awareness) between people in a workshop', async () => {
    const w = await createWorkshop(shared.server);
    const a = client(shared.server.wsUrl, w.id, w.tokens.participant);
    const b = client(shared.server.wsUrl, w.id, w.tokens.viewer);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ann', color: '#0065bd' });
    await waitFor(() => [...b.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Ann'), 'B to see Ann');
    a.destroy();
    await waitFor(() => ![...b.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Ann'), 'Ann to leave B’s presence');
  });
});
