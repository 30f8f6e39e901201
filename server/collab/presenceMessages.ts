import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Room } from './room.js';
import type { Connection } from './types.js';

/** Presence is small: a name, a colour, a caret. Bound it so no one can fill memory. */
const MAX_PRESENCE_STATE_BYTES = 16 * 1024;
/** Ids one connection may speak for (a person with a few tabs' worth of editors). */
const MAX_AWARENESS_IDS = 8;

/** One entry of a presence message, its state left as the JSON bytes that came. */
interface PresenceEntry {
  id: number;
  clock: number;
  state: Uint8Array;
}

const NULL_STATE = new TextEncoder().encode('null');
const isRemoval = (state: Uint8Array) => state.length === 4 && state.every((b, i) => b === NULL_STATE[i]);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The entries of a presence message that would change something. A stock y-websocket
 * client sends back every presence change it receives, so most entries are other
 * people's presence repeated: those are left out (as is anyone else's id, which would be
 * a forgery), and a message holding nothing else changes nothing. Throws when the
 * connection would speak for more ids than one person needs.
 */
export function presenceNews(room: Room, conn: Connection, update: Uint8Array): PresenceEntry[] {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  // A repeat holds at most everyone the room has known; more than that is a flood.
  if (count > room.awareness.meta.size + MAX_AWARENESS_IDS) throw new Error('too many presence entries in one message');
  const news: PresenceEntry[] = [];
  let claimed = conn.awarenessIds.size;
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state = decoding.readVarUint8Array(d);
    const owner = room.presence.owners.get(id);
    if (owner && owner !== conn) continue;
    const meta = room.awareness.meta.get(id);
    const removal = isRemoval(state);
    // Removing someone the room never knew changes nothing (and must not grow its memory).
    if (!meta && removal) continue;
    if (meta && (clock < meta.clock || (clock === meta.clock && !(removal && room.awareness.states.has(id))))) continue;
    if (state.length > MAX_PRESENCE_STATE_BYTES) throw new Error('presence state too large');
    // Read now, so a broken entry fails the message before any of it is applied.
    JSON.parse(utf8.decode(state));
    if (!removal && !conn.awarenessIds.has(id) && ++claimed > MAX_AWARENESS_IDS) throw new Error('too many presence ids for one connection');
    news.push({ id, clock, state });
  }
  if (d.pos !== update.length) throw new Error('presence message has bytes after its entries');
  return news;
}

/** Applies the entries that change something, as one awareness update from this connection. */
export function applyPresence(room: Room, conn: Connection, news: PresenceEntry[]): void {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, news.length);
  for (const { id, clock, state } of news) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarUint8Array(e, state);
  }
  awarenessProtocol.applyAwarenessUpdate(room.awareness, encoding.toUint8Array(e), conn);
}

