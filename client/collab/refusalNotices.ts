/** How long a refusal ("This card is agreed…") stays beside the card. */
const SHOWN_MS = 12_000;

export interface CardNotice {
  message: string;
  /** Changes each time a new notice arrives, so a repeated message is announced again. */
  seq: number;
}

/**
 * Why the server kept part of this person's change out, per card, for the card to show
 * beside itself (and the header for anything not in a card). Lives across the
 * connection being rebuilt, so the message stays where the person was working.
 */
export class RefusalNotices {
  private readonly byCard = new Map<string, CardNotice>();
  private readonly timers = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private seq = 0;

  show(card: string | null, message: string): void {
    const key = card ?? '';
    this.byCard.set(key, { message, seq: ++this.seq });
    window.clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      window.setTimeout(() => {
        this.byCard.delete(key);
        this.emit();
      }, SHOWN_MS),
    );
    this.emit();
  }

  dismiss(card: string | null): void {
    if (this.byCard.delete(card ?? '')) this.emit();
  }

  /** The notice for a card, or (for null) for the workshop as a whole. */
  forCard(card: string | null): CardNotice | null {
    return this.byCard.get(card ?? '') ?? null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    for (const t of this.timers.values()) window.clearTimeout(t);
    this.listeners.clear();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
