import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { CLOSE, COLLAB_PATH, SESSION_ROOM_SUFFIX, WORKSHOP_ID_PATTERN } from '../../shared/protocol.js';
import type { Role } from '../../shared/roles.js';
import type { WorkshopStore } from '../storage/stores.js';
import type { RoomManager } from './roomManager.js';
import { attachConnection, DEFAULT_LIMITS, type ConnectionLimits, type WriteRules } from './connection.js';
import { WorkshopDamaged } from './roomManager.js';
import { writerOf } from './writers.js';
import { refuseOtherPath, refuseUpgrade } from './refusals.js';

type Verdict = { ok: true; id: string; role: Role; session: boolean; owner: string } | { ok: false; close: { code: number; reason: string } };

/** Decide who may join before the WebSocket handshake completes. */
export async function authorise(url: string | undefined, workshops: WorkshopStore): Promise<Verdict> {
  const parsed = new URL(url ?? '/', 'http://localhost');
  // The address must already be in its plain form: "/collab/x/../<id>" or "%2e%2e" that
  // would resolve to a workshop is refused, not followed.
  const raw = (url ?? '/').split('?')[0] ?? '';
  if (raw !== parsed.pathname || /%2e|%2f|\/\./i.test(raw)) return { ok: false, close: CLOSE.badRequest };
  const room = parsed.pathname.slice(COLLAB_PATH.length + 1);
  const session = room.endsWith(SESSION_ROOM_SUFFIX);
  const id = session ? room.slice(0, -SESSION_ROOM_SUFFIX.length) : room;
  if (!WORKSHOP_ID_PATTERN.test(id)) return { ok: false, close: CLOSE.badRequest };
  const token = parsed.searchParams.get('token');
  if (!(await workshops.get(id))) return { ok: false, close: CLOSE.notFound };
  if (!token) return { ok: false, close: CLOSE.unauthorised };
  const identity = await workshops.identify(id, token);
  if (!identity) return { ok: false, close: CLOSE.unauthorised };
  const owner = identity.person ? `person:${identity.person.id}` : writerOf(identity.role, parsed.searchParams.get('person'));
  return { ok: true, id, role: identity.role, session, owner };
}

const SESSION_READ_ONLY = 'Only the facilitator can run the session: use the facilitator controls.';
const VIEWER_READ_ONLY = 'You are viewing this workshop read-only. Ask the host for a participant link.';

/**
 * Who may write what: the session document only through the server; the workshop by
 * role and phase (read per change: the facilitator can change the phase at any moment),
 * decided by the rules table before anything is applied (check.ts).
 */
function writeRules(id: string, role: Role, session: boolean, owner: string, workshops: WorkshopStore): WriteRules {
  const phase = () => workshops.phaseOf(id);
  if (session) return { mayWrite: false, readOnlyReason: SESSION_READ_ONLY, phase, owner };
  if (role === 'viewer') return { mayWrite: false, readOnlyReason: VIEWER_READ_ONLY, phase, owner };
  return { mayWrite: true, readOnlyReason: VIEWER_READ_ONLY, phase, owner };
}

/**
 * Browsers send the page's Origin with a WebSocket request: only Cairn's own pages (same
 * host) and any listed in ALLOWED_ORIGINS may open a live connection, so another site
 * cannot use a visitor's link. Programs that are not browsers send no Origin.
 */
export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin.replace(/\/$/, ''))) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * A function of its own, not a closure: the listener stays on the socket for as long as it
 * is open, and a closure here would share handleUpgrade's context, keeping the upgrade
 * request (its headers and their strings) alive with every connection, about 1.5 KB each.
 */
function destroySocket(this: Duplex): void {
  this.destroy();
}

/**
 * Handles an HTTP upgrade on /collab/<id>. Refusals still complete the handshake so
 * the client gets a close code in 4400-4499 and stops retrying; nothing is read from a
 * refused socket, and it is cut off if the client does not finish the close (refusals.ts).
 */
export function handleUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  deps: { wss: WebSocketServer; workshops: WorkshopStore; rooms: RoomManager; log: Logger; limits?: ConnectionLimits; allowedOrigins?: string[] },
): void {
  const { workshops, log, allowedOrigins = [] } = deps;
  // First of all: Node removes its own error handler before 'upgrade', and a peer that
  // resets mid-reply would otherwise crash the process.
  socket.on('error', destroySocket);
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (!path.startsWith(COLLAB_PATH + '/')) {
    refuseOtherPath(socket, log);
    return;
  }
  const decided: Promise<Verdict> = originAllowed(req, allowedOrigins)
    ? authorise(req.url, workshops).catch((err: Error) => {
        log.warn({ err: err.message }, 'Refused an upgrade whose link could not be checked');
        return { ok: false, close: err instanceof TypeError ? CLOSE.badRequest : CLOSE.loadFailed };
      })
    : Promise.resolve({ ok: false, close: CLOSE.badOrigin });
  void decided.then((verdict) => admit(verdict, req, socket, head, deps));
}

function admit(verdict: Verdict, req: IncomingMessage, socket: Duplex, head: Buffer, deps: Parameters<typeof handleUpgrade>[3]): void {
  const { wss, workshops, rooms, log, limits = DEFAULT_LIMITS } = deps;
  if (socket.destroyed) return;
  if (!verdict.ok) {
    // Counted and summarised in the log, never logged one by one, and never with the URL (it holds the secret).
    refuseUpgrade(req, socket, head, verdict.close, { wss, log });
    return;
  }
  const { id, role, session, owner } = verdict;
  if (!session) void workshops.touch(id).catch((err) => log.warn({ err, workshop: id }, 'Could not note that the workshop was opened'));
  const rules = writeRules(id, role, session, owner, workshops);
  rooms.open(session ? id + SESSION_ROOM_SUFFIX : id).then(
    (room) => {
      if (socket.destroyed) return; // the room unloads on its own if nobody joins
      wss.handleUpgrade(req, socket, head, (ws) => attachConnection(ws, socket, room, rooms, role, log, rules, limits));
    },
    (err) => {
      // A damaged workshop stays closed until the host restores a version: say so, and
      // the client does not retry. Anything else (the database busy) may pass: retry.
      const close = err instanceof WorkshopDamaged ? CLOSE.damaged : CLOSE.loadFailed;
      if (!(err instanceof WorkshopDamaged)) log.error({ err, workshop: id }, 'Could not open a workshop');
      wss.handleUpgrade(req, socket, head, (ws) => ws.close(close.code, close.reason));
    },
  );
}
