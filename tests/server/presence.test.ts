/**
 * Presence (awareness) in a full workshop, with the server's default limits and stock
 * y-websocket clients. A stock client sends back every presence change it receives, so
 * each person's connection repeats everyone else's presence to the server.
 */
import { describe, expect, it } from 'vitest';
import type { WebSocket as NodeSocket } from 'ws';
import { createWorkshop, waitFor } from '../helpers/server.js';
import { synced, type TestClient } from '../helpers/provider.js';
import { sharedServer } from '../helpers/sharedServer.js';
import { keepPresenceAcrossReconnects } from '../../client/collab/presence.js';

const shared = sharedServer();

type Named = { user?: { name?: string; step?: number } };

/** A person who announces a name before connecting, as the Cairn client does; counts the closes the server sends. */
function person(workshop: string, token: string, name: string) {
  const c = shared.connect(shared.server.wsUrl, workshop, token, { connect: false });
  const closes: number[] = [];
  c.provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push(event.code);
  });
  c.provider.awareness.setLocalStateField('user', { name, step: 0 });
  c.provider.connect();
  return { ...c, name, closes };
}

/** Cuts the connection with no goodbye, as a dropped network or a closed lid does. */
const drop = (c: TestClient) => (c.provider.ws as unknown as NodeSocket).terminate();

const namesSeen = (c: TestClient) => [...c.provider.awareness.getStates().values()].map((s) => (s as Named).user?.name).filter(Boolean);

describe('presence with a room full of people', () => {
  it('keeps 20 people connected, each seeing everyone, while they all move at once', async () => {
    const w = await createWorkshop(shared.server);
    const people: ReturnType<typeof person>[] = [];
    // One at a time, as people arrive: each newcomer is sent everyone already there.
    for (let i = 0; i < 20; i++) {
      const p = person(w.id, i % 2 ? w.tokens.participant : w.tokens.viewer, `Person ${i}`);
      await synced(p);
      people.push(p);
    }
    await waitFor(() => people.every((p) => namesSeen(p).length === 20), 'everyone to see all 20 people', 20_000);

    // Everyone moves their caret 5 times a second for 2 seconds, at the same moments.
    for (let step = 1; step <= 10; step++) {
      for (const p of people) p.provider.awareness.setLocalStateField('user', { name: p.name, step });
      await new Promise((r) => setTimeout(r, 200));
    }
    await waitFor(
      () => people.every((p) => [...p.provider.awareness.getStates().values()].every((s) => (s as Named).user?.step === 10)),
      'everyone to see everyone’s last move',
      20_000,
    );
    expect(people.flatMap((p) => p.closes.map((code) => `${p.name}: ${code}`)), 'connections the server closed').toEqual([]);
  });

  it('sends a burst of presence changes as a few messages, not one per person', async () => {
    const w = await createWorkshop(shared.server);
    const people: ReturnType<typeof person>[] = [];
    for (let i = 0; i < 20; i++) people.push(person(w.id, w.tokens.participant, `Mover ${i}`));
    const watcher = person(w.id, w.tokens.viewer, 'Watcher');
    await Promise.all([...people, watcher].map((p) => synced(p)));
    await waitFor(() => namesSeen(watcher).length === 21, 'the watcher to see everyone');
    await new Promise((r) => setTimeout(r, 300));

    let messages = 0;
    watcher.provider.awareness.on('update', (_change: unknown, origin: unknown) => {
      if (origin === watcher.provider) messages++;
    });
    for (const p of people) p.provider.awareness.setLocalStateField('user', { name: p.name, step: 1 });
    await waitFor(
      () => [...watcher.provider.awareness.getStates().values()].filter((s) => (s as Named).user?.step === 1).length === 20,
      'the watcher to see all 20 moves',
    );
    // Sent one by one this would be 20 messages, each repeated back by every client.
    expect(messages).toBeGreaterThan(0);
    expect(messages).toBeLessThanOrEqual(4);
  });

  it('sends renewals of unchanged presence together each second, and a real change at once', async () => {
    const w = await createWorkshop(shared.server);
    const people: ReturnType<typeof person>[] = [];
    for (let i = 0; i < 20; i++) people.push(person(w.id, w.tokens.participant, `Renewer ${i}`));
    const watcher = person(w.id, w.tokens.viewer, 'Watcher');
    await Promise.all([...people, watcher].map((p) => synced(p)));
    await waitFor(() => namesSeen(watcher).length === 21, 'the watcher to see everyone');
    await new Promise((r) => setTimeout(r, 300));
    const clockOf = (p: TestClient) => watcher.provider.awareness.meta.get(p.doc.clientID)?.clock ?? -1;
    const before = people.map(clockOf);

    let messages = 0;
    watcher.provider.awareness.on('update', (_change: unknown, origin: unknown) => {
      if (origin === watcher.provider) messages++;
    });
    // Each renews as a stock client does every 15 s (the same state again, its clock one
    // on), one after another as when people joined over some minutes.
    const renew = (p: TestClient) => p.provider.awareness.setLocalState(p.provider.awareness.getLocalState());
    renew(people[1]!);
    // A real change does not wait for the renewals: it arrives while the first is still held.
    people[0]!.provider.awareness.setLocalStateField('user', { name: people[0]!.name, step: 2 });
    await waitFor(() => (watcher.provider.awareness.getStates().get(people[0]!.doc.clientID) as Named | undefined)?.user?.step === 2, 'the change to arrive at once', 500);
    expect(clockOf(people[1]!), 'the renewal, held when the change arrived').toBe(before[1]);
    for (const p of people.slice(2)) {
      renew(p);
      await new Promise((r) => setTimeout(r, 10));
    }
    // The renewals arrive together, well within the 30 s after which clients forget someone:
    // sent at once, each would have been a message of its own to everyone.
    await waitFor(() => people.slice(1).every((p, i) => clockOf(p) > before[i + 1]!), 'every renewal to arrive', 8_000);
    expect(messages).toBeLessThanOrEqual(3);
  });

  it('shows a person who comes back after a drop at once, and when they leave for good, removes them at once', async () => {
    const w = await createWorkshop(shared.server);
    const ann = person(w.id, w.tokens.participant, 'Ann');
    // What the Cairn client does; a bare stock provider would stay unseen for up to 15 s.
    keepPresenceAcrossReconnects(ann.provider);
    const bob = person(w.id, w.tokens.participant, 'Bob');
    await Promise.all([synced(ann), synced(bob)]);
    await waitFor(() => namesSeen(bob).includes('Ann'), 'Bob to see Ann');
    let annRemoved = false;
    bob.provider.awareness.on('update', ({ removed }: { removed: number[] }) => {
      if (removed.includes(ann.doc.clientID)) annRemoved = true;
    });
    // A dropped connection (no goodbye): the server removes Ann, and her provider reconnects.
    drop(ann);
    await waitFor(() => annRemoved, 'the server to remove Ann');
    await waitFor(() => ann.provider.wsconnected, 'Ann to reconnect');
    await waitFor(() => namesSeen(bob).includes('Ann'), 'Ann to be back', 3000);
    // Now she goes for good, again without a goodbye (a closed laptop lid). She is
    // "updated", not "added", on the server since she came back: unless her new connection
    // is known to speak for her, she would linger in everyone's list for 30 s.
    ann.provider.shouldConnect = false;
    drop(ann);
    await waitFor(() => !namesSeen(bob).includes('Ann'), 'Ann to leave Bob’s list', 3000);
    expect(bob.closes).toEqual([]);
  });
});
