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
  // Retryable: a broken message, a room that failed to load, a restart.
  malformed: { code: 1007, reason: 'A message could not be read; reconnecting.' },
  tooLarge: { code: 1009, reason: 'A message was too large.' },
  loadFailed: { code: 1011, reason: 'The workshop could not be opened; retrying.' },
  restarting: { code: 1012, reason: 'The server is restarting.' },
  goingAway: { code: 1001, reason: 'The server is stopping; reconnecting when it is back.' },
  tooFast: { code: 1008, reason: 'Too many messages too quickly; reconnecting.' },
} as const;

export function isFinalClose(code: number): boolean {
  return code >= 4400 && code <= 4499;
}

/** The most a single WebSocket message may carry by default (a pasted report is well under this); MAX_MESSAGE_BYTES sets it. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
