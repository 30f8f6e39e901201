import type { ReportContent } from './report.js';

/**
 * One CSV cell. Quoted when it must be (RFC 4180); a cell that a spreadsheet would run
 * as a formula (=, +, -, @ at the start) is prefixed with an apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The actions table (report section 6) as CSV, with a header row, CRLF line ends. */
export function actionsToCsv(r: ReportContent): string {
  const rows = [['Number', 'Action', 'Lead', 'Timescale', 'How success will be measured', 'Partners or support offered', 'Answers', 'Status']];
  for (const a of r.actions) {
    rows.push([a.number, a.headline, a.lead, a.timescale, a.successMeasure, a.support, a.answerNumbers.join(', '), a.status === 'agreed' ? 'Agreed' : 'Draft']);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
