// A JSON import's workshop is checked as a live change from the host would be (issue 14):
// deep nesting, parts that are not part of a workshop and over-long fields are refused
// with a 400 saying what is wrong, and nothing is created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardBodyFragment, initWorkshop, readReport, SCHEMA_VERSION } from '../../shared/model/index.js';
import { workshopToJson } from '../../shared/export/json.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function exportOf(build: (doc: Y.Doc) => void): string {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Imported' });
  build(doc);
  return workshopToJson(Y.encodeStateAsUpdate(doc), readReport(doc), SCHEMA_VERSION);
}

const importJson = async (body: string) => {
  const res = await fetch(`${server.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, body: (await res.json()) as { error?: string; id?: string } };
};

describe('importing a JSON export', () => {
  it('takes a real workshop', async () => {
    const r = await importJson(exportOf((doc) => addCard(doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Host' })));
    expect(r.status).toBe(201);
  });

  it('refuses deep nesting, foreign parts and over-long fields, saying which', async () => {
    const deep = await importJson(
      exportOf((doc) => {
        const id = addCard(doc, { board: 'working-well', headline: 'Deep', createdBy: 'Host' });
        let parent: Y.XmlFragment = cardBodyFragment(doc, id)!;
        for (let i = 0; i < 200; i++) {
          const el = new Y.XmlElement('bulletList');
          parent.insert(0, [el]);
          parent = el;
        }
      }),
    );
    expect(deep.status).toBe(400);
    expect(deep.body.error).toMatch(/nested at most 32 levels/);
    const junk = await importJson(exportOf((doc) => doc.getMap('junk').set('x', 'y')));
    expect(junk.status).toBe(400);
    expect(junk.body.error).toMatch(/not part of a workshop/);
    const long = await importJson(
      exportOf((doc) => {
        const id = addCard(doc, { board: 'working-well', headline: '', createdBy: 'Host' });
        (doc.getMap('cards').get(id) as Y.Map<Y.Text>).get('headline')!.insert(0, 'x'.repeat(301));
      }),
    );
    expect(long.status).toBe(400);
    expect(long.body.error).toMatch(/headline can be at most 300 characters/);
  });
});
