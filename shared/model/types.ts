import type { BoardId } from './schema.js';

export interface WorkshopMeta {
  schemaVersion: number;
  title: string;
  hostAuthority: string;
  focusQuestion: string;
  createdAt: string;
}

/** A card as plain data. The rich-text body is read separately (see readCardBody). */
export interface CardSnapshot {
  id: string;
  board: BoardId;
  order: string;
  headline: string;
  createdBy: string;
  createdAt: string;
}

export type BoardsSnapshot = Record<BoardId, CardSnapshot[]>;

export interface WorkshopSnapshot {
  meta: WorkshopMeta;
  boards: BoardsSnapshot;
}

/** The body as a plain tree (ProseMirror-shaped), for exporters and tests. */
export interface RichTextNode {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: RichTextNode[];
}

export type WorkshopMode = 'online' | 'in-person' | 'mixed' | '';
export type FindingStatus = 'draft' | 'agreed';

export interface WorkshopSetup extends WorkshopMeta {
  focusQuestions: string[];
  rationale: string;
  startDate: string;
  endDate: string;
  mode: WorkshopMode;
  partners: string[];
  activityTypes: string[];
  /** The workshop's own wording of section 1, or '' for the standard text. */
  ciText: string;
}

export interface Theme {
  id: string;
  name: string;
  colour: string;
  order: string;
}

export interface TeamMember {
  id: string;
  organisation: string;
  role: string;
  name: string;
  order: string;
}

export interface Activity {
  id: string;
  type: string;
  title: string;
  date: string;
  themeIds: string[];
  participants: number | null;
  order: string;
  createdAt: string;
}

export interface EvidenceLink {
  activityId: string;
  /** The words taken from the recording sheet, if the finding was made from a selection. */
  excerpt: string;
}

/** Everything a card holds beyond its summary: finding and action fields, links. */
export interface CardDetails {
  id: string;
  quote: string;
  themeId: string | null;
  evidence: EvidenceLink[];
  status: FindingStatus;
  agreedBy: string;
  agreedAt: string;
  lead: string;
  support: string;
  timescale: string;
  successMeasure: string;
  /** Ids of the areas for development this action answers (only live ones). */
  answers: string[];
}

export interface Offer {
  id: string;
  from: string;
  offer: string;
  to: string;
  actionIds: string[];
  order: string;
}

export interface ThemeBalance {
  themeId: string | null;
  name: string;
  strengths: number;
  areas: number;
  actions: number;
}
