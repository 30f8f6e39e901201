import type * as Y from 'yjs';
import { BOARD_IDS, readBalance, readBoards, readCardDetails, readThemes, type Theme, type ThemeBalance } from '../../shared/model/index.js';
import { notTyping, useDocSnapshot } from '../collab/useDocSnapshot.js';
import { keepIfSame } from '../board/shareSnapshot.js';

/** The workshop's themes in order; the same array until a theme changes. */
export function useThemes(doc: Y.Doc): Theme[] {
  return useDocSnapshot(doc, readThemes, keepIfSame);
}

/** Strengths, areas and actions per theme, for the balance strip. */
export function useBalance(doc: Y.Doc): ThemeBalance[] {
  return useDocSnapshot(doc, readBalance, keepIfSame, notTyping);
}

function readCardThemes(doc: Y.Doc): Map<string, string | null> {
  const boards = readBoards(doc);
  const out = new Map<string, string | null>();
  for (const b of BOARD_IDS) for (const c of boards[b]) out.set(c.id, readCardDetails(doc, c.id)?.themeId ?? null);
  return out;
}

/**
 * Each card's theme, for grouping and filtering the columns. Kept as one snapshot
 * (not per view) so switching to "by theme" needs no fresh read of the document.
 */
export function useCardThemes(doc: Y.Doc): Map<string, string | null> {
  return useDocSnapshot(doc, readCardThemes, keepIfSame, notTyping);
}
