import type { Logger } from 'pino';
import type { DocStore } from '../storage/docStore.js';

/** Where a room's record of writers is kept and told: the store, the log, the other servers. */
export interface OwnersLife {
  workshop: string;
  store: Pick<DocStore, 'claimWriter' | 'writerOf'>;
  log: Logger;
  /**
   * Other servers may hold and write this workshop: an id the document already holds
   * changes of, with no writer recorded here, may have been claimed there.
   */
  shared: boolean;
  /** A claim made here, to the other servers holding this workshop (PeerRelay.claim). */
  relay(client: number, owner: string): void;
}

/**
 * Who writes under which Yjs client id in one workshop. check.ts lets a connection write
 * only under ids its person owns, so no one can change or delete what another wrote by
 * forging their id; the first change under a new id claims it, and the claim is stored
 * (it holds across reconnections and restarts) and told to the other servers.
 */
export class ClientOwners {
  /** Who writes under each Yjs client id; the server's own id is its own. */
  readonly all = new Map<number, string>();
  /** Ids the store says no one has claimed: with several servers, claimable once asked. */
  private readonly unclaimed = new Set<number>();
  private readonly lookingUp = new Set<number>();

  constructor(
    private readonly serverClient: number,
    private readonly life: OwnersLife,
  ) {
    this.all.set(serverClient, 'server');
  }

  /** The writers stored with the workshop, as it is opened. */
  loaded(stored: ReadonlyMap<number, string>): void {
    for (const [client, owner] of stored) if (client !== this.serverClient) this.all.set(client, owner);
  }

  /**
   * Whether an id with changes in the document and no writer recorded may be claimed now
   * (legacy data, one server); with several servers, only once the store said no one has.
   */
  mayClaimExisting(client: number): boolean {
    return !this.life.shared || this.unclaimed.has(client);
  }

  /** Ask the store who writes under an id another server may have recorded: the sender's next try then knows. */
  lookUp(client: number): void {
    if (this.lookingUp.has(client)) return;
    this.lookingUp.add(client);
    this.life.store.writerOf(this.life.workshop, client).then(
      (owner) => {
        this.lookingUp.delete(client);
        if (owner) this.fromPeer(client, owner);
        else this.unclaimed.add(client);
      },
      () => this.lookingUp.delete(client),
    );
  }

  /** A connection's first change under an id (allowed by check.ts): the id is its person's from now on. */
  claim(client: number, owner: string): void {
    this.all.set(client, owner);
    this.life.store.claimWriter(this.life.workshop, client, owner).catch((err) => this.life.log.error({ err, workshop: this.life.workshop }, 'Could not record who writes under a client id'));
    this.life.relay(client, owner);
  }

  /** Another server recorded who writes under a client id (a claim here is not replaced). */
  fromPeer(client: number, owner: string): void {
    if (!this.all.has(client)) this.all.set(client, owner);
  }
}
