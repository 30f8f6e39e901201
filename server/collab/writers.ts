import { createHash } from 'node:crypto';
import type { Role } from '../../shared/roles.js';

/** A browser's own key, as the client makes it (client/session/personKey.ts). */
const PERSON_KEY = /^[A-Za-z0-9_-]{16,100}$/;

/**
 * Who a connection writes as, for the Yjs client ids it may use, when its link is a
 * role's own (a personal link names its person: `person:<id>`). A browser sends its own
 * secret key (`?person=`), which no one else sees: the ids it writes under stay its own,
 * across reconnections and restarts, and no one else can write under them. A client
 * without one (a script, a stock provider) writes as its link. Stored hashed.
 */
export function writerOf(role: Role, browserKey: string | null): string {
  if (browserKey && PERSON_KEY.test(browserKey)) return 'browser:' + createHash('sha256').update(browserKey).digest('base64url').slice(0, 32);
  return `link:${role}`;
}
