import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import { readActivities, readAnsweredBy, readNumbers, type Activity, type Theme } from '../../shared/model/index.js';
import { notTyping, useDocSnapshot } from '../collab/useDocSnapshot.js';
import { keepIfSame } from './shareSnapshot.js';

/**
 * What one card needs to know beyond itself: every card's number ("5.2"), which
 * actions answer each area for development, the themes and the fieldwork activities.
 * Read once for the board and each kept until it really changes, so typing in a card
 * never re-renders the cards that read them.
 */
export interface BoardLinks {
  numbers: Map<string, string>;
  answeredBy: Map<string, string[]>;
  themes: Theme[];
  activities: Activity[];
}

const readNumbersOnly = (doc: Y.Doc) => readNumbers(doc);

export function useNumbers(doc: Y.Doc): Map<string, string> {
  return useDocSnapshot(doc, readNumbersOnly, keepIfSame, notTyping);
}

export function useAnsweredBy(doc: Y.Doc): Map<string, string[]> {
  return useDocSnapshot(doc, readAnsweredBy, keepIfSame, notTyping);
}

export function useActivities(doc: Y.Doc): Activity[] {
  return useDocSnapshot(doc, readActivities, keepIfSame);
}

export const BoardLinksContext = createContext<BoardLinks>({ numbers: new Map(), answeredBy: new Map(), themes: [], activities: [] });

export const useBoardLinks = (): BoardLinks => useContext(BoardLinksContext);

/** Card numbers for a list of card ids, in board order; ids with no number are left out. */
export function numberList(ids: readonly string[], numbers: Map<string, string>): string[] {
  const found = ids.map((id) => numbers.get(id)).filter((n): n is string => n !== undefined);
  return found.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** How an activity is named on a card: its title, or its kind when it has none. */
export const activityLabel = (a: Activity): string => a.title.trim() || a.type || 'Untitled activity';
