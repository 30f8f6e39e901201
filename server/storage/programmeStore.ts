import crypto from 'node:crypto';
import { PROGRAMME_CODE_ALPHABET } from '../../shared/programme/programme.js';

/** A programme already holds as many workshops as it may: the workshop was not added. */
export class ProgrammeFull extends Error {
  constructor(
    readonly programme: string,
    readonly most: number,
  ) {
    super(`Programme ${programme} holds ${most} workshops, its limit.`);
    this.name = 'ProgrammeFull';
  }
}

export interface ProgrammeRecord {
  id: string;
  name: string;
  /** The code hosts join with: kept as it is, since the coordinator is shown it again, and it opens nothing by itself. */
  code: string;
  createdAt: string;
}

/**
 * Programmes: a name, the coordinator's link (only its SHA-256 hash kept, like workshop
 * links) and the code hosts join with; and which workshops are in which programme (one
 * at most each). Nothing of a workshop is kept here beyond its id.
 */
export interface ProgrammeStore {
  /** A new programme and its coordinator's secret: the only time the secret exists in plain. */
  create(name: string): Promise<{ record: ProgrammeRecord; token: string }>;
  get(id: string): Promise<ProgrammeRecord | null>;
  /** Whether the secret is this programme's coordinator link. */
  identify(id: string, token: string): Promise<boolean>;
  /** A new coordinator secret: the old one stops working at once. */
  rotate(id: string): Promise<string>;
  byCode(code: string): Promise<ProgrammeRecord | null>;
  /**
   * Puts a workshop in a programme, unless it is in another one: then that programme's
   * record. Throws ProgrammeFull, adding nothing, when the programme already holds `most`
   * workshops (PROGRAMME_WORKSHOPS_LIMIT unless given).
   */
  join(programme: string, workshop: string, most?: number): Promise<{ joined: true } | { joined: false; other: ProgrammeRecord }>;
  /** Takes a workshop out of its programme; false if it was in none. */
  leave(workshop: string): Promise<boolean>;
  ofWorkshop(workshop: string): Promise<ProgrammeRecord | null>;
  /** The programme's workshops, in the order they joined. */
  workshops(programme: string): Promise<string[]>;
  /** The programme and its list of workshops; the workshops themselves are left alone. */
  erase(id: string): Promise<boolean>;
}

/** The table a workshop's erasure must empty too (by its `workshop` column). */
export const PROGRAMME_WORKSHOP_TABLES = ['programme_workshops'] as const;

/** A programme code: 10 characters, about 50 bits, each equally likely. */
export function newProgrammeCode(): string {
  let out = '';
  const size = PROGRAMME_CODE_ALPHABET.length;
  const below = 256 - (256 % size);
  while (out.length < 10) {
    for (const b of crypto.randomBytes(16)) if (b < below && out.length < 10) out += PROGRAMME_CODE_ALPHABET[b % size];
  }
  return out;
}
