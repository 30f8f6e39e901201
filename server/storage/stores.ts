import type { Role } from '../../shared/roles.js';
import type { Phase } from '../../shared/session/phases.js';
import type { DocStore } from './docStore.js';
import type { PublishStore } from './publishStore.js';
import type { FollowupStore } from './followupStore.js';
import type { SurveyStore } from './surveyStore.js';
import type { ProgrammeStore } from './programmeStore.js';

/**
 * Everything Cairn keeps, behind interfaces: SQLite in DATA_DIR by default
 * (server/storage/sqlite.ts), PostgreSQL when DATABASE_URL is set
 * (server/storage/postgres/). One contract test suite runs against both
 * (tests/server/storage/contract.test.ts). Concurrency is the database's to guarantee:
 * transactions and locks, never an assumption that this process is the only writer.
 */
export interface Stores {
  kind: 'sqlite' | 'postgres';
  docs: DocStore;
  workshops: WorkshopStore;
  people: PeopleStore;
  sessions: SessionStore;
  history: HistoryStore;
  /** Published reports and the practice library (publishStore.ts). */
  publications: PublishStore;
  /** The follow-up a year on: progress logs of agreed actions, review dates. */
  followup: FollowupStore;
  surveys: SurveyStore;
  /** Programmes and which workshops are in them (programmeStore.ts). */
  programmes: ProgrammeStore;
  locks: Locks;
  /** Write what is pending and let go of the database. */
  close(): Promise<void>;
}

export interface WorkshopRecord {
  id: string;
  title: string;
  createdAt: string;
  /** The host's choice: participants and readers may export the report too. */
  readersMayExport: boolean;
  /** The session's phase, kept here as well as in the session document so every change can be checked against it at once. */
  phase: Phase;
}

/** A person of a workshop, with a personal link: invited by the host, or joined through the shared participant link. */
export type PersonSource = 'invited' | 'shared-link';

export interface Person {
  id: string;
  name: string;
  source: PersonSource;
  createdAt: string;
}

/** Who a link opens the workshop as: a role, and for a personal link, the person. */
export interface Identity {
  role: Role;
  person: Person | null;
}

/** Workshops, their four link secrets (hashes only, and the other roles' links sealed with the host's), join codes. */
export interface WorkshopStore {
  /** A new workshop and its link secrets: the only time they exist in plain. */
  create(title: string): Promise<{ record: WorkshopRecord; tokens: Record<Role, string> }>;
  get(id: string): Promise<WorkshopRecord | null>;
  /** The role a secret grants and, for a personal link, whose it is; null when it opens nothing. */
  identify(id: string, token: string): Promise<Identity | null>;
  /** Someone opened the workshop: it counts as in use for the retention setting (written at most hourly). */
  touch(id: string): Promise<void>;
  /**
   * The phase, read for every checked change, so it is answered from memory. Kept true
   * by setPhase here, and by forget() when another server changes it.
   */
  phaseOf(id: string): Phase;
  setPhase(id: string, phase: Phase): Promise<void>;
  setReadersMayExport(id: string, allowed: boolean): Promise<void>;
  /** A new secret for one role's link (see sealedLinks); `hostToken` is the host's link the change is asked with. */
  rotate(id: string, role: Role, hostToken: string): Promise<string>;
  /** The other roles' links as the host's own link opens them. */
  sealedLinks(id: string, hostToken: string): Promise<Record<Exclude<Role, 'host'>, string | null>>;
  untouchedSince(before: Date): Promise<string[]>;
  /**
   * Erase a workshop and everything kept about it, its documents included. With
   * `untouchedBefore` (the retention sweep), only if nobody has opened it since, checked in
   * the same transaction: false, and nothing erased, if someone has (on any server).
   */
  erase(id: string, documents: string[], untouchedBefore?: Date): Promise<boolean>;
  createJoinCode(id: string): Promise<{ code: string; expiresAt: number }>;
  codeFor(code: string): Promise<{ workshop: string; role: Role } | null>;
  /** Drop what this process remembers of a workshop: another server changed it (its phase, a link). */
  forget(id: string): void;
}

export interface PeopleStore {
  create(workshop: string, name: string, source: PersonSource, seal?: (token: string) => string): Promise<{ person: Person; token: string }>;
  identify(workshop: string, token: string): Promise<Person | null>;
  list(workshop: string): Promise<(Person & { sealed: string | null })[]>;
  /** Seal every kept personal link again (the host's own link changed). */
  reseal(workshop: string, open: (sealed: string) => string | null, close: (secret: string) => string): Promise<void>;
  revoke(workshop: string, id: string): Promise<boolean>;
  joinedThroughSharedLinkSince(workshop: string, since: string): Promise<number>;
  /**
   * Someone joining through the shared participant link, unless `most` people already
   * have: counted and added as one step that no other request, on any server, can come
   * between. Null when the link is full.
   */
  joinThroughSharedLink(workshop: string, name: string, most: number): Promise<{ person: Person; token: string } | null>;
}

export interface RoundDraft {
  id: string;
  text: string;
}

/** The private half of a session: each person's dots, and their unrevealed silent-round cards. */
export interface SessionStore {
  dotsOf(workshop: string, vote: string, voter: string): Promise<Record<string, number>>;
  /**
   * Adds or removes one dot, the budget checked and the dot written as one step that no
   * other request (on any server) can come between. The person's dots after, or why not.
   */
  changeDot(workshop: string, vote: { id: string; dots: number; maxPerCard: number | null }, voter: string, card: string, change: 1 | -1): Promise<Record<string, number> | string>;
  totals(workshop: string, vote: string): Promise<{ totals: Record<string, number>; voters: number }>;
  draftsOf(workshop: string, round: string, writer: string): Promise<RoundDraft[]>;
  saveDrafts(workshop: string, round: string, writer: string, author: string, drafts: RoundDraft[]): Promise<void>;
  roundDrafts(workshop: string, round: string): Promise<{ author: string; drafts: RoundDraft[] }[]>;
  writersIn(workshop: string, round: string): Promise<number>;
  clearRound(workshop: string, round: string): Promise<void>;
}

export type VersionKind = 'auto' | 'named' | 'phase' | 'before-restore';

export interface VersionInfo {
  id: number;
  name: string;
  kind: VersionKind;
  createdAt: string;
  createdBy: string;
}

export interface HistoryStore {
  /** `createdAt` defaults to now (the automatic versions pass their own clock). */
  save(workshop: string, state: Uint8Array, info: { name: string; kind: VersionKind; createdBy: string; createdAt?: string }): Promise<VersionInfo>;
  versions(workshop: string): Promise<VersionInfo[]>;
  version(workshop: string, id: number): Promise<(VersionInfo & { state: Uint8Array }) | null>;
}

/**
 * Locks that hold across every server: one server compacts or migrates a workshop at a
 * time, takes its automatic versions, runs the retention sweep, changes its session.
 * SQLite (one process) keeps them in memory; PostgreSQL uses advisory locks.
 */
export interface Locks {
  /** Runs `work` holding the named lock, waiting for it if another holds it. */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Runs `work` holding the named lock if it is free now; null (and `work` not run) if it is held. */
  tryLock<T>(name: string, work: () => Promise<T>): Promise<T | null>;
}
