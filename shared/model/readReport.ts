import type * as Y from 'yjs';
import { readBoards, readCardBody } from './read.js';
import { readCardDetails } from './readDetails.js';
import { readActivities, readOffers, readSetup, readTeam, readThemes } from './readSetup.js';
import type { Activity, CardDetails, CardSnapshot, Offer, RichTextNode, TeamMember, Theme, WorkshopSetup } from './types.js';

export interface ReportCard extends CardSnapshot, Omit<CardDetails, 'id'> {
  body: RichTextNode[];
}

/**
 * Everything the report is made from, as plain data in board order. Exporters take
 * this and never touch the document.
 */
export interface ReportSnapshot {
  setup: WorkshopSetup;
  themes: Theme[];
  team: TeamMember[];
  activities: Activity[];
  strengths: ReportCard[];
  areas: ReportCard[];
  actions: ReportCard[];
  offers: Offer[];
}

export function readReport(doc: Y.Doc): ReportSnapshot {
  const boards = readBoards(doc);
  const full = (c: CardSnapshot): ReportCard => {
    const { id: _id, ...details } = readCardDetails(doc, c.id)!;
    return { ...c, ...details, body: readCardBody(doc, c.id) };
  };
  return {
    setup: readSetup(doc),
    themes: readThemes(doc),
    team: readTeam(doc),
    activities: readActivities(doc),
    strengths: boards['working-well'].map(full),
    areas: boards.development.map(full),
    actions: boards.action.map(full),
    offers: readOffers(doc),
  };
}
