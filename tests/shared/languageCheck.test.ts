import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addActivity, addCard, addTheme, initWorkshop, linkEvidence, readReport, setCardTheme } from '../../shared/model/index.js';
import { checkLanguage } from '../../shared/language/check.js';

function workshop(findings: { board: 'working-well' | 'development'; headline: string; text: string; evidence?: boolean }[]) {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Check' });
  const group = addActivity(doc, { type: 'Head teachers', participants: 8 });
  const theme = addTheme(doc, 'Data use');
  const ids = findings.map((f) => {
    const id = addCard(doc, { board: f.board, headline: f.headline, createdBy: 'A', body: [{ type: 'paragraph', content: [{ type: 'text', text: f.text }] }] });
    if (f.evidence !== false) linkEvidence(doc, id, group);
    return id;
  });
  setCardTheme(doc, ids[0]!, theme);
  return checkLanguage(readReport(doc));
}

describe('the evaluative language check', () => {
  it('lists every quantity term with its national definition', () => {
    const check = workshop([{ board: 'working-well', headline: 'Relationships', text: 'Almost all head teachers feel supported. Most pupils agreed.' }]);
    expect(check.terms.map((t) => [t.number, t.term, t.definition])).toEqual([
      ['4.1', 'almost all', 'over 90%'],
      ['4.1', 'most', '75% to 90%'],
    ]);
    expect(check.issues).toEqual([]);
  });

  it('flags "minority", which is not a national term', () => {
    const check = workshop([{ board: 'development', headline: 'Transitions', text: 'A significant minority of pupils find S3 unchallenging.' }]);
    expect(check.issues).toEqual([expect.objectContaining({ number: '5.1', kind: 'loose-term', message: expect.stringMatching(/significant minority.*Not a national term/) })]);
  });

  it('says which term a count supports, and flags a mismatch', () => {
    const check = workshop([{ board: 'working-well', headline: 'Support', text: 'Most head teachers, 5 of 8 head teachers, felt well supported.' }]);
    expect(check.issues).toEqual([
      expect.objectContaining({ kind: 'count-mismatch', message: '4.1 says “Most” where the count is 5 of 8 head teachers (63%): the national term for that is “majority” (50% to 74%).' }),
    ]);
    const fits = workshop([{ board: 'working-well', headline: 'Support', text: 'Most head teachers (7 of 8 head teachers) felt well supported.' }]);
    expect(fits.issues).toEqual([]);
  });

  it('flags the same group described with different terms', () => {
    const check = workshop([
      { board: 'working-well', headline: 'Support', text: 'Most head teachers feel supported.' },
      { board: 'development', headline: 'Data', text: 'The majority of head teachers want better data.' },
    ]);
    expect(check.issues).toEqual([expect.objectContaining({ kind: 'mixed-terms', message: 'Head teachers are described as “most” (4.1) and “majority” (5.1). Check the evidence and use one term.' })]);
  });

  it('flags findings with no evidence, and shows the balance per theme', () => {
    const check = workshop([
      { board: 'working-well', headline: 'Analysts', text: 'Strong analysis.' },
      { board: 'development', headline: 'Unsupported', text: 'Needs work.', evidence: false },
    ]);
    expect(check.issues).toEqual([expect.objectContaining({ number: '5.1', kind: 'no-evidence' })]);
    expect(check.balance).toEqual([
      { theme: 'Data use', strengths: 1, areas: 0 },
      { theme: 'No theme', strengths: 0, areas: 1 },
    ]);
  });
});
