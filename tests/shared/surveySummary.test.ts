import { describe, expect, it } from 'vitest';
import { summarySentence } from '../../shared/survey/summary.js';
import { tally, type ScaleCounts } from '../../shared/survey/results.js';
import { surveyAnswerSchema, type SurveyAnswer } from '../../shared/survey/answer.js';
import { STATEMENTS } from '../../shared/survey/questions.js';
import { resultsToCsv } from '../../shared/survey/csv.js';
import { surveyAppendix } from '../../shared/survey/appendix.js';
import { findTermUses } from '../../shared/language/quantityTerms.js';

const counts = (c: Partial<ScaleCounts>): ScaleCounts => ({ 'strongly-agree': 0, agree: 0, neither: 0, disagree: 0, 'strongly-disagree': 0, 'dont-know': 0, ...c });
const FOCUS = 'the area of focus agreed for the CI was appropriate';

/** `agree` of 20 agree (split across agree and strongly agree), the rest neither. */
const ofTwenty = (agree: number) => summarySentence(FOCUS, counts({ 'strongly-agree': Math.floor(agree / 2), agree: Math.ceil(agree / 2), neither: 20 - agree }), 20);

describe('a statement’s summary sentence, in the national quantity terms', () => {
  it('reads as the interim review words its results', () => {
    expect(summarySentence(FOCUS, counts({ 'strongly-agree': 12, agree: 7, neither: 1 }), 20)).toBe('Almost all respondents agree or strongly agree that the area of focus agreed for the CI was appropriate.');
  });

  it.each([
    [20, 'All respondents'],
    [19, 'Almost all respondents'], // 95%
    [18, 'Most respondents'], // exactly 90%: most ("75% to 90%")
    [15, 'Most respondents'], // exactly 75%
    [14, 'The majority of respondents'], // 70%
    [10, 'The majority of respondents'], // exactly 50%
    [9, 'Less than half of respondents'], // 45%
    [3, 'Less than half of respondents'], // exactly 15%
    [2, 'A few respondents'], // 10%
    [0, 'None of the respondents'],
  ])('%i of 20 agreeing: “%s …”', (agree, start) => {
    expect(ofTwenty(agree)).toBe(`${start} agree or strongly agree that ${FOCUS}.`);
  });

  it('reports disagreement when more than half disagree', () => {
    expect(summarySentence('the process felt like an equal partnership', counts({ disagree: 8, 'strongly-disagree': 3, agree: 9 }), 20)).toBe(
      'The majority of respondents disagree or strongly disagree that the process felt like an equal partnership.',
    );
    // Exactly half disagreeing is not more than half: agreement is reported.
    expect(summarySentence(FOCUS, counts({ disagree: 10, agree: 10 }), 20)).toBe(`The majority of respondents agree or strongly agree that ${FOCUS}.`);
  });

  it('says when most did not know', () => {
    expect(summarySentence('learners will benefit from the CI', counts({ 'dont-know': 16, agree: 4 }), 20)).toBe('Most respondents do not know whether learners will benefit from the CI.');
  });

  it('uses only national terms, as the report’s language check reads them', () => {
    for (let agree = 0; agree <= 20; agree++) {
      const uses = findTermUses(ofTwenty(agree));
      expect(uses.length).toBeGreaterThan(0);
      expect(uses.every((u) => u.national)).toBe(true);
    }
  });
});

const answer = (choice: SurveyAnswer['statements'][string], comment = ''): SurveyAnswer => ({
  organisation: 'host',
  role: 'officer',
  statements: Object.fromEntries(STATEMENTS.map((s) => [s.id, choice])),
  comment,
  report: null,
  improvements: '',
});

describe('the results of a survey', () => {
  it('hold no counts and no written answers below five answers', () => {
    const four = tally([answer('agree', 'a'), answer('agree', 'b'), answer('agree'), answer('disagree')]);
    expect(four).toEqual({ responses: 4, shown: false, needed: 1 });
    expect(surveyAppendix(four)).toBeNull();
    expect(tally([])).toEqual({ responses: 0, shown: false, needed: 5 });
  });

  it('count each statement’s answers from five, with written answers sorted', () => {
    const five = tally([answer('agree', 'Zebra'), answer('agree', 'apple'), answer('strongly-agree'), answer('dont-know'), answer('neither')]);
    expect(five.shown).toBe(true);
    if (!five.shown) return;
    expect(five.statements).toHaveLength(15);
    expect(five.statements[0]!.counts).toEqual(counts({ agree: 2, 'strongly-agree': 1, 'dont-know': 1, neither: 1 }));
    expect(five.comments).toEqual(['apple', 'Zebra']);
    expect(five.report).toEqual({ yes: 0, no: 0, 'not-sure': 0, unanswered: 5 });
    const csv = resultsToCsv(five);
    expect(csv.split('\r\n')[0]).toBe('Statement,Strongly agree,Agree,Neither agree nor disagree,Disagree,Strongly disagree,Don’t know,Respondents,Summary');
    expect(csv).toContain('I enjoyed participating in the CI,1,2,1,0,0,1,5,The majority of respondents agree or strongly agree that they enjoyed participating in the CI.');
    const appendix = surveyAppendix(five)!;
    expect(appendix.statements[8]).toEqual({ text: 'I enjoyed participating in the CI', sentence: 'The majority of respondents agree or strongly agree that they enjoyed participating in the CI.', counts: [1, 2, 1, 0, 0, 1] });
  });
});

describe('the questionnaire', () => {
  it('holds the fifteen statements of the interim review’s Appendix 2, word for word', async () => {
    const fs = await import('node:fs');
    const seed = fs.readFileSync(new URL('../fixtures/interim-review-2022.txt', import.meta.url), 'utf8');
    const appendix = seed.slice(seed.indexOf('Appendix 2'));
    expect(STATEMENTS).toHaveLength(15);
    for (const s of STATEMENTS) expect(appendix).toContain(`*${s.text}*`);
  });

  it('checks an answer field by field', () => {
    const good = { key: 'a-browser-key-123456', organisation: 'host', role: 'qio', statements: Object.fromEntries(STATEMENTS.map((s) => [s.id, 'agree'])) };
    const parsed = surveyAnswerSchema.safeParse(good);
    expect(parsed.success && parsed.data).toMatchObject({ comment: '', improvements: '', report: null });
    expect(surveyAnswerSchema.safeParse({ ...good, comment: '  padded  ' }).data?.comment).toBe('padded');
    expect(surveyAnswerSchema.safeParse({ ...good, extra: 1 }).success).toBe(false);
    expect(surveyAnswerSchema.safeParse({ ...good, statements: { ...good.statements, s1: 'agreed' } }).success).toBe(false);
    expect(surveyAnswerSchema.safeParse({ ...good, comment: 5 }).success).toBe(false);
  });
});
