import { expect, it } from 'vitest';
import { ROLES } from '../../../shared/roles.js';
import { hashToken } from '../../../server/workshops/tokens.js';
import { seal, unseal } from '../../../server/workshops/sealedLinks.js';
import { waitFor } from '../../helpers/server.js';
import type { Backend } from './backends.js';

/** WorkshopStore and PeopleStore: links, people, join codes, phase, erase. */
export function workshopContract(backend: () => Backend): void {
  it('creates a workshop whose four links each open it as their role, keeping only their hashes', async () => {
    const { a, b, storedHashes } = backend();
    const { record, tokens } = await a.workshops.create('Inverclyde');
    expect(record).toMatchObject({ title: 'Inverclyde', readersMayExport: false, phase: 'preparing' });
    expect(await b.workshops.get(record.id)).toEqual(record);
    for (const role of ROLES) expect(await b.workshops.identify(record.id, tokens[role])).toEqual({ role, person: null });
    expect(await b.workshops.identify(record.id, 'not-a-link')).toBeNull();
    expect(await b.workshops.identify('nosuchworkshop', tokens.host)).toBeNull();
    expect(await b.workshops.get('nosuchworkshop')).toBeNull();
    const hashes = await storedHashes(record.id);
    for (const role of ROLES) expect(Buffer.from(hashes[role]).equals(hashToken(tokens[role]))).toBe(true);
  });

  it('opens a workshop by a personal link, until it is withdrawn on any server', async () => {
    const { a, b } = backend();
    const { record, tokens } = await a.workshops.create('Personal links');
    const { person, token } = await a.people.create(record.id, 'Ann Murray', 'invited', (secret) => seal(tokens.host, record.id, secret));
    expect(await b.workshops.identify(record.id, token)).toEqual({ role: 'participant', person });
    expect(await b.people.identify(record.id, token)).toEqual(person);
    const [listed] = await b.people.list(record.id);
    expect(unseal(tokens.host, record.id, listed!.sealed!)).toBe(token);
    expect(await a.people.revoke(record.id, person.id)).toBe(true);
    expect(await b.workshops.identify(record.id, token)).toBeNull();
    expect(await b.people.revoke(record.id, person.id)).toBe(false);
  });

  it('opens a workshop by a join code while it lasts, and only that workshop', async () => {
    const { a, b } = backend();
    const { record } = await a.workshops.create('Join codes');
    const other = await a.workshops.create('Another');
    const { code, expiresAt } = await a.workshops.createJoinCode(record.id);
    expect(expiresAt).toBeGreaterThan(Date.now());
    expect(await b.workshops.identify(record.id, code)).toEqual({ role: 'participant', person: null });
    expect(await b.workshops.codeFor(code)).toEqual({ workshop: record.id, role: 'participant' });
    expect(await b.workshops.identify(other.record.id, code)).toBeNull();
    expect(await b.workshops.codeFor('ABCDEFGHJK')).toBeNull();
  });

  it('refuses a changed link at once on every server; the sealed links follow', async () => {
    const { a, b } = backend();
    const { record, tokens } = await a.workshops.create('Rotation');
    const id = record.id;
    // b has used the old link: nothing it remembers may keep it working.
    expect(await b.workshops.identify(id, tokens.facilitator)).toEqual({ role: 'facilitator', person: null });
    const facilitator = await a.workshops.rotate(id, 'facilitator', tokens.host);
    expect(await b.workshops.identify(id, tokens.facilitator)).toBeNull();
    expect(await b.workshops.identify(id, facilitator)).toEqual({ role: 'facilitator', person: null });
    expect(await b.workshops.sealedLinks(id, tokens.host)).toEqual({ facilitator, participant: tokens.participant, viewer: tokens.viewer });

    // A new participant link ends the join codes, which stand in for it.
    const { code } = await a.workshops.createJoinCode(id);
    const participant = await b.workshops.rotate(id, 'participant', tokens.host);
    expect(await a.workshops.identify(id, code)).toBeNull();
    expect(await a.workshops.identify(id, tokens.participant)).toBeNull();

    // A new host link seals every other link again, personal ones too.
    const { token: personal } = await a.people.create(id, 'Bea', 'invited', (secret) => seal(tokens.host, id, secret));
    const host = await b.workshops.rotate(id, 'host', tokens.host);
    expect(await a.workshops.identify(id, tokens.host)).toBeNull();
    expect(await a.workshops.identify(id, host)).toEqual({ role: 'host', person: null });
    expect(await a.workshops.sealedLinks(id, host)).toEqual({ facilitator, participant, viewer: tokens.viewer });
    expect(await a.workshops.sealedLinks(id, tokens.host)).toEqual({ facilitator: null, participant: null, viewer: null });
    const [bea] = await a.people.list(id);
    expect(unseal(host, id, bea!.sealed!)).toBe(personal);
  });

  it('answers the phase from memory; another server sees a change once told to forget', async () => {
    const { a, b } = backend();
    const { record } = await a.workshops.create('Phases');
    const id = record.id;
    await b.workshops.get(id);
    expect(b.workshops.phaseOf(id)).toBe('preparing');
    await a.workshops.setPhase(id, 'part1');
    expect(a.workshops.phaseOf(id)).toBe('part1');
    b.workshops.forget(id);
    await waitFor(() => b.workshops.phaseOf(id) === 'part1', 'the other server to read the new phase');
    expect((await b.workshops.get(id))!.phase).toBe('part1');
    await a.workshops.setReadersMayExport(id, true);
    expect((await b.workshops.get(id))!.readersMayExport).toBe(true);
  });

  it('sees a phase changed on another server within seconds even untold', async () => {
    const { a, b } = backend();
    const { record } = await a.workshops.create('Phases, untold');
    await b.workshops.identify(record.id, 'anything');
    await a.workshops.setPhase(record.id, 'part2');
    await waitFor(() => b.workshops.phaseOf(record.id) === 'part2', 'the background read of phases', 10_000);
  });

  it('knows which workshops nobody has opened lately', async () => {
    const { a, b } = backend();
    const { record } = await a.workshops.create('Retention');
    expect(await b.workshops.untouchedSince(new Date(Date.now() + 60_000))).toContain(record.id);
    // Both stores take the moment of opening as a second argument, so time need not pass.
    const touch = a.workshops.touch.bind(a.workshops) as (id: string, at: Date) => Promise<void>;
    await touch(record.id, new Date(Date.now() + 120_000));
    expect(await b.workshops.untouchedSince(new Date(Date.now() + 60_000))).not.toContain(record.id);
  });

  it('erases a workshop and everything kept about it', async () => {
    const { a, b, rowsAbout } = backend();
    const { record, tokens } = await a.workshops.create('To be erased');
    const id = record.id;
    const documents = [id, `${id}/session`];
    const { token } = await a.people.create(id, 'Cal', 'invited', (s) => seal(tokens.host, id, s));
    const { code } = await a.workshops.createJoinCode(id);
    for (const doc of documents) {
      await a.docs.append(doc, new Uint8Array([1, 2, 3]));
      await a.docs.claimWriter(doc, 1, 'person:cal');
    }
    await a.docs.compact(id, new Uint8Array([9]), 1);
    await a.docs.append(id, new Uint8Array([4]));
    await a.sessions.changeDot(id, { id: 'v1', dots: 3, maxPerCard: null }, 'voter-key', 'card-1', 1);
    await a.sessions.saveDrafts(id, 'r1', 'writer-key', 'Cal', [{ id: 'd1', text: 'A draft' }]);
    await a.history.save(id, new Uint8Array([5]), { name: 'Before', kind: 'named', createdBy: 'Host' });
    await a.workshops.setPhase(id, 'part1');
    expect(await rowsAbout(id, documents)).toBeGreaterThan(8);

    await b.workshops.erase(id, documents);
    expect(await rowsAbout(id, documents)).toBe(0);
    expect(await a.workshops.get(id)).toBeNull();
    expect(await a.workshops.identify(id, tokens.host)).toBeNull();
    expect(await a.workshops.identify(id, token)).toBeNull();
    expect(await a.workshops.codeFor(code)).toBeNull();
    expect((await a.docs.load(id)).updates).toEqual([]);
    expect(await a.history.versions(id)).toEqual([]);
  });

  it('counts the people who joined through the shared link', async () => {
    const { a, b } = backend();
    const { record } = await a.workshops.create('People');
    const since = new Date(Date.now() - 1000).toISOString();
    const invited = await a.people.create(record.id, 'Dee', 'invited');
    const joined = await b.people.create(record.id, 'Eve', 'shared-link');
    await b.people.create(record.id, 'Fay', 'shared-link');
    expect(await a.people.joinedThroughSharedLinkSince(record.id, since)).toBe(2);
    expect(await a.people.joinedThroughSharedLinkSince(record.id, new Date(Date.now() + 60_000).toISOString())).toBe(0);
    // The API asks with '' for "ever".
    expect(await b.people.joinedThroughSharedLinkSince(record.id, '')).toBe(2);
    const listed = await a.people.list(record.id);
    expect(listed.map((p) => p.name).sort()).toEqual(['Dee', 'Eve', 'Fay']);
    expect(listed.find((p) => p.id === invited.person.id)).toEqual({ ...invited.person, sealed: null });
    // Withdrawn people leave the list but still count against the shared link's limit.
    await a.people.revoke(record.id, joined.person.id);
    expect((await b.people.list(record.id)).map((p) => p.name).sort()).toEqual(['Dee', 'Fay']);
    expect(await b.people.joinedThroughSharedLinkSince(record.id, since)).toBe(2);
  });

  it('lets the shared link add no more than its most, under 20 joins at once split across two servers', async () => {
    const { a, b } = backend();
    const { record } = await a.workshops.create('Full');
    await a.people.create(record.id, 'Invited', 'invited');
    const joins = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).people.joinThroughSharedLink(record.id, `Person ${i}`, 5)));
    expect(joins.filter((j) => j !== null)).toHaveLength(5);
    expect(await a.people.joinedThroughSharedLinkSince(record.id, '')).toBe(5);
    // Invited people do not count against the shared link.
    expect(await b.people.list(record.id)).toHaveLength(6);
  });

  it('erases for retention only what nobody opened since, deciding in the same step as it erases', async () => {
    const { a, b } = backend();
    const touch = (store: typeof a, id: string, at: Date) => (store.workshops.touch.bind(store.workshops) as (id: string, at: Date) => Promise<void>)(id, at);
    const cutoff = new Date(Date.now() + 60_000);
    const { record: opened } = await a.workshops.create('Opened meanwhile');
    const { record: forgotten } = await a.workshops.create('Forgotten');
    // The sweep on a reads its list; then someone opens one of them on b.
    expect(await a.workshops.untouchedSince(cutoff)).toEqual(expect.arrayContaining([opened.id, forgotten.id]));
    await touch(b, opened.id, new Date(Date.now() + 120_000));
    expect(await a.workshops.erase(opened.id, [opened.id], cutoff)).toBe(false);
    expect(await b.workshops.get(opened.id)).not.toBeNull();
    expect(await a.workshops.erase(forgotten.id, [forgotten.id], cutoff)).toBe(true);
    expect(await b.workshops.get(forgotten.id)).toBeNull();
  });
}
