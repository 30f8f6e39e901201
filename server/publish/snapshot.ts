import type { ReportCard, ReportSnapshot } from '../../shared/model/readReport.js';
import type { BoardId } from '../../shared/model/schema.js';
import { selectReport, type NumberedCard } from '../../shared/export/report.js';
import { anchor, reportToHtml } from '../../shared/export/html.js';
import { readCardBodyTextFromNodes } from '../../shared/language/bodyText.js';
import type { LibraryEntry, NewPublication } from '../storage/publishStore.js';
import { reportSlug } from './slug.js';

/**
 * A workshop's own addresses (/w/<id>, /j/<code>), its survey's (/s/<code>: on a public
 * page anyone could answer it; exactly a survey code's 12 characters, so a file-sharing
 * link such as dropbox.com/s/… stays) or anything carrying a link's key (#k=).
 */
const WORKSHOP_LINK = /(?:https?:\/\/\S*)?(?:#k=[\w-]+|\/w\/[a-z0-9]+\S*|\/j\/[A-Za-z0-9-]+\S*|\/s\/[abcdefghjkmnpqrstuvwxyz23456789]{12}(?![\w-])\S*)/gi;
const REMOVED = '[link removed]';

/**
 * The snapshot with every workshop link taken out, wherever someone pasted one (a card's
 * text or a hyperlink's address), and with no one's name beyond what the report prints
 * (who wrote or agreed a card never reaches a published page).
 */
export function scrubSnapshot(snapshot: ReportSnapshot): ReportSnapshot {
  const scrubbed = scrub(snapshot) as ReportSnapshot;
  const anonymous = (c: ReportCard): ReportCard => ({ ...c, createdBy: '', agreedBy: '' });
  return { ...scrubbed, strengths: scrubbed.strengths.map(anonymous), areas: scrubbed.areas.map(anonymous), actions: scrubbed.actions.map(anonymous) };
}

function scrub(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(WORKSHOP_LINK, REMOVED);
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrub(v);
    // A hyperlink whose address was a workshop link is no hyperlink at all.
    if (out.type === 'link' && typeof (out.attrs as { href?: unknown } | undefined)?.href === 'string' && String((out.attrs as { href: string }).href).includes(REMOVED)) {
      out.attrs = { ...(out.attrs as object), href: '' };
    }
    return out;
  }
  return value;
}

/**
 * The report's body as the web export makes it, fitted into the published page: the
 * page has its own banner and main landmark, so the report's header and main become
 * plain blocks. Only Cairn's own tags are replaced (everything written is escaped).
 */
export function publicBody(reportHtml: string): string {
  const body = /<body>\n?([\s\S]*?)\n?<\/body>/.exec(reportHtml)?.[1] ?? '';
  return body
    .replace('<header>', '<div class="report-head">')
    .replace('</header>', '</div>')
    .replace('<main>', '<div class="report-body">')
    .replace('</main>', '</div>')
    // On a phone a table scrolls sideways rather than breaking every word: a region named
    // by its caption, which the keyboard can reach and scroll.
    .replace(/<table class="(\w+)"><caption>([^<]*)<\/caption>([\s\S]*?)<\/table>/g, (_all, cls: string, caption: string, rest: string) =>
      `<div class="table-scroll" role="region" tabindex="0" aria-label="${caption}"><table class="${cls}"><caption>${caption}</caption>${rest}</table></div>`);
}

function entry(c: NumberedCard, board: BoardId): LibraryEntry {
  const facts = board === 'action'
    ? [['Lead', c.lead], ['Timescale', c.timescale], ['Success measure', c.successMeasure], ['Partners or support offered', c.support]].filter(([, v]) => v!.trim()).map(([k, v]) => `${k}: ${v!.trim()}`)
    : [];
  const text = [c.quote.trim(), readCardBodyTextFromNodes(c.body), ...facts].filter(Boolean).join('\n');
  return { board, number: c.number, anchor: anchor(c), headline: c.headline.trim() || 'Untitled', text, theme: c.themeName };
}

/**
 * What publishing takes from the board now: the agreed report (as the exporters build
 * it: agreed items only, a contents list, evidence not cited) and its findings and
 * actions for the library. Null when nothing in the report is agreed yet.
 */
export function buildPublication(workshop: string, snapshot: ReportSnapshot, now = new Date()): NewPublication | null {
  const content = selectReport(scrubSnapshot(snapshot), 'agreed', false, { citeEvidence: false, contents: true });
  if (content.strengths.length + content.areas.length + content.actions.length === 0) return null;
  const s = content.setup;
  const year = Number((s.endDate || s.startDate).slice(0, 4)) || now.getUTCFullYear();
  const title = s.title.trim() || 'Collaborative Improvement report';
  const hostAuthority = s.hostAuthority.trim();
  return {
    workshop,
    slugBase: reportSlug(title, hostAuthority, year) || 'report',
    title,
    hostAuthority,
    year,
    html: publicBody(reportToHtml(content)),
    entries: [
      ...content.strengths.map((c) => entry(c, 'working-well')),
      ...content.areas.map((c) => entry(c, 'development')),
      ...content.actions.map((c) => entry(c, 'action')),
    ],
  };
}
