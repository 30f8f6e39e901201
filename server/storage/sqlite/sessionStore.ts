import type Database from 'better-sqlite3';
import { hashToken } from '../../workshops/tokens.js';
import type { RoundDraft, SessionStore } from '../stores.js';

/**
 * The private half of a session: each person's dots in a vote, and the cards each person
 * writes in a silent round. Kept in SQLite, never in a shared document, so nothing here
 * reaches another browser until the server decides it should (a vote closes, a round is
 * revealed). A person is known by a key their browser makes; only its hash is stored.
 */
export class SqliteSessionStore implements SessionStore {
  private readonly selectDots;
  private readonly upsertDots;
  private readonly deleteDots;
  private readonly totalsRows;
  private readonly votersCount;
  private readonly selectDrafts;
  private readonly upsertDrafts;
  private readonly allDrafts;
  private readonly deleteRound;

  constructor(private readonly db: Database.Database) {
    this.selectDots = db.prepare('SELECT card, dots FROM votes WHERE workshop = ? AND vote = ? AND voter = ?');
    this.upsertDots = db.prepare(
      'INSERT INTO votes (workshop, vote, voter, card, dots) VALUES (?, ?, ?, ?, ?) ON CONFLICT (workshop, vote, voter, card) DO UPDATE SET dots = excluded.dots',
    );
    this.deleteDots = db.prepare('DELETE FROM votes WHERE workshop = ? AND vote = ? AND voter = ? AND card = ?');
    this.totalsRows = db.prepare('SELECT card, SUM(dots) AS dots FROM votes WHERE workshop = ? AND vote = ? GROUP BY card');
    this.votersCount = db.prepare('SELECT COUNT(DISTINCT voter) AS n FROM votes WHERE workshop = ? AND vote = ?');
    this.selectDrafts = db.prepare('SELECT drafts FROM round_drafts WHERE workshop = ? AND round = ? AND writer = ?');
    this.upsertDrafts = db.prepare(
      'INSERT INTO round_drafts (workshop, round, writer, author, drafts, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workshop, round, writer) DO UPDATE SET author = excluded.author, drafts = excluded.drafts, updated_at = excluded.updated_at',
    );
    this.allDrafts = db.prepare('SELECT author, drafts FROM round_drafts WHERE workshop = ? AND round = ? ORDER BY updated_at');
    this.deleteRound = db.prepare('DELETE FROM round_drafts WHERE workshop = ? AND round = ?');
  }

  /** One person's dots in a vote, by card. */
  async dotsOf(workshop: string, vote: string, voter: string): Promise<Record<string, number>> {
    return this.dotsNow(workshop, vote, voter);
  }

  private dotsNow(workshop: string, vote: string, voter: string): Record<string, number> {
    const rows = this.selectDots.all(workshop, vote, hashToken(voter)) as { card: string; dots: number }[];
    return Object.fromEntries(rows.map((r) => [r.card, r.dots]));
  }

  /**
   * Adds or removes one dot, inside one SQLite transaction so two requests at once cannot
   * both pass the budget check. Returns the person's dots after, or the reason it was refused.
   */
  async changeDot(workshop: string, vote: { id: string; dots: number; maxPerCard: number | null }, voter: string, card: string, change: 1 | -1): Promise<Record<string, number> | string> {
    return this.db.transaction(() => {
      const mine = this.dotsNow(workshop, vote.id, voter);
      const used = Object.values(mine).reduce((a, b) => a + b, 0);
      const onCard = mine[card] ?? 0;
      if (change === 1 && used >= vote.dots) return `You have placed all ${vote.dots} of your dots. Take one off a card to move it.`;
      if (change === 1 && vote.maxPerCard !== null && onCard >= vote.maxPerCard) return `At most ${vote.maxPerCard} ${vote.maxPerCard === 1 ? 'dot' : 'dots'} can go on one card in this vote.`;
      if (change === -1 && onCard === 0) return 'You have no dot on that card to take off.';
      const next = onCard + change;
      if (next === 0) this.deleteDots.run(workshop, vote.id, hashToken(voter), card);
      else this.upsertDots.run(workshop, vote.id, hashToken(voter), card, next);
      return { ...mine, [card]: next };
    })();
  }

  async totals(workshop: string, vote: string): Promise<{ totals: Record<string, number>; voters: number }> {
    const rows = this.totalsRows.all(workshop, vote) as { card: string; dots: number }[];
    const { n } = this.votersCount.get(workshop, vote) as { n: number };
    return { totals: Object.fromEntries(rows.map((r) => [r.card, r.dots])), voters: n };
  }

  async draftsOf(workshop: string, round: string, writer: string): Promise<RoundDraft[]> {
    const row = this.selectDrafts.get(workshop, round, hashToken(writer)) as { drafts: string } | undefined;
    return row ? (JSON.parse(row.drafts) as RoundDraft[]) : [];
  }

  async saveDrafts(workshop: string, round: string, writer: string, author: string, drafts: RoundDraft[]): Promise<void> {
    this.upsertDrafts.run(workshop, round, hashToken(writer), author, JSON.stringify(drafts), new Date().toISOString());
  }

  /** Every person's cards in a round, oldest writer first. */
  async roundDrafts(workshop: string, round: string): Promise<{ author: string; drafts: RoundDraft[] }[]> {
    return this.roundNow(workshop, round);
  }

  private roundNow(workshop: string, round: string): { author: string; drafts: RoundDraft[] }[] {
    const rows = this.allDrafts.all(workshop, round) as { author: string; drafts: string }[];
    return rows.map((r) => ({ author: r.author, drafts: JSON.parse(r.drafts) as RoundDraft[] }));
  }

  async writersIn(workshop: string, round: string): Promise<number> {
    return this.roundNow(workshop, round).filter((r) => r.drafts.some((d) => d.text.trim())).length;
  }

  async clearRound(workshop: string, round: string): Promise<void> {
    this.deleteRound.run(workshop, round);
  }
}
