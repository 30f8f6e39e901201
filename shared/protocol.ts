/**
 * The wire contract between the Cairn client and server, used by both sides.
 * Message types are the y-websocket ones, so the stock WebsocketProvider connects.
 */
export const COLLAB_PATH = '/collab';

export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** The session document's room: `<workshopId>/session` (phase, timer, follow, rounds, votes). */
export const SESSION_ROOM_SUFFIX = '/session';

/** Workshop ids are short random strings; anything else is refused before a lookup. */
export const WORKSHOP_ID_PATTERN = /^[a-z0-9]{6,40}$/;

/**
 * Close codes. 4400-4499 tell y-websocket (and our client) not to retry: the link is
 * wrong and retrying cannot help. Other codes mean "try again".
 */
export const CLOSE = {
  badRequest: { code: 4400, reason: 'The address is not a workshop link.' },
  unauthorised: { code: 4401, reason: 'This link is not valid for this workshop.' },
  notFound: { code: 4404, reason: 'No workshop exists at this address.' },
  badOrigin: { code: 4403, reason: 'This page may not open Cairn workshops.' },
  linkChanged: { code: 4410, reason: 'The host has changed this link. Ask them for the new one.' },
  linkWithdrawn: { code: 4411, reason: 'The host has withdrawn your personal link. Ask them for a new one.' },
  /** A workshop whose saved data could not be read or changed: retrying cannot help until the host restores a version. */
  damaged: { code: 4422, reason: 'This workshop could not be opened because of a problem with its saved data. The host can restore a saved version.' },
  // Retryable: a broken message, a room that failed to load, a restart.
  malformed: { code: 1007, reason: 'A message could not be read; reconnecting.' },
  tooLarge: { code: 1009, reason: 'A message was too large.' },
  loadFailed: { code: 1011, reason: 'The workshop could not be opened; retrying.' },
  restarting: { code: 1012, reason: 'The server is restarting.' },
  goingAway: { code: 1001, reason: 'The server is stopping; reconnecting when it is back.' },
  tooFast: { code: 1008, reason: 'Too many messages too quickly; reconnecting.' },
} as const;

/**
 * What the server says when it keeps (part of) a change out, sent as the reason of
 * y-protocols' "permission denied" message, as JSON: a stock client logs it; Cairn's
 * client shows the message beside the card and returns to the server's copy, leaving
 * out only the refused part (`deletes`: deletions it must not send again).
 */
export interface RefusalNotice {
  message: string;
  card: string | null;
  /** [client, clock, length] of each deletion that was not kept. */
  deletes: [number, number, number][];
}

export function encodeRefusal(notice: RefusalNotice): string {
  return JSON.stringify({ cairn: 'refused', ...notice });
}

/** The notice in a "permission denied" reason, or one with just the words for a plain reason. */
export function readRefusal(reason: string): RefusalNotice {
  try {
    const data = JSON.parse(reason) as Partial<RefusalNotice> & { cairn?: string };
    if (data && data.cairn === 'refused' && typeof data.message === 'string') {
      const deletes = Array.isArray(data.deletes) ? data.deletes.filter((d) => Array.isArray(d) && d.length === 3 && d.every((n) => Number.isSafeInteger(n) && n >= 0)) : [];
      return { message: data.message, card: typeof data.card === 'string' ? data.card : null, deletes: deletes as [number, number, number][] };
    }
  } catch {
    // A plain reason (an older server, a read-only link).
  }
  return { message: reason, card: null, deletes: [] };
}

export function isFinalClose(code: number): boolean {
  return code >= 4400 && code <= 4499;
}

/** The most a single WebSocket message may carry by default (a pasted report is well under this); MAX_MESSAGE_BYTES sets it. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
