import type * as Y from 'yjs';
import { activitySheetFragment, readActivities, readSetup, richTextHasWords, type Activity } from '../../shared/model/index.js';
import { useDocSnapshot } from '../collab/useDocSnapshot.js';
import { keepIfSame } from '../board/shareSnapshot.js';

const readTypes = (doc: Y.Doc): string[] => readSetup(doc).activityTypes;

/** The focus groups and other activities, in order; the same array until one changes. */
export function useActivities(doc: Y.Doc): Activity[] {
  return useDocSnapshot(doc, readActivities, keepIfSame);
}

/** The kinds of activity offered when adding one (edited in Setup). */
export function useActivityTypes(doc: Y.Doc): string[] {
  return useDocSnapshot(doc, readTypes, keepIfSame);
}

/** What an activity is called on screen: its title, or its type when it has none. */
export const activityName = (a: Pick<Activity, 'title' | 'type'>): string => a.title.trim() || a.type || 'Untitled activity';

/** "4.2" / "4.2 and 5.1" / "4.1, 4.2 and 5.1". */
export function listNumbers(numbers: string[]): string {
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}

/** Whether an activity's recording sheet has any words in it, so deleting it would lose notes. */
export function sheetHasNotes(doc: Y.Doc, activityId: string): boolean {
  const fragment = activitySheetFragment(doc, activityId);
  return !!fragment && richTextHasWords(fragment);
}
