/**
 * Memory per connection, measured the same way for every server. The baseline is the
 * server once it has started and one empty workshop is open (so its code for rooms and
 * connections is loaded: Cairn loads half its code on the first request, the peers load
 * theirs on the first connection); the one client that opened it stays until the end, so
 * that workshop is open at both readings. Per connection is the growth from there with N
 * connections open, divided by N. Each reading follows a full garbage collection in the
 * server (inspector.ts), so it does not depend on when the server last collected.
 */
import { sleep, within, type Peer } from './harness.js';

/** Long enough for work the connections set off (presence batches, first writes) to finish. */
const SETTLE_MS = 1000;

export interface MemoryPerConnection {
  /** Resident memory (what the machine gives the process), KB per connection. */
  rssKb: number;
  /** The JavaScript heap in use, KB per connection (NaN without the inspector). */
  heapKb: number;
}

export interface MemoryBaseline {
  /** Memory per connection, with `connections` open now. */
  perConnection(connections: number): Promise<MemoryPerConnection>;
  /** Lets the baseline workshop go. */
  close(): void;
}

async function reading(peer: Peer): Promise<{ rssMb: number; heapMb: number }> {
  await sleep(SETTLE_MS);
  const heap = await peer.collectGarbage();
  return { rssMb: peer.rssMb(), heapMb: heap?.heapUsedMb ?? NaN };
}

export async function memoryBaseline(peer: Peer): Promise<MemoryBaseline> {
  const room = await peer.room('memory-baseline');
  const client = peer.client(room, 'reader');
  await within(30_000, 'the baseline workshop to open', client.synced());
  const base = await reading(peer);
  return {
    perConnection: async (connections) => {
      const now = await reading(peer);
      return { rssKb: ((now.rssMb - base.rssMb) * 1024) / connections, heapKb: ((now.heapMb - base.heapMb) * 1024) / connections };
    },
    close: () => client.destroy(),
  };
}
