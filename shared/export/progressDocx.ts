import { ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { formatDate } from '../format.js';
import {
  STATUS_LABELS,
  currentStatus,
  entryWhen,
  progressSummary,
  reviewDueText,
  type FollowupAction,
  type FollowupEntry,
  type FollowupResponse,
} from '../followup/followup.js';
import { lookedDocument } from './docxLook.js';
import { table, text } from './docx.js';
import { safeHref } from './html.js';

/**
 * The progress report of the follow-up a year on, in the report's own look (docxLook.ts,
 * and the report's tables and paragraphs from docx.ts): a summary, then each agreed
 * action with its lead, timescale, success measure, status and every dated note. Pure:
 * the follow-up in, .docx bytes out.
 */

const labelled = (label: string, value: string) =>
  // Kept with what follows, so an action's details are not split from its heading across a page.
  new Paragraph({ keepNext: true, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value.trim() || 'Not given')] });

function evidenceLink(link: string): Paragraph {
  const href = safeHref(link);
  const run = new TextRun({ text: link, style: href ? 'Hyperlink' : undefined });
  const child: ParagraphChild = href ? new ExternalHyperlink({ link: href, children: [run] }) : run;
  return new Paragraph({ children: [child], numbering: { reference: 'bullets', level: 0 } });
}

function entry(e: FollowupEntry): Paragraph[] {
  const out = [
    new Paragraph({
      keepNext: true,
      children: [new TextRun({ text: entryWhen(e.createdAt), bold: true }), new TextRun(` · ${STATUS_LABELS[e.status]} · ${e.author}`)],
    }),
    ...e.note.split(/\n+/).filter((p) => p.trim()).map((p) => text(p.trim())),
  ];
  if (e.evidence.length) out.push(text('Evidence:', { style: 'Evidence' }), ...e.evidence.map(evidenceLink));
  return out;
}

function action(a: FollowupAction): Paragraph[] {
  const out = [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${a.number} ${a.headline.trim() || 'Untitled'}`)] }),
    labelled('Lead', a.lead),
    labelled('Timescale', a.timescale),
    labelled('Success measure', a.successMeasure),
    labelled('Status', STATUS_LABELS[currentStatus(a)]),
    new Paragraph({ text: 'Progress notes', heading: HeadingLevel.HEADING_3 }),
  ];
  if (a.entries.length === 0) out.push(text('No progress has been logged yet.'));
  // Newest first: the latest word on an action is what a review reads first.
  for (const e of [...a.entries].reverse()) out.push(...entry(e));
  return out;
}

export async function progressToDocx(r: FollowupResponse, today: string): Promise<Uint8Array> {
  const title = `Progress report: ${r.title.trim() || 'Collaborative Improvement'}`;
  const review = reviewDueText(r.reviewDate, today);
  const facts = [r.hostAuthority.trim(), `Progress as at ${formatDate(today)}`, review?.text ?? ''].filter(Boolean);
  const children: (Paragraph | ReturnType<typeof table>[number])[] = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    text(facts.join(' · '), { style: 'Subtitle' }),
    new Paragraph({ text: 'Summary', heading: HeadingLevel.HEADING_1 }),
  ];
  if (r.actions.length === 0) children.push(text('No actions have been agreed, so there is no progress to report.'));
  else {
    children.push(text(progressSummary(r.actions)));
    const columns = [{ name: 'Action', share: 9 }, { name: 'Lead', share: 5 }, { name: 'Timescale', share: 4 }, { name: 'Status', share: 3 }];
    children.push(...table('The agreed actions and where they stand', columns, r.actions.map((a) => [`${a.number} ${a.headline.trim() || 'Untitled'}`, a.lead, a.timescale, STATUS_LABELS[currentStatus(a)]])));
    children.push(new Paragraph({ text: 'The actions', heading: HeadingLevel.HEADING_1 }), ...r.actions.flatMap(action));
  }
  const doc = lookedDocument({
    title,
    author: r.hostAuthority.trim() || 'Cairn',
    subject: 'Collaborative Improvement: progress on the agreed actions',
    description: 'The progress logged against each agreed action of a Collaborative Improvement.',
    footerTitle: title,
    children,
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
