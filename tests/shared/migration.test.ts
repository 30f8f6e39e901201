import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import pino from 'pino';
import {
  SCHEMA_VERSION,
  addActivity,
  agreeFinding,
  linkAnswer,
  migrate,
  readBoards,
  readCardBodyText,
  readCardDetails,
  readMeta,
  readSetup,
  setCardText,
  setHeadline,
} from '../../shared/model/index.js';
import { openDatabase } from '../../server/storage/sqlite/database.js';
import { SqliteDocStore } from '../../server/storage/sqlite/docStore.js';
import { RoomManager } from '../../server/collab/roomManager.js';
import { tempDataDir } from '../helpers/server.js';

interface Fixture {
  update: string;
  expected: Record<string, { id: string; headline: string; createdBy: string; createdAt: string; body: string }[]>;
}
const fixture = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/schema-v1-dundee.json'), 'utf8')) as Fixture;
const v1Update = Buffer.from(fixture.update, 'base64');

function v1Doc(clientId = 50): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  Y.applyUpdate(doc, v1Update);
  return doc;
}

function cardsAsWritten(doc: Y.Doc) {
  const boards = readBoards(doc);
  return Object.fromEntries(
    Object.entries(boards).map(([k, cards]) => [k, cards.map((c) => ({ id: c.id, headline: c.headline, createdBy: c.createdBy, createdAt: c.createdAt, body: readCardBodyText(doc, c.id) }))]),
  );
}

describe('opening a workshop written by schema 1', () => {
  it('finds every card intact, in order, and the metadata carried over', () => {
    const doc = v1Doc();
    expect(readMeta(doc).schemaVersion).toBe(1);
    expect(migrate(doc)).toBe(1);
    expect(readMeta(doc).schemaVersion).toBe(SCHEMA_VERSION);
    expect(cardsAsWritten(doc)).toEqual(fixture.expected);
    const setup = readSetup(doc);
    expect(setup.title).toBe('Collaborative Improvement – Dundee');
    expect(setup.focusQuestions).toEqual([expect.stringMatching(/^To what extent are our approaches/)]);
    expect(setup.activityTypes).toContain('Head teachers');
  });

  it('gives old cards the new fields, so every new feature works on them', () => {
    const doc = v1Doc();
    migrate(doc);
    const [area] = readBoards(doc).development;
    const [action] = readBoards(doc).action;
    const [finding] = readBoards(doc)['working-well'];
    expect(readCardDetails(doc, finding!.id)).toMatchObject({ status: 'draft', quote: '', evidence: [], answers: [] });
    setCardText(doc, finding!.id, 'quote', 'I like who I work for, and with');
    agreeFinding(doc, finding!.id, 'Morag');
    expect(linkAnswer(doc, action!.id, area!.id)).toBe(true);
    expect(readCardDetails(doc, finding!.id)).toMatchObject({ quote: 'I like who I work for, and with', status: 'agreed', agreedBy: 'Morag' });
    expect(readCardDetails(doc, action!.id)!.answers).toEqual([area!.id]);
  });

  it('migrates once: a second run changes nothing', () => {
    const doc = v1Doc();
    migrate(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrate(doc)).toBe(SCHEMA_VERSION);
    expect(updates).toBe(0);
  });

  it('merges with an edit made meanwhile by someone still on the old document', () => {
    const server = v1Doc(1);
    const oldClient = v1Doc(2);
    migrate(server);
    const id = readBoards(oldClient)['development'][0]!.id;
    setHeadline(oldClient, id, 'Improve the BGE, and in particular S3');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(oldClient, Y.encodeStateVector(server)));
    Y.applyUpdate(oldClient, Y.encodeStateAsUpdate(server, Y.encodeStateVector(oldClient)));
    expect(readBoards(server)).toEqual(readBoards(oldClient));
    expect(readBoards(server)['development'][0]!.headline).toBe('Improve the BGE, and in particular S3');
    expect(readMeta(oldClient).schemaVersion).toBe(SCHEMA_VERSION);
    expect(addActivity(oldClient, { type: 'Pupils' })).toBeTruthy();
  });

  it('is migrated and saved by the server when the workshop is opened', async () => {
    const db = openDatabase(tempDataDir());
    const log = pino({ level: 'silent' });
    const store = new SqliteDocStore(db, log);
    await store.append('dundee', v1Update);
    const rooms = new RoomManager(store, log, 60_000);
    const room = await rooms.open('dundee');
    expect(readMeta(room.doc).schemaVersion).toBe(SCHEMA_VERSION);
    await store.flush();
    // What is on disk is the migrated workshop, without running the migration again.
    const fromDisk = new Y.Doc();
    for (const u of (await store.load('dundee')).updates) Y.applyUpdate(fromDisk, u);
    expect(readMeta(fromDisk).schemaVersion).toBe(SCHEMA_VERSION);
    expect(cardsAsWritten(fromDisk)).toEqual(fixture.expected);
    await rooms.closeAll(1001, 'test over');
    db.close();
  });
});
