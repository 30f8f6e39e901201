/**
 * Memory per connection, measured the same way for every server. The baseline is the
 * server's resident memory once it has started and one empty workshop is open (so its
 * code for rooms and connections is loaded: Cairn loads half its code on the first
 * request, the peers load theirs on the first connection); the one client that opened it
 * stays until the end, so that workshop is open at both readings. Per connection is the
 * growth from there with N connections open, divided by N.
 */
import { sleep, within, type Peer } from './harness.js';

/** Long enough for work the connections set off (presence batches, first writes) to finish. */
const SETTLE_MS = 1000;

export interface MemoryBaseline {
  /** Resident memory at the baseline, MB. */
  rssMb: number;
  /** KB of resident memory per connection, with `connections` open now. */
  perConnectionKb(connections: number): Promise<number>;
  /** Lets the baseline workshop go. */
  close(): void;
}

export async function memoryBaseline(peer: Peer): Promise<MemoryBaseline> {
  const room = await peer.room('memory-baseline');
  const client = peer.client(room, 'reader');
  await within(30_000, 'the baseline workshop to open', client.synced());
  await sleep(SETTLE_MS);
  const rssMb = peer.rssMb();
  return {
    rssMb,
    perConnectionKb: async (connections) => {
      await sleep(SETTLE_MS);
      return ((peer.rssMb() - rssMb) * 1024) / connections;
    },
    close: () => client.destroy(),
  };
}
