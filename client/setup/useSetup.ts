import type * as Y from 'yjs';
import { readSetup, readTeam, type TeamMember, type WorkshopSetup } from '../../shared/model/index.js';
import { useDocSnapshot } from '../collab/useDocSnapshot.js';
import { keepIfSame } from '../board/shareSnapshot.js';

export function useSetup(doc: Y.Doc): WorkshopSetup {
  return useDocSnapshot(doc, readSetup, keepIfSame);
}

export function useTeam(doc: Y.Doc): TeamMember[] {
  return useDocSnapshot(doc, readTeam, keepIfSame);
}

export const MODE_LABELS = { online: 'Online', 'in-person': 'In person', mixed: 'Mixed (some online, some in person)' } as const;

export const COLOUR_NAMES: Record<string, string> = {
  '#0065bd': 'Blue',
  '#00703c': 'Green',
  '#8e3b00': 'Brown',
  '#5e2b97': 'Purple',
  '#b10e1e': 'Red',
  '#005a70': 'Teal',
};

/** "25 January 2023", or the raw value if it is not a date. */
export function formatDate(iso: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : null;
  return d ? d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : iso;
}
