import { BOARD_TITLES } from '../model/schema.js';
import { themeGroups, type ReportContent, type NumberedCard } from './report.js';
import { blocksToMarkdown, escapeMarkdown as esc } from './markdownText.js';
import { append } from './append.js';
import { APPENDIX_COLUMNS, APPENDIX_HEADING, appendixCaption, appendixIntro } from '../survey/appendix.js';
import { WHAT_IS_CI } from './standardText.js';
import { formatDate } from '../format.js';
import { MODES, FIELDWORK_DETAIL_LABEL, FIELDWORK_SUMMARY_LABEL, activityCount, evidenceLine, fieldworkName, fieldworkWhen, noneYet, tookPart } from './reportWords.js';

export { MODES } from './reportWords.js';

function card(c: NumberedCard, include: ReportContent['include'], level = 3): string[] {
  const lines = [`${'#'.repeat(level)} ${c.number} ${esc(c.headline.trim() || 'Untitled')}${include === 'all' && c.status !== 'agreed' ? ' (Draft)' : ''}`, ''];
  if (c.quote.trim()) lines.push(`> ${esc(c.quote.trim())}`, '');
  const body = blocksToMarkdown(c.body, '', level + 1);
  if (body.length > 0) append(lines, joinBlocks(body)).push('');
  // After the body: an import reads a quote only straight after the heading.
  const evidence = evidenceLine(c);
  if (evidence) lines.push(`*${esc(evidence)}*`, '');
  return lines;
}

/** Paragraphs need a blank line between them; list items do not. */
function joinBlocks(lines: string[]): string[] {
  const out: string[] = [];
  lines.forEach((line, i) => {
    const isItem = /^\s*(- |\d+\. )/.test(line);
    const prevItem = i > 0 && /^\s*(- |\d+\. )/.test(lines[i - 1]!);
    if (i > 0 && !(isItem && prevItem) && !/^\s/.test(line)) out.push('');
    out.push(line);
  });
  return out;
}

function action(a: NumberedCard, include: ReportContent['include']): string[] {
  const lines = card(a, include);
  const facts: [string, string][] = [
    ['Lead', a.lead],
    ['Timescale', a.timescale],
    ['How success will be measured', a.successMeasure],
    ['Partners or support offered', a.support],
    ['Answers', a.answerNumbers.join(', ')],
  ];
  for (const [label, value] of facts) if (value.trim()) lines.push(`- **${label}:** ${esc(value.trim())}`);
  if (facts.some(([, v]) => v.trim())) lines.push('');
  return lines;
}

/** Findings, under a "### Theme: …" sub-heading per theme when grouped (the findings then at level 4). */
function findings(r: ReportContent, cards: NumberedCard[]): string[] {
  if (cards.length === 0) return [noneYet(r, 'findings'), ''];
  if (!r.groupByTheme) return cards.flatMap((c) => card(c, r.include));
  return themeGroups(cards).flatMap((g) => [`### ${esc(g.heading)}`, '', ...g.cards.flatMap((c) => card(c, r.include, 4))]);
}

/**
 * Text typed in a box as Markdown paragraphs, one per line, escaped and trimmed: four
 * spaces or a tab at the start of a paragraph would make it a box of code.
 */
function paragraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(esc);
}

/** The report as Markdown, in the shape the programme's reports take (sections 1-6). */
export function reportToMarkdown(r: ReportContent): string {
  const s = r.setup;
  const dates = [s.startDate, s.endDate].filter(Boolean).map(formatDate).join(' to ');
  // The title is not marked "(Draft)" here: an import would take the mark for part of the title.
  const out: string[] = [`# ${esc(s.title)}`, ''];
  const facts = [s.hostAuthority, dates, s.mode ? `Held ${MODES[s.mode]}` : ''].filter(Boolean).map(esc);
  if (facts.length) out.push(facts.join(' · '), '');
  const ci = s.ciText.trim() ? paragraphs(s.ciText) : WHAT_IS_CI;
  out.push('## 1. What is Collaborative Improvement?', '');
  append(out, ci.flatMap((p) => [p, '']));
  out.push('## 2. The focus', '');
  // Trimmed: four spaces or a tab at the start of a Markdown block make it a box of code.
  for (const q of s.focusQuestions) if (q.trim()) out.push(`> ${esc(q.trim())}`, '');
  append(out, paragraphs(s.rationale).flatMap((p) => [p, '']));
  if (r.themes.length) append(out, ['The themes were:', '', ...r.themes.map((t) => `- ${esc(t.name)}`), '']);
  out.push('## 3. Planning, process and fieldwork', '');
  const when = fieldworkWhen(r);
  if (when) out.push(when, '');
  if (r.team.length) {
    out.push('The core team:', '', '| Organisation | Role | Name |', '| --- | --- | --- |');
    for (const m of r.team) out.push(`| ${esc(m.organisation)} | ${esc(m.role)} | ${esc(m.name)} |`);
    out.push('');
  }
  if (r.activityCounts.length) {
    out.push(FIELDWORK_SUMMARY_LABEL, '');
    for (const a of r.activityCounts) out.push(`- ${esc(activityCount(a))}`);
    out.push('');
  }
  if (r.fieldwork.length) {
    // Each item ends with a full stop, so an import never mistakes it for a count ("Pupils: 12").
    out.push(`${FIELDWORK_DETAIL_LABEL}:`, '');
    for (const f of r.fieldwork) out.push(`- ${esc([fieldworkName(f), f.date].filter(Boolean).join(', '))}${f.participants !== null ? `: ${tookPart(f.participants)}` : ''}.`);
    out.push('');
  }
  if (s.partners.length) append(out, ['Partner organisations:', '', ...s.partners.map((p) => `- ${esc(p)}`), '']);
  append(out, [`## 4. ${BOARD_TITLES['working-well']}?`, '', ...findings(r, r.strengths)]);
  append(out, [`## 5. ${BOARD_TITLES.development}`, '', ...findings(r, r.areas)]);
  append(out, ['## 6. What will happen next?', '', ...(r.actions.length ? r.actions.flatMap((a) => action(a, r.include)) : [noneYet(r, 'actions'), ''])]);
  if (r.offers.length) {
    out.push('### Further collaboration and support offered', '');
    for (const o of r.offers) out.push(`- ${[o.from, o.offer, o.to].filter((x) => x.trim()).map(esc).join(' — ')}`);
    out.push('');
  }
  if (r.survey) {
    append(out, [`## ${APPENDIX_HEADING}`, '', esc(appendixIntro(r.survey)), '', ...r.survey.statements.flatMap((st) => [`- ${esc(st.sentence)}`]), '']);
    append(out, [`${appendixCaption}:`, '', `| Statement | ${APPENDIX_COLUMNS.map(esc).join(' | ')} |`, `| --- |${APPENDIX_COLUMNS.map(() => ' ---: |').join('')}`]);
    append(out, r.survey.statements.map((st) => `| ${esc(st.text)} | ${st.counts.join(' | ')} |`));
    out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
