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
