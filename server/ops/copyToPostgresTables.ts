/**
 * What the copy to PostgreSQL carries over, table by table: each column as SQLite keeps it
 * and the PostgreSQL type it becomes (the tables are alike: postgres/schema.ts mirrors
 * sqlite/database.ts). Secrets stay exactly as they are: hashes, and links sealed with
 * the host's link.
 */

export type ColumnKind = 'text' | 'bytea' | 'bigint' | 'integer' | 'boolean' | 'timestamptz' | 'date' | 'jsonb';

export interface Column {
  name: string;
  kind: ColumnKind;
}

export interface Table {
  name: string;
  /** Said in the summary: "3 workshops". */
  noun: string;
  columns: Column[];
  /** The order rows are read in (ids rising, so a document's log keeps its order). */
  orderBy: string;
  /** A column of bytes whose total size is checked after copying, beside the count. */
  bytes?: string;
  /** Has an identity column whose sequence must continue after the copied ids. */
  identity?: boolean;
}

const col = (name: string, kind: ColumnKind): Column => ({ name, kind });

export const TABLES: readonly Table[] = [
  {
    name: 'workshops',
    noun: 'workshops',
    orderBy: 'id',
    columns: [
      col('id', 'text'),
      col('title', 'text'),
      col('created_at', 'timestamptz'),
      col('host_hash', 'bytea'),
      col('facilitator_hash', 'bytea'),
      col('participant_hash', 'bytea'),
      col('viewer_hash', 'bytea'),
      col('readers_may_export', 'boolean'),
      col('touched_at', 'timestamptz'),
      col('phase', 'text'),
      col('sealed_links', 'text'),
    ],
  },
  {
    name: 'people',
    noun: 'people',
    orderBy: 'workshop, id',
    columns: [
      col('workshop', 'text'),
      col('id', 'text'),
      col('name', 'text'),
      col('source', 'text'),
      col('token_hash', 'bytea'),
      col('sealed', 'text'),
      col('created_at', 'timestamptz'),
      col('revoked_at', 'timestamptz'),
    ],
  },
  {
    name: 'join_codes',
    noun: 'join codes',
    orderBy: 'code_hash',
    columns: [col('code_hash', 'bytea'), col('workshop', 'text'), col('role', 'text'), col('expires_at', 'bigint')],
  },
  {
    name: 'doc_state',
    noun: 'compacted documents',
    orderBy: 'doc',
    bytes: 'data',
    columns: [col('doc', 'text'), col('data', 'bytea'), col('compacted_at', 'timestamptz'), col('schema_version', 'integer'), col('checked', 'boolean')],
  },
  {
    name: 'doc_updates',
    noun: 'document updates',
    // Numbered within each document in SQLite; PostgreSQL numbers its log across all of
    // them, so it gives the numbers, in this order.
    orderBy: 'doc, id',
    bytes: 'data',
    columns: [col('doc', 'text'), col('data', 'bytea'), col('checked', 'boolean')],
  },
  {
    name: 'doc_writers',
    noun: 'writers',
    orderBy: 'doc, client',
    columns: [col('doc', 'text'), col('client', 'bigint'), col('owner', 'text')],
  },
  {
    name: 'votes',
    noun: 'dots',
    orderBy: 'workshop, vote, voter, card',
    columns: [col('workshop', 'text'), col('vote', 'text'), col('voter', 'bytea'), col('card', 'text'), col('dots', 'integer')],
  },
  {
    name: 'round_drafts',
    noun: 'silent-round drafts',
    orderBy: 'workshop, round, writer',
    columns: [col('workshop', 'text'), col('round', 'text'), col('writer', 'bytea'), col('author', 'text'), col('drafts', 'text'), col('updated_at', 'timestamptz')],
  },
  {
    name: 'versions',
    noun: 'versions',
    orderBy: 'id',
    bytes: 'state',
    identity: true,
    columns: [
      col('id', 'bigint'),
      col('workshop', 'text'),
      col('name', 'text'),
      col('kind', 'text'),
      col('created_at', 'timestamptz'),
      col('created_by', 'text'),
      col('state', 'bytea'),
    ],
  },  // The follow-up a year on (storage/followupStore.ts): progress logs and review dates.
  {
    name: 'followup_entries',
    noun: 'progress notes',
    orderBy: 'id',
    identity: true,
    columns: [
      col('id', 'bigint'),
      col('workshop', 'text'),
      col('action', 'text'),
      col('status', 'text'),
      col('note', 'text'),
      col('evidence', 'text'),
      col('author', 'text'),
      col('idem_key', 'text'),
      col('created_at', 'timestamptz'),
    ],
  },
  {
    name: 'followup_reviews',
    noun: 'review dates',
    orderBy: 'workshop',
    columns: [col('workshop', 'text'), col('review_date', 'text'), col('set_at', 'timestamptz')],
  },
  {
    name: 'published_reports',
    noun: 'published reports',
    orderBy: 'workshop',
    columns: [
      col('workshop', 'text'),
      col('slug', 'text'),
      col('title', 'text'),
      col('host_authority', 'text'),
      col('year', 'integer'),
      col('html', 'text'),
      col('first_published_at', 'timestamptz'),
      col('published_at', 'timestamptz'),
      col('withdrawn_at', 'timestamptz'),
    ],
  },
  {
    // SQLite's FTS5 table: its columns by name, as PostgreSQL's table has them (its search column is made there).
    name: 'library_entries',
    noun: 'library entries',
    orderBy: 'workshop, position',
    columns: [
      col('workshop', 'text'),
      col('position', 'integer'),
      col('board', 'text'),
      col('number', 'text'),
      col('anchor', 'text'),
      col('theme', 'text'),
      col('headline', 'text'),
      col('body', 'text'),
    ],
  },
  // The participants' survey (server/storage/surveyStore.ts): answers with nothing that names anyone, and the separate record of who has answered.
  { name: 'surveys', noun: 'surveys', orderBy: 'workshop', columns: [col('workshop', 'text'), col('code', 'text'), col('open', 'boolean')] },
  {
    name: 'survey_responses',
    noun: 'survey answers',
    orderBy: 'workshop, id',
    columns: [col('workshop', 'text'), col('id', 'text'), col('answered_on', 'date'), col('answer', 'jsonb')],
  },
  { name: 'survey_answerers', noun: 'survey answerers', orderBy: 'workshop, answerer', columns: [col('workshop', 'text'), col('answerer', 'bytea')] },  // Programmes (server/storage/programmeStore.ts): the coordinator's link as its hash, and which workshops are in each.
  {
    name: 'programmes',
    noun: 'programmes',
    orderBy: 'id',
    columns: [col('id', 'text'), col('name', 'text'), col('code', 'text'), col('coordinator_hash', 'bytea'), col('created_at', 'timestamptz')],
  },
  { name: 'programme_workshops', noun: 'programme memberships', orderBy: 'workshop', columns: [col('workshop', 'text'), col('programme', 'text'), col('joined_at', 'timestamptz')] },
];
