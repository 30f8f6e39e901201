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
