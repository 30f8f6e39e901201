/** What a counter answers: go ahead, or wait this long before the oldest hit leaves the window. */
export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts hits per key over a sliding window and says whether one more fits. One server
 * counts in its own memory; several count in Redis, so splitting requests across servers
 * buys no more. Handlers see only this.
 */
export interface Counter {
  take(key: string, limit: number, windowMs: number): Promise<Verdict>;
  close(): Promise<void>;
}
