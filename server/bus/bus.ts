/**
 * The bus between servers (Redis pub/sub when REDIS_URL is set; none with one server).
 * It carries what crosses: a workshop's changes and presence, requests for what a server
 * missed, and the few things every server must act on (close a role's connections, an
 * erased workshop, a changed link or phase). A lost message can only delay: every change
 * is in the store before anyone is told it is saved, and servers compare what they hold
 * now and then and send each other what is missing (see server/collab/relay.ts).
 */
export interface Bus {
  /** This server's id, so it can tell its own messages from others'. */
  readonly serverId: string;
  publish(channel: string, message: Uint8Array): void;
  /** Messages on `channel` from other servers. */
  subscribe(channel: string, handler: (message: Uint8Array, from: string) => void): void;
  unsubscribe(channel: string): void;
  /** Called after the connection to the bus came back: messages in between are lost, so everyone catches up. */
  onReconnect(handler: () => void): void;
  close(): Promise<void>;
}
