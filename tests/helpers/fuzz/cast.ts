import * as Y from 'yjs';
import { updateSetup } from '../../../shared/model/index.js';
import type { Role } from '../../../shared/roles.js';
import type { Phase } from '../../../shared/session/phases.js';
import { createWorkshop, waitFor as waitUntil } from '../server.js';
import { join, whenSynced, type Person } from './people.js';
import type { Random } from './random.js';
import { authority, personName } from './words.js';

/** A workshop under fuzzing: its links, the host who watches it throughout, and everyone else in it. */
export interface FuzzWorkshop {
  id: string;
  tokens: Record<Role, string>;
  /**
   * A host connected from start to end who only makes changes no limit can refuse: the
   * server must end up holding exactly what this person's copy holds.
   */
  watcher: Person;
  people: Person[];
  /** The phase as last set (the session API answers before anyone is told). */
  phase: Phase;
}

/** Creates the workshops and seats everyone in them, synced. */
export async function seat(server: { url: string; wsUrl: string }, r: Random, workshops: number, perRole: Record<Role, number>): Promise<FuzzWorkshop[]> {
  const out: FuzzWorkshop[] = [];
  for (let i = 0; i < workshops; i++) {
    const created = await createWorkshop(server, { title: `Fuzz workshop ${i + 1}`, hostAuthority: authority(r), focusQuestion: 'How well do our approaches to curriculum design improve outcomes?' });
    const enter = (role: Role) => join(server.wsUrl, created.id, created.tokens[role], role, personName(r), r.personKey());
    const watcher = enter('host');
    const people: Person[] = [];
    for (const role of Object.keys(perRole) as Role[]) for (let k = 0; k < perRole[role]; k++) people.push(enter(role));
    await Promise.all([watcher, ...people].map((p) => whenSynced(p)));
    // The watcher writes first, so its Yjs client id is its own before any attacker can
    // claim it (the first to write under an id keeps it).
    updateSetup(watcher.doc, { mode: 'mixed' });
    const others = people[0] ?? watcher;
    await waitUntil(() => Y.getState(others.doc.store, watcher.doc.clientID) > 0, 'the watching host’s first change to reach the others');
    out.push({ id: created.id, tokens: created.tokens, watcher, people, phase: 'preparing' });
  }
  return out;
}

/** Client ids honest people of a workshop write under: the ids a forger borrows. */
export function honestIds(w: FuzzWorkshop): number[] {
  return [w.watcher, ...w.people].map((p) => p.doc.clientID);
}
