import type pg from 'pg';
import { hashToken } from '../../workshops/tokens.js';
import type { RoundDraft, SessionStore } from '../stores.js';
import { inTransaction, int, type Queryable } from './pool.js';

/**
 * The private half of a session in PostgreSQL: each person's dots, and their silent-round
 * cards before the reveal. A person is known by a key their browser makes; only its hash
 * is stored.
 */
export class PostgresSessionStore implements SessionStore {
  constructor(private readonly pool: pg.Pool) {}

  async dotsOf(workshop: string, vote: string, voter: string): Promise<Record<string, number>> {
    return dots(this.pool, workshop, vote, hashToken(voter));
  }

  /**
   * Adds or removes one dot. The budget check and the write are one transaction holding
   * an advisory lock on this person's dots in this vote, so requests at once, on any
   * server, take turns: none can pass the check on a count another is about to change.
   */
  async changeDot(workshop: string, vote: { id: string; dots: number; maxPerCard: number | null }, voter: string, card: string, change: 1 | -1): Promise<Record<string, number> | string> {
    const who = hashToken(voter);
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`dots:${workshop}:${vote.id}:${who.toString('hex')}`]);
      const mine = await dots(client, workshop, vote.id, who);
      const used = Object.values(mine).reduce((a, b) => a + b, 0);
      const onCard = mine[card] ?? 0;
      if (change === 1 && used >= vote.dots) return `You have placed all ${vote.dots} of your dots. Take one off a card to move it.`;
      if (change === 1 && vote.maxPerCard !== null && onCard >= vote.maxPerCard) return `At most ${vote.maxPerCard} ${vote.maxPerCard === 1 ? 'dot' : 'dots'} can go on one card in this vote.`;
      if (change === -1 && onCard === 0) return 'You have no dot on that card to take off.';
      const next = onCard + change;
      if (next === 0) await client.query('DELETE FROM votes WHERE workshop = $1 AND vote = $2 AND voter = $3 AND card = $4', [workshop, vote.id, who, card]);
      else
        await client.query(
          'INSERT INTO votes (workshop, vote, voter, card, dots) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workshop, vote, voter, card) DO UPDATE SET dots = excluded.dots',
          [workshop, vote.id, who, card, next],
        );
      return { ...mine, [card]: next };
    });
  }

  async totals(workshop: string, vote: string): Promise<{ totals: Record<string, number>; voters: number }> {
    const [totals, voters] = await Promise.all([
      this.pool.query<{ card: string; dots: string }>('SELECT card, sum(dots) AS dots FROM votes WHERE workshop = $1 AND vote = $2 GROUP BY card', [workshop, vote]),
      this.pool.query<{ n: string }>('SELECT count(DISTINCT voter) AS n FROM votes WHERE workshop = $1 AND vote = $2', [workshop, vote]),
    ]);
    return { totals: Object.fromEntries(totals.rows.map((r) => [r.card, int(r.dots)])), voters: int(voters.rows[0]?.n) };
  }

  async draftsOf(workshop: string, round: string, writer: string): Promise<RoundDraft[]> {
    const { rows } = await this.pool.query<{ drafts: string }>('SELECT drafts FROM round_drafts WHERE workshop = $1 AND round = $2 AND writer = $3', [
      workshop,
      round,
      hashToken(writer),
    ]);
    return rows[0] ? (JSON.parse(rows[0].drafts) as RoundDraft[]) : [];
  }

  async saveDrafts(workshop: string, round: string, writer: string, author: string, drafts: RoundDraft[]): Promise<void> {
    await this.pool.query(
      'INSERT INTO round_drafts (workshop, round, writer, author, drafts, updated_at) VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (workshop, round, writer) DO UPDATE SET author = excluded.author, drafts = excluded.drafts, updated_at = excluded.updated_at',
      [workshop, round, hashToken(writer), author, JSON.stringify(drafts)],
    );
  }

  /** Every person's cards in a round, oldest writer first. */
  async roundDrafts(workshop: string, round: string): Promise<{ author: string; drafts: RoundDraft[] }[]> {
    const { rows } = await this.pool.query<{ author: string; drafts: string }>('SELECT author, drafts FROM round_drafts WHERE workshop = $1 AND round = $2 ORDER BY updated_at', [
      workshop,
      round,
    ]);
    return rows.map((r) => ({ author: r.author, drafts: JSON.parse(r.drafts) as RoundDraft[] }));
  }

  async writersIn(workshop: string, round: string): Promise<number> {
    return (await this.roundDrafts(workshop, round)).filter((r) => r.drafts.some((d) => d.text.trim())).length;
  }

  async clearRound(workshop: string, round: string): Promise<void> {
    await this.pool.query('DELETE FROM round_drafts WHERE workshop = $1 AND round = $2', [workshop, round]);
  }
}

async function dots(db: Queryable, workshop: string, vote: string, voter: Buffer): Promise<Record<string, number>> {
  const { rows } = await db.query<{ card: string; dots: number }>('SELECT card, dots FROM votes WHERE workshop = $1 AND vote = $2 AND voter = $3', [workshop, vote, voter]);
  return Object.fromEntries(rows.map((r) => [r.card, r.dots]));
}
