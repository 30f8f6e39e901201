import type { Awareness } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import { isRole, type Role } from '../../shared/roles.js';

/**
 * What each person tells the others through awareness (never the document): who they
 * are, and which card they are writing in. `user` is also what Tiptap's caret reads.
 */
export interface PresenceUser {
  name: string;
  color: string;
  role: Role;
}

export interface Person extends PresenceUser {
  clientId: number;
  isSelf: boolean;
  editing: string | null;
}

const USER_FIELD = 'user';
const EDITING_FIELD = 'editing';

export function announceSelf(awareness: Awareness, user: PresenceUser): void {
  awareness.setLocalStateField(USER_FIELD, user);
}

/**
 * Announces this person again each time the connection comes back. The server forgets
 * someone whose connection dropped, and the stock provider re-sends the presence it had
 * at the same clock, which the server and everyone else take as old news: without a new
 * clock a returning person stays invisible until the provider's 15-second renewal.
 */
export function keepPresenceAcrossReconnects(provider: WebsocketProvider): () => void {
  const onStatus = ({ status }: { status: string }) => {
    const state = provider.awareness.getLocalState();
    if (status === 'connected' && state !== null) provider.awareness.setLocalState(state);
  };
  provider.on('status', onStatus);
  return () => provider.off('status', onStatus);
}

export function announceEditing(awareness: Awareness, cardId: string | null): void {
  const current = awareness.getLocalState()?.[EDITING_FIELD] ?? null;
  if (current !== cardId) awareness.setLocalStateField(EDITING_FIELD, cardId);
}

function asPerson(clientId: number, state: Record<string, unknown>, selfId: number): Person | null {
  const user = state[USER_FIELD] as Partial<PresenceUser> | undefined;
  if (!user || typeof user.name !== 'string' || !user.name) return null;
  const editing = state[EDITING_FIELD];
  return {
    clientId,
    isSelf: clientId === selfId,
    name: user.name,
    color: typeof user.color === 'string' ? user.color : '#333e48',
    role: isRole(user.role) ? user.role : 'participant',
    editing: typeof editing === 'string' ? editing : null,
  };
}

const lastRead = new WeakMap<Awareness, { states: Map<number, unknown>; people: Person[] }>();

/**
 * Everyone here, yourself first, then by name; the same array until someone's presence
 * changes. Every card asks who is writing in it, so with 300 cards a caret moving once
 * was 600 fresh sorted lists; now it is one. Awareness replaces a person's state object
 * whenever it changes, so comparing the objects is enough.
 */
export function currentPeople(awareness: Awareness): Person[] {
  const states = awareness.getStates();
  const last = lastRead.get(awareness);
  if (last && last.states.size === states.size) {
    let same = true;
    for (const [id, state] of states) {
      if (last.states.get(id) !== state) {
        same = false;
        break;
      }
    }
    if (same) return last.people;
  }
  const people = readPeople(awareness);
  lastRead.set(awareness, { states: new Map(states), people });
  return people;
}

/** Everyone here, yourself first, then by name. */
export function readPeople(awareness: Awareness): Person[] {
  const people: Person[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const person = asPerson(clientId, state, awareness.clientID);
    if (person) people.push(person);
  });
  return people.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

export const samePeople = (a: Person[], b: Person[]): boolean =>
  a.length === b.length &&
  a.every((p, i) => {
    const q = b[i]!;
    return p.clientId === q.clientId && p.name === q.name && p.color === q.color && p.role === q.role && p.editing === q.editing && p.isSelf === q.isSelf;
  });
