// Issue 16, item 15: the host can see and copy every current link again from inside the
// workshop. Links are kept sealed with the host's own link; changing a link (the host's
// too) keeps them openable; only the host's link opens them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const links = async (id: string, token: string) => {
  const res = await fetch(`${server.url}/api/workshops/${id}/links`, { headers: auth(token) });
  return { status: res.status, body: (await res.json()) as { links: Record<string, string | null>; error?: string } };
};

describe('every current link, for the host', () => {
  it('shows the four links again, follows a changed link, survives a new host link, and is the host’s alone', async () => {
    const w = await createWorkshop(server, { title: 'Links' });
    expect((await links(w.id, w.tokens.host)).body.links).toEqual(w.links);
    expect((await links(w.id, w.tokens.facilitator)).status).toBe(403);

    const rotated = await fetch(`${server.url}/api/workshops/${w.id}/links/participant`, { method: 'POST', headers: auth(w.tokens.host) });
    const participant = ((await rotated.json()) as { link: string }).link;
    expect((await links(w.id, w.tokens.host)).body.links.participant).toBe(participant);

    const person = await fetch(`${server.url}/api/workshops/${w.id}/people`, { method: 'POST', headers: auth(w.tokens.host), body: JSON.stringify({ name: 'Morag Henderson' }) });
    const personal = ((await person.json()) as { person: { link: string } }).person.link;

    const newHost = await fetch(`${server.url}/api/workshops/${w.id}/links/host`, { method: 'POST', headers: auth(w.tokens.host) });
    const hostToken = ((await newHost.json()) as { token: string }).token;
    const after = (await links(w.id, hostToken)).body.links;
    expect(after.participant).toBe(participant);
    expect(after.facilitator).toBe(w.links.facilitator);
    expect((await links(w.id, w.tokens.host)).status).toBe(401);
    const people = (await (await fetch(`${server.url}/api/workshops/${w.id}/people`, { headers: auth(hostToken) })).json()) as { people: { link: string | null }[] };
    expect(people.people.map((p) => p.link)).toEqual([personal]);
  });
});
