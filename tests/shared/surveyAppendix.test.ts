import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readReport } from '../../shared/model/index.js';
import { selectReport } from '../../shared/export/report.js';
import { reportToMarkdown } from '../../shared/export/markdown.js';
import { reportToHtml } from '../../shared/export/html.js';
import { reportToDocx } from '../../shared/export/docx.js';
import { parseOutline } from '../../shared/import/outline.js';
import { surveyAppendix } from '../../shared/survey/appendix.js';
import { tally } from '../../shared/survey/results.js';
import type { SurveyAnswer } from '../../shared/survey/answer.js';
import { STATEMENTS } from '../../shared/survey/questions.js';
import { dundee } from './dundeeWorkshop.js';

/** One file out of a zip (as in exportDocuments.test.ts: docx ships fflate, not jszip). */
function unzip(zip: Uint8Array, name: string): string {
  const buf = Buffer.from(zip);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const [nameLen, extraLen, commentLen] = [28, 30, 32].map((o) => buf.readUInt16LE(at + o)) as [number, number, number];
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} not in the zip`);
}

const answer = (i: number): SurveyAnswer => ({
  organisation: 'other-authority',
  role: 'director',
  // Nine of ten agree with everything; one disagrees with the time spent.
  statements: Object.fromEntries(STATEMENTS.map((s) => [s.id, i === 0 && s.id === 's4' ? 'disagree' : i % 2 ? 'agree' : 'strongly-agree'])),
  comment: 'Private words that stay out of the report',
  report: null,
  improvements: '',
});

const report = () => ({ ...selectReport(readReport(dundee())), survey: surveyAppendix(tally(Array.from({ length: 10 }, (_, i) => answer(i)))) });

describe('the survey as the report’s appendix', () => {
  it('ends the Markdown with a sentence per statement and the table, which an import passes over', () => {
    const md = reportToMarkdown(report());
    const appendix = md.slice(md.indexOf('## Appendix: the participants’ survey'));
    expect(appendix).toContain('10 members of the team answered the participants’ survey anonymously.');
    // Nine of ten is 90%: "most" (75% to 90%), not "almost all" (over 90%).
    expect(appendix).toContain('- Most respondents agree or strongly agree that the time spent on the CI process was appropriate.');
    expect(appendix).toContain('| The time spent on the CI process was appropriate | 4 | 5 | 0 | 1 | 0 | 0 |');
    expect(md).not.toContain('Private words');
    const plain = parseOutline(reportToMarkdown(selectReport(readReport(dundee()))));
    expect(parseOutline(md).boards).toEqual(plain.boards);
  });

  it('adds a section with a headed table to the web page, and nothing without it', () => {
    const html = reportToHtml(report());
    expect(html).toContain('<section id="survey"><h2>Appendix: the participants’ survey</h2>');
    expect(html).toContain('<th scope="col">Don’t know</th>');
    expect(html).toContain('<th scope="row">I enjoyed participating in the CI</th><td>5</td><td>5</td>');
    expect(reportToHtml(selectReport(readReport(dundee())))).not.toContain('participants’ survey');
  });

  it('adds a heading, the sentences and a table to the Word file', async () => {
    const xml = unzip(await reportToDocx(report()), 'word/document.xml');
    expect(xml).toContain('Appendix: the participants’ survey');
    expect(xml).toContain('All respondents agree or strongly agree that the process is worthwhile and worth developing further.');
    expect(xml).toContain('How many respondents chose each answer, by statement');
    expect(xml).not.toContain('Private words');
  });
});
