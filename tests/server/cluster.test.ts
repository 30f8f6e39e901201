// Several Cairn servers on one PostgreSQL and one Redis (issue 17), each its own process:
// clients split across them converge, a server killed mid-typing loses nothing, what one
// server decides holds on every other, and a server that joins later sees everything.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readBoards, readCard, setCardText } from '../../shared/model/index.js';
import { readSession } from '../../shared/session/index.js';
import { createWorkshop, waitFor } from '../helpers/server.js';
import { closeCode, connect, synced, type TestClient } from '../helpers/provider.js';
import { startCluster, startProxy, type Cluster } from '../helpers/cluster.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function cluster(n: number): Promise<Cluster> {
  const c = await startCluster(n);
  cleanup.push(() => c.close());
  return c;
}

function client(wsUrl: string, id: string, token: string, clientId?: number): TestClient {
  const c = connect(wsUrl, id, token, { clientId });
  cleanup.push(() => c.destroy());
  return c;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const titles = (doc: Y.Doc) => readBoards(doc)['working-well'].map((c) => c.headline).sort();

describe('several servers on one store and one bus', () => {
  it('converges two and three servers with clients split across them', async () => {
    const c = await cluster(3);
    const w = await createWorkshop(c.servers[0]!, { title: 'Split' });
    const clients = c.servers.flatMap((s, i) => [client(s.wsUrl, w.id, w.tokens.host), client(s.wsUrl, w.id, w.tokens.facilitator, 1000 + i)]);
    await Promise.all(clients.map((cl) => synced(cl)));
    clients.forEach((cl, i) => addCard(cl.doc, { board: 'working-well', headline: `From client ${i}`, createdBy: `C${i}` }));
    const want = clients.map((_, i) => `From client ${i}`).sort();
    for (const cl of clients) await waitFor(() => JSON.stringify(titles(cl.doc)) === JSON.stringify(want), 'every card on every client', 20_000);
    // Typing in one card from two servers at once merges.
    const card = readBoards(clients[0]!.doc)['working-well'][0]!.id;
    setCardText(clients[0]!.doc, card, 'quote', 'one');
    setCardText(clients[5]!.doc, card, 'headline', 'Typed on the third server');
    for (const cl of clients) await waitFor(() => readCard(cl.doc, card)?.headline === 'Typed on the third server', 'the edit everywhere', 20_000);
    const vectors = clients.map((cl) => Buffer.from(Y.encodeStateVector(cl.doc)).toString('hex'));
    await waitFor(() => new Set(clients.map((cl) => Buffer.from(Y.encodeStateVector(cl.doc)).toString('hex'))).size === 1, 'the same state everywhere', 20_000);
    expect(vectors.length).toBe(6);
  });

  it('loses nothing when a server is killed while 8 clients write through a proxy', async () => {
    const c = await cluster(2);
    const alive = new Set(c.servers.map((s) => s.child.pid));
    const proxy = await startProxy(() => c.servers.map((s) => ({ port: Number(new URL(s.url).port), alive: alive.has(s.child.pid) })));
    cleanup.push(() => proxy.close());
    const w = await createWorkshop(c.servers[0]!, { title: 'Failover' });
    // Half the writers on each server: the proxy sends the first four to the first, then switch.
    const writers: TestClient[] = [];
    for (let i = 0; i < 8; i++) {
      const viaProxy = i < 4;
      writers.push(client(viaProxy ? proxy.wsUrl : c.servers[1]!.wsUrl, w.id, w.tokens.host, 2000 + i));
    }
    await Promise.all(writers.map((cl) => synced(cl)));
    const sent: string[] = [];
    let n = 0;
    const typing = setInterval(() => {
      writers.forEach((cl, i) => {
        const headline = `Item ${i}-${n}`;
        addCard(cl.doc, { board: 'working-well', headline, createdBy: `W${i}` });
        sent.push(headline);
      });
      n++;
    }, 100);
    await new Promise((r) => setTimeout(r, 1200));
    // The first server dies; its writers reconnect through the proxy to the other.
    alive.delete(c.servers[0]!.child.pid);
    await c.servers[0]!.kill();
    await new Promise((r) => setTimeout(r, 1500));
    clearInterval(typing);
    const watcher = client(c.servers[1]!.wsUrl, w.id, w.tokens.viewer);
    await synced(watcher);
    await waitFor(() => titles(watcher.doc).length === sent.length, `all ${sent.length} items on the survivor`, 30_000);
    expect(titles(watcher.doc)).toEqual([...sent].sort());
    // …and stored: a fresh server on the same store has them too.
    const later = await c.add();
    const fresh = client(later.wsUrl, w.id, w.tokens.viewer);
    await synced(fresh);
    await waitFor(() => titles(fresh.doc).length === sent.length, 'every item from the store', 20_000);
  });

  it('closes sockets on the other server at once when a link is changed on one', async () => {
    const c = await cluster(2);
    const w = await createWorkshop(c.servers[0]!, { title: 'Revoke' });
    const there = client(c.servers[1]!.wsUrl, w.id, w.tokens.participant);
    await synced(there);
    const closed = closeCode(there);
    const res = await fetch(`${c.servers[0]!.url}/api/workshops/${w.id}/links/participant`, { method: 'POST', headers: auth(w.tokens.host) });
    expect(res.status).toBe(200);
    expect(await closed).toBe(4410);
    // …and the old link no longer opens anything there.
    const again = await fetch(`${c.servers[1]!.url}/api/workshops/${w.id}`, { headers: auth(w.tokens.participant) });
    expect(again.status).toBe(401);
  });

  it('reveals a silent round once when two servers are asked at the same moment', async () => {
    const c = await cluster(2);
    const w = await createWorkshop(c.servers[0]!, { title: 'Reveal' });
    const post = (i: number, body: unknown) => fetch(`${c.servers[i]!.url}/api/workshops/${w.id}/session`, { method: 'POST', headers: auth(w.tokens.facilitator), body: JSON.stringify(body) });
    expect((await post(0, { action: 'round', op: 'open', board: 'working-well', showNames: true })).status).toBe(200);
    const person = await fetch(`${c.servers[1]!.url}/api/workshops/${w.id}/people`, { method: 'POST', headers: auth(w.tokens.host), body: JSON.stringify({ name: 'Shona Bell' }) });
    const token = ((await person.json()) as { token: string }).token;
    await fetch(`${c.servers[1]!.url}/api/workshops/${w.id}/round`, { method: 'PUT', headers: auth(token), body: JSON.stringify({ drafts: [{ id: 'a', text: 'Revealed once' }] }) });
    const [a, b] = await Promise.all([post(0, { action: 'round', op: 'reveal' }), post(1, { action: 'round', op: 'reveal' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const watcher = client(c.servers[1]!.wsUrl, w.id, w.tokens.viewer);
    await synced(watcher);
    await waitFor(() => titles(watcher.doc).includes('Revealed once'), 'the revealed card', 20_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(titles(watcher.doc).filter((t) => t === 'Revealed once')).toHaveLength(1);
    const session = client(c.servers[0]!.wsUrl, `${w.id}/session`, w.tokens.viewer);
    await synced(session);
    expect(readSession(session.doc).round).toBeNull();
  });

  it('keeps 20 votes at once, split across two servers, within the budget', async () => {
    const c = await cluster(2);
    const w = await createWorkshop(c.servers[0]!, { title: 'Votes' });
    const h = client(c.servers[0]!.wsUrl, w.id, w.tokens.host);
    await synced(h);
    const card = addCard(h.doc, { board: 'development', headline: 'Vote here', createdBy: 'Host' });
    const other = addCard(h.doc, { board: 'development', headline: 'Or here', createdBy: 'Host' });
    await new Promise((r) => setTimeout(r, 500));
    await fetch(`${c.servers[1]!.url}/api/workshops/${w.id}/session`, { method: 'POST', headers: auth(w.tokens.facilitator), body: JSON.stringify({ action: 'vote', op: 'open', board: 'development', dots: 3, maxPerCard: 2, showLive: false }) });
    const person = await fetch(`${c.servers[0]!.url}/api/workshops/${w.id}/people`, { method: 'POST', headers: auth(w.tokens.host), body: JSON.stringify({ name: 'Voter' }) });
    const token = ((await person.json()) as { token: string }).token;
    const votes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${c.servers[i % 2]!.url}/api/workshops/${w.id}/votes`, { method: 'PUT', headers: auth(token), body: JSON.stringify({ card: i % 4 === 0 ? other : card, change: 1 }) }),
      ),
    );
    expect(votes.filter((r) => r.status === 200).length).toBe(3);
    const mine = (await (await fetch(`${c.servers[1]!.url}/api/workshops/${w.id}/votes`, { headers: auth(token) })).json()) as { mine: Record<string, number>; left: number };
    expect(mine.left).toBe(0);
    expect(mine.mine[card]).toBeLessThanOrEqual(2);
  });

  it('shows a server that joins later everything the others hold', async () => {
    const c = await cluster(2);
    const w = await createWorkshop(c.servers[0]!, { title: 'Later' });
    const a = client(c.servers[0]!.wsUrl, w.id, w.tokens.host);
    const b = client(c.servers[1]!.wsUrl, w.id, w.tokens.host);
    await Promise.all([synced(a), synced(b)]);
    addCard(a.doc, { board: 'working-well', headline: 'On the first', createdBy: 'A' });
    addCard(b.doc, { board: 'working-well', headline: 'On the second', createdBy: 'B' });
    await waitFor(() => titles(a.doc).length === 2 && titles(b.doc).length === 2, 'both cards on both', 20_000);
    const third = await c.add();
    const late = client(third.wsUrl, w.id, w.tokens.viewer);
    await synced(late);
    await waitFor(() => JSON.stringify(titles(late.doc)) === JSON.stringify(['On the first', 'On the second']), 'everything on the third', 20_000);
    // And what is written there reaches the first two.
    const writer = client(third.wsUrl, w.id, w.tokens.host);
    await synced(writer);
    addCard(writer.doc, { board: 'working-well', headline: 'On the third', createdBy: 'C' });
    await waitFor(() => titles(a.doc).length === 3 && titles(b.doc).length === 3, 'the third server’s card on the others', 20_000);
  });
});
