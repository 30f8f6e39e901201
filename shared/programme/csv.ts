import { csvCell } from '../export/csv.js';
import { PHASE_LABELS } from '../session/phases.js';
import type { ProgrammeOverview } from './programme.js';

/** The overview's table as CSV: one row per workshop, the same columns the page shows. */
export function overviewToCsv(overview: ProgrammeOverview, baseUrl: string): string {
  const rows = [['Workshop', 'Host authority', 'Start date', 'End date', 'Focus', 'Phase', 'Report published', 'Survey responses', 'Actions done', 'Actions under way', 'Actions not started', 'Actions dropped']];
  for (const w of overview.workshops) {
    rows.push([
      w.title,
      w.hostAuthority,
      w.startDate,
      w.endDate,
      w.focus,
      w.phase ? PHASE_LABELS[w.phase] : 'Could not be read',
      w.publishedPath ? `${baseUrl}${w.publishedPath}` : 'No',
      String(w.surveyResponses),
      String(w.actions.done),
      String(w.actions['under-way']),
      String(w.actions['not-started']),
      String(w.actions.dropped),
    ]);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
