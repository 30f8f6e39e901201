/** Counts of what a fuzz run did and heard, for its report. */
export class Tally {
  /** Messages sent, by who sent them and what they were: "crafted foreignRoot", "honest typeBody". */
  readonly sent = new Map<string, number>();
  /** Refusals heard, by their words with the numbers taken out. */
  readonly refusals = new Map<string, number>();
  /** Connections the server closed, by who held them and the close code. */
  readonly closes = new Map<string, number>();
  /** Phase changes asked for, by phase. */
  readonly phases = new Map<string, number>();

  count(map: Map<string, number>, key: string, n = 1): void {
    map.set(key, (map.get(key) ?? 0) + n);
  }

  sentBy(group: 'crafted' | 'honest'): number {
    let n = 0;
    for (const [key, count] of this.sent) if (key.startsWith(group + ' ')) n += count;
    return n;
  }

  refused(message: string): void {
    this.count(this.refusals, normalise(message));
  }
}

/** A refusal's words without the numbers and names in it, so one reason is counted as one. */
export function normalise(message: string): string {
  const plain = message.replace(/\d[\d,.]*/g, '#').replace(/“[^”]*”/g, '“…”');
  return plain.length > 100 ? plain.slice(0, 99) + '…' : plain;
}
