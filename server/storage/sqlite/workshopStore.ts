import { FOLLOWUP_TABLES } from '../followupStore.js';
import type Database from 'better-sqlite3';
import { ROLES, type Role } from '../../../shared/roles.js';
import { isPhase, type Phase } from '../../../shared/session/index.js';
import { JOIN_CODE_PATTERN, JOIN_CODE_TTL_MS, hashToken, hashesMatch, newJoinCode, newToken, newWorkshopId } from '../../workshops/tokens.js';
import { seal, unseal } from '../../workshops/sealedLinks.js';
import type { Identity, WorkshopRecord, WorkshopStore } from '../stores.js';
import type { SqlitePeopleStore } from './peopleStore.js';
import { SURVEY_TABLES } from '../surveyStore.js';
import { PROGRAMME_WORKSHOP_TABLES } from '../programmeStore.js';

interface Row {
  id: string;
  title: string;
  created_at: string;
  host_hash: Buffer;
  facilitator_hash: Buffer;
  participant_hash: Buffer;
  viewer_hash: Buffer;
  readers_may_export: number;
  phase: string;
}

/** How many workshop rows are kept in memory; the oldest read is dropped first. */
const CACHED_ROWS = 5000;

/**
 * Workshops and the hashes of their four link secrets, in SQLite. Plain tokens are never
 * stored. Rows are kept in memory once read, since every connection and request looks
 * one up (a room of 50 joining is 50 lookups); with SQLite this process is the only
 * writer, so it keeps the copies true.
 */
export class SqliteWorkshopStore implements WorkshopStore {
  private readonly rows = new Map<string, Row>();
  private readonly insertRow;
  private readonly selectRow;
  private readonly updateReadersMayExport;
  private readonly updatePhase;
  private readonly insertCode;
  private readonly touchRow;
  private readonly untouched;
  private readonly selectCode;

  constructor(
    private readonly db: Database.Database,
    private readonly people: SqlitePeopleStore,
  ) {
    this.insertRow = db.prepare(
      'INSERT INTO workshops (id, title, created_at, host_hash, facilitator_hash, participant_hash, viewer_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectRow = db.prepare('SELECT * FROM workshops WHERE id = ?');
    this.updateReadersMayExport = db.prepare('UPDATE workshops SET readers_may_export = ? WHERE id = ?');
    this.updatePhase = db.prepare('UPDATE workshops SET phase = ? WHERE id = ?');
    this.touchRow = db.prepare('UPDATE workshops SET touched_at = ? WHERE id = ?');
    this.untouched = db.prepare('SELECT id FROM workshops WHERE coalesce(touched_at, created_at) < ?');
    this.insertCode = db.prepare('INSERT INTO join_codes (code_hash, workshop, role, expires_at) VALUES (?, ?, ?, ?)');
    this.selectCode = db.prepare('SELECT workshop, role FROM join_codes WHERE code_hash = ? AND expires_at > ?');
  }

  /**
   * Creates a workshop and returns its tokens: the only time they exist in plain. The
   * other roles' links are also kept sealed with the host's, so the host can see them again.
   */
  async create(title: string): Promise<{ record: WorkshopRecord; tokens: Record<Role, string> }> {
    const id = newWorkshopId();
    const createdAt = new Date().toISOString();
    const tokens = Object.fromEntries(ROLES.map((r) => [r, newToken()])) as Record<Role, string>;
    this.insertRow.run(id, title, createdAt, ...ROLES.map((r) => hashToken(tokens[r])));
    this.writeSealed(id, tokens.host, tokens);
    return { record: { id, title, createdAt, readersMayExport: false, phase: 'preparing' }, tokens };
  }

  /** The other roles' links as the host's own link opens them (null where one cannot be opened: made before links were kept, or sealed with an older host link). */
  async sealedLinks(id: string, hostToken: string): Promise<Record<Exclude<Role, 'host'>, string | null>> {
    return this.openSealed(id, hostToken);
  }

  private openSealed(id: string, hostToken: string): Record<Exclude<Role, 'host'>, string | null> {
    const raw = (this.db.prepare('SELECT sealed_links FROM workshops WHERE id = ?').get(id) as { sealed_links: string | null } | undefined)?.sealed_links;
    const sealed = raw ? (JSON.parse(raw) as Partial<Record<Role, string>>) : {};
    const open = (role: Exclude<Role, 'host'>) => (sealed[role] ? unseal(hostToken, id, sealed[role]!) : null);
    return { facilitator: open('facilitator'), participant: open('participant'), viewer: open('viewer') };
  }

  private writeSealed(id: string, hostToken: string, tokens: Partial<Record<Role, string | null>>): void {
    const sealed: Partial<Record<Role, string>> = {};
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const token = tokens[role];
      if (token) sealed[role] = seal(hostToken, id, token);
    }
    this.db.prepare('UPDATE workshops SET sealed_links = ? WHERE id = ?').run(JSON.stringify(sealed), id);
  }

  /** The stored row, from memory when it has been read before. Missing ids are not remembered. */
  private row(id: string): Row | undefined {
    let row = this.rows.get(id);
    if (row) return row;
    row = this.selectRow.get(id) as Row | undefined;
    if (!row) return undefined;
    if (this.rows.size >= CACHED_ROWS) this.rows.delete(this.rows.keys().next().value!);
    this.rows.set(id, row);
    return row;
  }

  async get(id: string): Promise<WorkshopRecord | null> {
    return this.record(id);
  }

  private record(id: string): WorkshopRecord | null {
    const row = this.row(id);
    if (!row) return null;
    return { id: row.id, title: row.title, createdAt: row.created_at, readersMayExport: row.readers_may_export === 1, phase: isPhase(row.phase) ? row.phase : 'preparing' };
  }

  private readonly touched = new Map<string, number>();

  /**
   * Someone opened the workshop: it counts as in use for the retention setting. Written at
   * most once an hour per workshop, so a room of people joining is not a row of writes.
   */
  async touch(id: string, at = new Date()): Promise<void> {
    const last = this.touched.get(id);
    if (last !== undefined && at.getTime() - last < 60 * 60 * 1000) return;
    this.touched.set(id, at.getTime());
    this.touchRow.run(at.toISOString(), id);
  }

  private readonly phases = new Map<string, Phase>();

  /** The session's phase, read for every checked change: kept in memory after the first read. */
  phaseOf(id: string): Phase {
    let phase = this.phases.get(id);
    if (phase === undefined) {
      phase = this.record(id)?.phase ?? 'preparing';
      this.phases.set(id, phase);
    }
    return phase;
  }

  /** Workshops nobody has opened since `before` (their creation counts as opening). */
  async untouchedSince(before: Date): Promise<string[]> {
    return (this.untouched.all(before.toISOString()) as { id: string }[]).map((r) => r.id);
  }

  /**
   * A new secret for one role's link; the old one stops working at once. Changing the
   * participant link also ends every join code, since codes stand in for it. `hostToken`
   * (the host's link, with which the change is asked for) keeps the sealed links true: a
   * new link is sealed with it, and a new host link re-seals every other link, the
   * personal ones too.
   */
  async rotate(id: string, role: Role, hostToken: string): Promise<string> {
    const token = newToken();
    const links = this.openSealed(id, hostToken);
    this.db.transaction(() => {
      this.db.prepare(`UPDATE workshops SET ${role}_hash = ? WHERE id = ?`).run(hashToken(token), id);
      if (role === 'participant') this.db.prepare('DELETE FROM join_codes WHERE workshop = ?').run(id);
      if (role === 'host') {
        this.writeSealed(id, token, links);
        this.people.resealNow(id, (sealed) => unseal(hostToken, id, sealed), (secret) => seal(token, id, secret));
      } else this.writeSealed(id, hostToken, { ...links, [role]: token });
    })();
    this.rows.delete(id);
    return token;
  }

  /**
   * Erase a workshop and everything kept about it: its record, its documents (board and
   * session), dots, silent-round cards and join codes. With secure_delete on and the WAL
   * checkpointed, the words are gone from the files on disk too.
   */
  async erase(id: string, documents: string[], untouchedBefore?: Date): Promise<boolean> {
    const erased = this.db.transaction(() => {
      if (untouchedBefore && !this.db.prepare('SELECT 1 FROM workshops WHERE id = ? AND coalesce(touched_at, created_at) < ?').get(id, untouchedBefore.toISOString())) return false;
      for (const doc of documents) {
        this.db.prepare('DELETE FROM doc_updates WHERE doc = ?').run(doc);
        this.db.prepare('DELETE FROM doc_state WHERE doc = ?').run(doc);
        this.db.prepare('DELETE FROM doc_writers WHERE doc = ?').run(doc);
      }
      for (const table of ['votes', 'round_drafts', 'join_codes', 'versions', 'people', 'published_reports', 'library_entries', ...FOLLOWUP_TABLES, ...SURVEY_TABLES, ...PROGRAMME_WORKSHOP_TABLES]) this.db.prepare(`DELETE FROM ${table} WHERE workshop = ?`).run(id);
      this.db.prepare('DELETE FROM workshops WHERE id = ?').run(id);
      return true;
    })();
    if (!erased) return false;
    this.phases.delete(id);
    this.touched.delete(id);
    this.rows.delete(id);
    // The background checkpointer may hold the checkpoint lock for a moment; the erased
    // words stay in the log until a full checkpoint has run, so try until one has.
    for (let attempt = 0; attempt < 50; attempt++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (!result || result.busy === 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('The workshop was deleted, but its text may remain in the database log until the next checkpoint: the database stayed busy.');
  }

  async setPhase(id: string, phase: Phase): Promise<void> {
    this.updatePhase.run(phase, id);
    this.phases.set(id, phase);
    this.rows.delete(id);
  }

  async setReadersMayExport(id: string, allowed: boolean): Promise<void> {
    this.updateReadersMayExport.run(allowed ? 1 : 0, id);
    this.rows.delete(id);
  }

  forget(id: string): void {
    this.rows.delete(id);
    this.phases.delete(id);
  }

  /**
   * The role a token grants, or null. Every role's hash is compared, without stopping
   * early, so timing tells nothing about which (if any) matched.
   */
  private roleFor(id: string, token: string): Role | null {
    const row = this.row(id);
    if (!row) return null;
    const candidate = hashToken(token);
    let found: Role | null = null;
    for (const role of ROLES) {
      const match = hashesMatch(candidate, row[`${role}_hash`]);
      if (match && found === null) found = role;
    }
    if (found === null && JOIN_CODE_PATTERN.test(token)) {
      const code = this.code(token);
      if (code?.workshop === id) found = code.role;
    }
    return found;
  }

  /** The role a secret grants and, for a personal link, whose it is; null when it opens nothing. */
  async identify(id: string, token: string): Promise<Identity | null> {
    const role = this.roleFor(id, token);
    if (role) return { role, person: null };
    if (!this.row(id)) return null;
    const person = this.people.identifyNow(id, token);
    return person ? { role: 'participant', person } : null;
  }

  /**
   * A short code that joins as a participant, for a QR code and a link typed from the
   * projector. It works like the participant link until it expires; only its hash is kept.
   */
  async createJoinCode(id: string, now = Date.now()): Promise<{ code: string; expiresAt: number }> {
    const code = newJoinCode();
    const expiresAt = now + JOIN_CODE_TTL_MS;
    this.insertCode.run(hashToken(code), id, 'participant', expiresAt);
    return { code, expiresAt };
  }

  /** The workshop and role a join code opens, while it lasts. */
  async codeFor(code: string): Promise<{ workshop: string; role: Role } | null> {
    return this.code(code);
  }

  private code(code: string, now = Date.now()): { workshop: string; role: Role } | null {
    if (!JOIN_CODE_PATTERN.test(code)) return null;
    const row = this.selectCode.get(hashToken(code), now) as { workshop: string; role: Role } | undefined;
    return row ?? null;
  }
}
