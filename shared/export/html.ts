import { BOARD_TITLES } from '../model/schema.js';
import { boundDepth } from '../model/richText.js';
import type { RichTextNode } from '../model/types.js';
import { themeGroups, type NumberedCard, type ReportContent } from './report.js';
import { MODES } from './markdown.js';
import { formatDate } from '../format.js';
import { WHAT_IS_CI } from './standardText.js';

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

const isDraft = (c: NumberedCard, include: ReportContent['include']) => include === 'all' && c.status !== 'agreed';

function title(c: NumberedCard, include: ReportContent['include']): string {
  const draft = isDraft(c, include) ? ' <span class="draft">(Draft)</span>' : '';
  return `${c.number} ${escapeHtml(c.headline.trim() || 'Untitled')}${draft}`;
}

function finding(c: NumberedCard, include: ReportContent['include'], extra = '', level = 3): string {
  const quote = c.quote.trim() ? `<blockquote><em>${escapeHtml(c.quote.trim())}</em></blockquote>` : '';
  const cls = isDraft(c, include) ? 'finding is-draft' : 'finding';
  return `<section class="${cls}"><h${level}>${title(c, include)}</h${level}>${quote}${blocks(boundDepth(c.body))}${extra}</section>`;
}

/** Findings, in a sub-section per theme when grouped. */
function findings(r: ReportContent, cards: NumberedCard[]): string {
  if (!r.groupByTheme) return cards.map((c) => finding(c, r.include)).join('');
  return themeGroups(cards)
    .map((g) => `<section class="theme"><h3>${escapeHtml(g.heading)}</h3>${g.cards.map((c) => finding(c, r.include, '', 4)).join('')}</section>`)
    .join('');
}

const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');
const paras = (text: string) => text.trim().split(/\n+/).filter(Boolean).map((p) => `<p>${escapeHtml(p)}</p>`).join('');

function actionsTable(r: ReportContent): string {
  if (!r.actions.length) return '';
  const rows = r.actions.map((a) =>
    `<tr><th scope="row">${title(a, r.include)}</th>${[a.lead, a.timescale, a.successMeasure, a.answerNumbers.join(', ')]
      .map((v) => `<td>${escapeHtml(v.trim())}</td>`)
      .join('')}</tr>`,
  );
  const head = ['Action', 'Lead', 'Timescale', 'Success measure', 'Answers'].map((h) => `<th scope="col">${h}</th>`).join('');
  return `<table class="actions"><caption>Actions agreed</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
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
.facts { font-size: 1.1rem; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 11pt; }
  h2, h3 { break-after: avoid; } tr, blockquote, .finding > h3 + * { break-inside: avoid; }
  thead { display: table-header-group; } a { color: inherit; }
}`;

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
  const fieldwork = r.activityCounts.map((a) => `${escapeHtml(a.type)}: ${a.count}${a.participants ? ` (${a.participants} participants)` : ''}`);
  const actionFacts = (a: NumberedCard) =>
    a.support.trim() ? `<p><strong>Partners or support offered:</strong> ${escapeHtml(a.support.trim())}</p>` : '';
  const offers = r.offers.map((o) => [o.from, o.offer, o.to].filter((x) => x.trim()).map(escapeHtml).join(' — '));
  const body = [
    `<header><h1>${escapeHtml(s.title)}${r.include === 'all' ? ' <span class="draft">(Draft)</span>' : ''}</h1>`,
    facts.length ? `<p class="facts">${facts.join(' · ')}</p>` : '',
    '</header><main>',
    `<section><h2>1. What is Collaborative Improvement?</h2>${ci.map((p) => `<p>${p}</p>`).join('')}</section>`,
    `<section><h2>2. The focus</h2>${s.focusQuestions.map((q) => `<blockquote><em>${escapeHtml(q)}</em></blockquote>`).join('')}`,
    paras(s.rationale),
    r.themes.length ? `<p>The themes were:</p>${list(r.themes.map((t) => escapeHtml(t.name)))}` : '',
    '</section>',
    `<section><h2>3. Planning, process and fieldwork</h2>${team}`,
    fieldwork.length ? `<p>Fieldwork included:</p>${list(fieldwork)}` : '',
    s.partners.length ? `<p>Partner organisations:</p>${list(s.partners.map(escapeHtml))}` : '',
    '</section>',
    `<section><h2>4. ${BOARD_TITLES['working-well']}?</h2>${findings(r, r.strengths)}</section>`,
    `<section><h2>5. ${BOARD_TITLES.development}</h2>${findings(r, r.areas)}</section>`,
    `<section><h2>6. What will happen next?</h2>${actionsTable(r)}${r.actions.map((a) => finding(a, r.include, actionFacts(a))).join('')}`,
    offers.length ? `<section><h3>Further collaboration and support offered</h3>${list(offers)}</section>` : '',
    '</section></main>',
  ].join('\n');
  // The CSP forbids every request and every script: the file is safe to open even if escaping ever slipped.
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.title)}${r.include === 'all' ? ' (Draft)' : ''}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
