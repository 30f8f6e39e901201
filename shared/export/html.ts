import { BOARD_TITLES } from '../model/schema.js';
import { boundDepth } from '../model/richText.js';
import type { RichTextNode } from '../model/types.js';
import { themeGroups, type NumberedCard, type ReportContent } from './report.js';
import { formatDate } from '../format.js';
import { WHAT_IS_CI } from './standardText.js';
import {
  DRAFT_NOTE,
  FIELDWORK_DETAIL_LABEL,
  FIELDWORK_SUMMARY_LABEL,
  MODES,
  actionsCaption,
  activityCount,
  evidenceLine,
  fieldworkName,
  fieldworkWhen,
  isDraft,
  noneYet,
  reportTitle,
} from './reportWords.js';
import { APPENDIX_COLUMNS, APPENDIX_HEADING, appendixCaption, appendixIntro, type SurveyAppendix } from '../survey/appendix.js';

/** Everything a person wrote passes through here, in text and in attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only links that cannot run script: javascript:, data: and the like become plain text. */
export function safeHref(href: unknown): string | null {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

function inline(nodes: RichTextNode[] = []): string {
  return nodes
    .map((n) => {
      if (n.type === 'hardBreak') return '<br>';
      let html = escapeHtml(n.text ?? '');
      const marks = new Set((n.marks ?? []).map((m) => m.type));
      if (marks.has('italic')) html = `<em>${html}</em>`;
      if (marks.has('bold')) html = `<strong>${html}</strong>`;
      const href = safeHref(n.marks?.find((m) => m.type === 'link')?.attrs?.href);
      if (href) html = `<a href="${escapeHtml(href)}" rel="noopener">${html}</a>`;
      return html;
    })
    .join('');
}

// Recursive, but only as deep as the depth limit lets a body nest (see finding()).
function blocks(nodes: RichTextNode[] = []): string {
  return nodes
    .map((b) => {
      if (b.type === 'paragraph') return `<p>${inline(b.content)}</p>`;
      // Card headings sit below the finding's h3.
      if (b.type === 'heading') return `<h4>${inline(b.content)}</h4>`;
      if (b.type === 'bulletList') return `<ul>${blocks(b.content)}</ul>`;
      if (b.type === 'orderedList') return `<ol>${blocks(b.content)}</ol>`;
      if (b.type === 'listItem') return `<li>${blocks(b.content)}</li>`;
      return blocks(b.content);
    })
    .join('');
}

function title(c: NumberedCard): string {
  const draft = isDraft(c) ? ' <span class="draft">(Draft)</span>' : '';
  return `${c.number} ${escapeHtml(c.headline.trim() || 'Untitled')}${draft}`;
}

/** The finding's id in the page, for the contents list's links. */
export const anchor = (c: Pick<NumberedCard, 'number'>) => `s${c.number.replace('.', '-')}`;

function finding(c: NumberedCard, extra = '', level = 3): string {
  const quote = c.quote.trim() ? `<blockquote><em>${escapeHtml(c.quote.trim())}</em></blockquote>` : '';
  const evidence = evidenceLine(c) ? `<p class="evidence">${escapeHtml(evidenceLine(c))}</p>` : '';
  const cls = isDraft(c) ? 'finding is-draft' : 'finding';
  return `<section class="${cls}" id="${anchor(c)}"><h${level}>${title(c)}</h${level}>${quote}${blocks(boundDepth(c.body))}${evidence}${extra}</section>`;
}

/** Findings, in a sub-section per theme when grouped. */
function findings(r: ReportContent, cards: NumberedCard[]): string {
  if (cards.length === 0) return `<p>${noneYet(r, 'findings')}</p>`;
  if (!r.groupByTheme) return cards.map((c) => finding(c)).join('');
  return themeGroups(cards)
    .map((g) => `<section class="theme"><h3>${escapeHtml(g.heading)}</h3>${g.cards.map((c) => finding(c, '', 4)).join('')}</section>`)
    .join('');
}

const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');
const paras = (text: string) => text.trim().split(/\n+/).filter(Boolean).map((p) => `<p>${escapeHtml(p)}</p>`).join('');

function actionsTable(r: ReportContent): string {
  if (!r.actions.length) return `<p>${noneYet(r, 'actions')}</p>`;
  const rows = r.actions.map((a) =>
    `<tr><th scope="row">${title(a)}</th>${[a.lead, a.timescale, a.successMeasure, a.answerNumbers.join(', ')]
      .map((v) => `<td>${escapeHtml(v.trim())}</td>`)
      .join('')}</tr>`,
  );
  const head = ['Action', 'Lead', 'Timescale', 'Success measure', 'Answers'].map((h) => `<th scope="col">${h}</th>`).join('');
  return `<table class="actions"><caption>${actionsCaption(r)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Each activity: what, when, how many took part. */
function fieldworkTable(r: ReportContent): string {
  if (!r.fieldwork.length) return '';
  const rows = r.fieldwork.map((f) => `<tr><th scope="row">${escapeHtml(fieldworkName(f))}</th><td>${escapeHtml(f.date)}</td><td>${f.participants ?? ''}</td></tr>`);
  const head = ['Activity', 'Date', 'Taking part'].map((h) => `<th scope="col">${h}</th>`).join('');
  return `<table class="fieldwork"><caption>${FIELDWORK_DETAIL_LABEL}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const SECTIONS = ['What is Collaborative Improvement?', 'The focus', 'Planning, process and fieldwork', `${BOARD_TITLES['working-well']}?`, BOARD_TITLES.development, 'What will happen next?'];

/** A contents list: the six sections, and the findings and actions under them. */
function contents(r: ReportContent): string {
  const under = [[], [], [], r.strengths, r.areas, r.actions] as NumberedCard[][];
  const items = SECTIONS.map((name, i) => {
    const inner = under[i]!.length ? `<ol>${under[i]!.map((c) => `<li><a href="#${anchor(c)}">${title(c)}</a></li>`).join('')}</ol>` : '';
    return `<li><a href="#section-${i + 1}">${i + 1}. ${escapeHtml(name)}</a>${inner}</li>`;
  });
  return `<nav class="contents" aria-labelledby="contents-title"><h2 id="contents-title">Contents</h2><ol>${items.join('')}</ol></nav>`;
}

// Page numbers come from the @page margin box (Chromium prints them when saving as PDF).
const CSS = `
@page { size: A4; margin: 2cm; @bottom-center { content: counter(page); } }
body { font-family: Arial, Helvetica, sans-serif; line-height: 1.5; color: #000; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; } h4 { font-size: 1.05rem; } h2 { font-size: 1.45rem; margin-top: 2rem; border-bottom: 2px solid #0065bd; } h3 { font-size: 1.15rem; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 4px solid #0065bd; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; } caption { text-align: left; font-weight: bold; }
th, td { border: 1px solid #555; padding: .35rem .5rem; text-align: left; vertical-align: top; } thead th { background: #ebebeb; }
.draft { color: #a00; font-weight: normal; } .is-draft { border-left: 4px dashed #a00; padding-left: .75rem; }
.facts { font-size: 1.1rem; } .draft-note { border-left: 4px solid #a00; padding-left: .75rem; }
.evidence { font-size: .95rem; color: #333; } .fieldwork tbody th { font-weight: normal; } .contents ol { list-style: none; padding-left: 1.25rem; } .contents > ol { padding-left: 0; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 11pt; }
  h2, h3 { break-after: avoid; } tr, blockquote, .finding > h3 + * { break-inside: avoid; }
  thead { display: table-header-group; } a { color: inherit; } .contents { break-after: page; }
}`;

/** The participants' survey: a sentence per statement, then the counts as a table. */
function surveyAppendixHtml(a: SurveyAppendix): string {
  const head = `<tr><th scope="col">Statement</th>${APPENDIX_COLUMNS.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = a.statements.map((s) => `<tr><th scope="row">${escapeHtml(s.text)}</th>${s.counts.map((n) => `<td>${n}</td>`).join('')}</tr>`).join('');
  return `<section id="survey"><h2>${escapeHtml(APPENDIX_HEADING)}</h2><p>${escapeHtml(appendixIntro(a))}</p>${list(a.statements.map((s) => escapeHtml(s.sentence)))}<table class="team"><caption>${escapeHtml(appendixCaption)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table></section>`;
}

/** The report as one self-contained HTML document, to read or to print to PDF. */
export function reportToHtml(r: ReportContent): string {
  const s = r.setup;
  const when = [s.startDate, s.endDate].filter(Boolean).map(formatDate).join(' to ');
  const facts = [s.hostAuthority, when, s.mode ? `Held ${MODES[s.mode]}` : ''].filter(Boolean).map(escapeHtml);
  const ci = s.ciText.trim() ? s.ciText.trim().split(/\n+/).map(escapeHtml) : WHAT_IS_CI.map(escapeHtml);
  const team = r.team.length
    ? `<table class="team"><caption>The core team</caption><thead><tr><th scope="col">Organisation</th><th scope="col">Role</th><th scope="col">Name</th></tr></thead><tbody>${r.team
        .map((m) => `<tr><td>${escapeHtml(m.organisation)}</td><td>${escapeHtml(m.role)}</td><td>${escapeHtml(m.name)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const fieldwork = r.activityCounts.map((a) => escapeHtml(activityCount(a)));
  const actionFacts = (a: NumberedCard) =>
    a.support.trim() ? `<p><strong>Partners or support offered:</strong> ${escapeHtml(a.support.trim())}</p>` : '';
  const offers = r.offers.map((o) => [o.from, o.offer, o.to].filter((x) => x.trim()).map(escapeHtml).join(' — '));
  const section = (n: number, inner: string) => `<section id="section-${n}"><h2>${n}. ${escapeHtml(SECTIONS[n - 1]!)}</h2>${inner}`;
  const body = [
    `<header><h1>${escapeHtml(s.title)}${r.hasDrafts ? ' <span class="draft">(Draft)</span>' : ''}</h1>`,
    facts.length ? `<p class="facts">${facts.join(' · ')}</p>` : '',
    r.hasDrafts ? `<p class="draft-note">${escapeHtml(DRAFT_NOTE)}</p>` : '',
    r.contents ? contents(r) : '',
    '</header><main>',
    section(1, `${ci.map((p) => `<p>${p}</p>`).join('')}</section>`),
    section(2, s.focusQuestions.map((q) => `<blockquote><em>${escapeHtml(q)}</em></blockquote>`).join('')),
    paras(s.rationale),
    r.themes.length ? `<p>The themes were:</p>${list(r.themes.map((t) => escapeHtml(t.name)))}` : '',
    '</section>',
    section(3, fieldworkWhen(r) ? `<p>${escapeHtml(fieldworkWhen(r))}</p>` : ''),
    team,
    fieldwork.length ? `<p>${FIELDWORK_SUMMARY_LABEL}</p>${list(fieldwork)}` : '',
    fieldworkTable(r),
    s.partners.length ? `<p>Partner organisations:</p>${list(s.partners.map(escapeHtml))}` : '',
    '</section>',
    section(4, `${findings(r, r.strengths)}</section>`),
    section(5, `${findings(r, r.areas)}</section>`),
    section(6, `${actionsTable(r)}${r.actions.map((a) => finding(a, actionFacts(a))).join('')}`),
    offers.length ? `<section><h3>Further collaboration and support offered</h3>${list(offers)}</section>` : '',
    '</section>',
    r.survey ? surveyAppendixHtml(r.survey) : '',
    '</main>',
  ].join('\n');
  // The CSP forbids every request and every script: the file is safe to open even if escaping ever slipped.
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(reportTitle(r))}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
