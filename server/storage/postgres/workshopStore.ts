import { FOLLOWUP_TABLES } from '../followupStore.js';
import type pg from 'pg';
import type { Logger } from 'pino';
import { ROLES, type Role } from '../../../shared/roles.js';
import type { Phase } from '../../../shared/session/index.js';
import { isPhase } from '../../../shared/session/index.js';
import { JOIN_CODE_PATTERN, JOIN_CODE_TTL_MS, hashToken, hashesMatch, newJoinCode, newToken, newWorkshopId } from '../../workshops/tokens.js';
import { seal, unseal } from '../../workshops/sealedLinks.js';
import type { Identity, WorkshopRecord, WorkshopStore } from '../stores.js';
import { inTransaction, type Queryable } from './pool.js';
import { resealPeople } from './peopleStore.js';
import { PhaseMemory } from './phases.js';
import { SURVEY_TABLES } from '../surveyStore.js';
import { PROGRAMME_WORKSHOP_TABLES } from '../programmeStore.js';

type OtherRole = Exclude<Role, 'host'>;

/** A link is checked against the row, the join codes and the people in one round trip. */
const IDENTIFY = `
  SELECT w.phase, w.host_hash, w.facilitator_hash, w.participant_hash, w.viewer_hash,
    (SELECT c.role FROM join_codes c WHERE c.code_hash = $3 AND c.workshop = w.id AND c.expires_at > $4) AS code_role,
    p.id AS person_id, p.name AS person_name, p.source AS person_source, p.created_at AS person_created_at
  FROM workshops w
  LEFT JOIN people p ON p.workshop = w.id AND p.token_hash = $2 AND p.revoked_at IS NULL
  WHERE w.id = $1`;

interface IdentifyRow extends Record<`${Role}_hash`, Buffer> {
  phase: string;
  code_role: Role | null;
  person_id: string | null;
  person_name: string | null;
  person_source: 'invited' | 'shared-link' | null;
  person_created_at: Date | null;
}

/** Touches are written at most once an hour per workshop by each server. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

/**
 * Workshops and the hashes of their four link secrets, in PostgreSQL, shared by every
 * server. Nothing about a link is remembered between calls: every check reads the
 * database, so a link changed or withdrawn on one server stops working on all of them at
 * once. Only the phase is kept in memory (phases.ts), because the change check reads it
 * synchronously.
 */
export class PostgresWorkshopStore implements WorkshopStore {
  private readonly phases: PhaseMemory;
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly pool: pg.Pool,
    log: Logger,
  ) {
    this.phases = new PhaseMemory(pool, log);
  }

  async create(title: string): Promise<{ record: WorkshopRecord; tokens: Record<Role, string> }> {
    const id = newWorkshopId();
    const createdAt = new Date().toISOString();
    const tokens = Object.fromEntries(ROLES.map((r) => [r, newToken()])) as Record<Role, string>;
    await this.pool.query(
      'INSERT INTO workshops (id, title, created_at, host_hash, facilitator_hash, participant_hash, viewer_hash, sealed_links) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, title, createdAt, ...ROLES.map((r) => hashToken(tokens[r])), sealLinks(id, tokens.host, tokens)],
    );
    this.phases.set(id, 'preparing');
    return { record: { id, title, createdAt, readersMayExport: false, phase: 'preparing' }, tokens };
  }

  async get(id: string): Promise<WorkshopRecord | null> {
    const generation = this.phases.generation(id);
    const { rows } = await this.pool.query<{ id: string; title: string; created_at: Date; readers_may_export: boolean; phase: string }>(
      'SELECT id, title, created_at, readers_may_export, phase FROM workshops WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    this.phases.learn(id, row.phase, generation);
    return { id: row.id, title: row.title, createdAt: row.created_at.toISOString(), readersMayExport: row.readers_may_export, phase: isPhase(row.phase) ? row.phase : 'preparing' };
  }

  /**
   * The role a secret grants and, for a personal link, whose. Every role's hash is
   * compared, without stopping early, so timing tells nothing about which (if any) matched.
   */
  async identify(id: string, token: string): Promise<Identity | null> {
    const generation = this.phases.generation(id);
    const candidate = hashToken(token);
    const code = JOIN_CODE_PATTERN.test(token) ? candidate : null;
    const { rows } = await this.pool.query<IdentifyRow>(IDENTIFY, [id, candidate, code, Date.now()]);
    const row = rows[0];
    if (!row) return null;
    this.phases.learn(id, row.phase, generation);
    let found: Role | null = null;
    for (const role of ROLES) {
      const match = hashesMatch(candidate, row[`${role}_hash`]);
      if (match && found === null) found = role;
    }
    if (found === null && row.code_role) found = row.code_role;
    if (found) return { role: found, person: null };
    if (!row.person_id) return null;
    return {
      role: 'participant',
      person: { id: row.person_id, name: row.person_name!, source: row.person_source!, createdAt: row.person_created_at!.toISOString() },
    };
  }

  async touch(id: string, at = new Date()): Promise<void> {
    const last = this.touched.get(id);
    if (last !== undefined && at.getTime() - last < TOUCH_EVERY_MS) return;
    this.touched.set(id, at.getTime());
    await this.pool.query('UPDATE workshops SET touched_at = $1 WHERE id = $2', [at, id]);
  }

  phaseOf(id: string): Phase {
    return this.phases.phaseOf(id);
  }

  async setPhase(id: string, phase: Phase): Promise<void> {
    await this.pool.query('UPDATE workshops SET phase = $1 WHERE id = $2', [phase, id]);
    this.phases.set(id, phase);
  }

  async setReadersMayExport(id: string, allowed: boolean): Promise<void> {
    await this.pool.query('UPDATE workshops SET readers_may_export = $1 WHERE id = $2', [allowed, id]);
  }

  /**
   * A new secret for one role's link; the old one stops working at once, on every server.
   * Changing the participant link also ends every join code. The row is locked while the
   * sealed links are read and written again, so two changes at once cannot lose one.
   */
  async rotate(id: string, role: Role, hostToken: string): Promise<string> {
    const token = newToken();
    await inTransaction(this.pool, async (client) => {
      const links = await openSealed(client, id, hostToken, true);
      await client.query(`UPDATE workshops SET ${role}_hash = $1 WHERE id = $2`, [hashToken(token), id]);
      if (role === 'participant') await client.query('DELETE FROM join_codes WHERE workshop = $1', [id]);
      if (role === 'host') {
        await writeSealed(client, id, token, links);
        await resealPeople(client, id, (sealed) => unseal(hostToken, id, sealed), (secret) => seal(token, id, secret));
      } else await writeSealed(client, id, hostToken, { ...links, [role]: token });
    });
    return token;
  }

  async sealedLinks(id: string, hostToken: string): Promise<Record<OtherRole, string | null>> {
    return openSealed(this.pool, id, hostToken, false);
  }

  async untouchedSince(before: Date): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM workshops WHERE coalesce(touched_at, created_at) < $1', [before]);
    return rows.map((r) => r.id);
  }

  /**
   * Erase a workshop and everything kept about it, in one transaction: its record, its
   * documents (board and session) and their writers, people, dots, silent-round cards,
   * join codes and versions. PostgreSQL frees the space when it next vacuums the tables.
   */
  async erase(id: string, documents: string[], untouchedBefore?: Date): Promise<boolean> {
    const erased = await inTransaction(this.pool, async (client) => {
      if (untouchedBefore) {
        // The row is locked to the end: a server noting the workshop opened waits, then finds it gone.
        const { rows } = await client.query('SELECT 1 FROM workshops WHERE id = $1 AND coalesce(touched_at, created_at) < $2 FOR UPDATE', [id, untouchedBefore]);
        if (rows.length === 0) return false;
      }
      for (const table of ['doc_updates', 'doc_state', 'doc_writers']) await client.query(`DELETE FROM ${table} WHERE doc = ANY($1)`, [documents]);
      for (const table of ['votes', 'round_drafts', 'join_codes', 'versions', 'people', 'published_reports', 'library_entries', ...FOLLOWUP_TABLES, ...SURVEY_TABLES, ...PROGRAMME_WORKSHOP_TABLES]) await client.query(`DELETE FROM ${table} WHERE workshop = $1`, [id]);
      await client.query('DELETE FROM workshops WHERE id = $1', [id]);
      return true;
    });
    if (!erased) return false;
    this.phases.drop(id);
    this.touched.delete(id);
    return true;
  }

  async createJoinCode(id: string, now = Date.now()): Promise<{ code: string; expiresAt: number }> {
    const code = newJoinCode();
    const expiresAt = now + JOIN_CODE_TTL_MS;
    await this.pool.query('INSERT INTO join_codes (code_hash, workshop, role, expires_at) VALUES ($1, $2, $3, $4)', [hashToken(code), id, 'participant', expiresAt]);
    return { code, expiresAt };
  }

  async codeFor(code: string): Promise<{ workshop: string; role: Role } | null> {
    if (!JOIN_CODE_PATTERN.test(code)) return null;
    const { rows } = await this.pool.query<{ workshop: string; role: Role }>('SELECT workshop, role FROM join_codes WHERE code_hash = $1 AND expires_at > $2', [
      hashToken(code),
      Date.now(),
    ]);
    return rows[0] ?? null;
  }

  /** Another server changed the workshop: its phase is read again now (links are never remembered). */
  forget(id: string): void {
    this.phases.reread(id);
  }

  close(): void {
    this.phases.stop();
  }
}

/** The other roles' links, sealed with the host's (sealedLinks.ts), as stored. */
function sealLinks(id: string, hostToken: string, tokens: Partial<Record<Role, string | null>>): string {
  const sealed: Partial<Record<Role, string>> = {};
  for (const role of ['facilitator', 'participant', 'viewer'] as const) {
    const token = tokens[role];
    if (token) sealed[role] = seal(hostToken, id, token);
  }
  return JSON.stringify(sealed);
}

async function writeSealed(db: Queryable, id: string, hostToken: string, tokens: Partial<Record<Role, string | null>>): Promise<void> {
  await db.query('UPDATE workshops SET sealed_links = $1 WHERE id = $2', [sealLinks(id, hostToken, tokens), id]);
}

/** The other roles' links as the host's link opens them (null where one cannot be opened). `lock`: inside a transaction that will write them. */
async function openSealed(db: Queryable, id: string, hostToken: string, lock: boolean): Promise<Record<OtherRole, string | null>> {
  const { rows } = await db.query<{ sealed_links: string | null }>(`SELECT sealed_links FROM workshops WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  const raw = rows[0]?.sealed_links;
  const sealed = raw ? (JSON.parse(raw) as Partial<Record<Role, string>>) : {};
  const open = (role: OtherRole) => (sealed[role] ? unseal(hostToken, id, sealed[role]!) : null);
  return { facilitator: open('facilitator'), participant: open('participant'), viewer: open('viewer') };
}
