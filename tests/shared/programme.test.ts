import { describe, expect, it } from 'vitest';
import { normaliseProgrammeCode, showProgrammeCode, type ProgrammeOverview } from '../../shared/programme/programme.js';
import { overviewToCsv } from '../../shared/programme/csv.js';
import { may } from '../../shared/rules/rules.js';
import { PHASES } from '../../shared/session/phases.js';
import { STATEMENTS } from '../../shared/survey/questions.js';
import type { SurveyAnswer } from '../../shared/survey/answer.js';
import { programmeSurvey } from '../../shared/programme/survey.js';

const answer = (choice: SurveyAnswer['statements'][string]): SurveyAnswer => ({
  organisation: 'host',
  role: 'qio',
  statements: Object.fromEntries(STATEMENTS.map((s) => [s.id, choice])),
  comment: 'Written words stay with the workshop',
  report: null,
  improvements: '',
});
const workshop = (n: number, choice: SurveyAnswer['statements'][string]) => ({ responses: n, answers: n >= 5 ? Array.from({ length: n }, () => answer(choice)) : [] });

describe('the survey across a programme', () => {
  it('counts only workshops with five answers or more, and says what it left out', () => {
    const survey = programmeSurvey([workshop(4, 'strongly-disagree'), workshop(5, 'agree'), workshop(0, 'agree'), workshop(7, 'strongly-agree')]);
    expect(survey).toMatchObject({ workshopsIncluded: 2, workshopsLeftOut: 1, answersLeftOut: 4, responses: 12 });
    expect(survey.statements![0]!.counts).toMatchObject({ 'strongly-agree': 7, agree: 5, 'strongly-disagree': 0 });
    // Written answers are never part of it.
    expect(JSON.stringify(survey)).not.toContain('Written words');
  });

  it('shows nothing while no workshop has five answers', () => {
    expect(programmeSurvey([workshop(4, 'agree'), workshop(3, 'agree')])).toEqual({ workshopsIncluded: 0, workshopsLeftOut: 2, answersLeftOut: 7, responses: 0, statements: null });
  });
});

describe('programme codes', () => {
  it('reads a code as people type it, and refuses what cannot be one', () => {
    expect(normaliseProgrammeCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(normaliseProgrammeCode('ABCDE FGHJK')).toBe('ABCDEFGHJK');
    for (const bad of ['', 'ABCDE', 'ABCDE-FGHJK-L', 'ABCDE-FGHJ0', 'ABCDE-FGHJI', 'ABCDE_FGHJK']) expect(normaliseProgrammeCode(bad), bad).toBeNull();
    expect(showProgrammeCode('ABCDEFGHJK')).toBe('ABCDE-FGHJK');
  });

  it('lets only the host join a programme or leave it, in every phase', () => {
    for (const phase of PHASES) {
      expect(may('host', phase, { kind: 'programme.join' })).toBe(true);
      for (const role of ['facilitator', 'participant', 'viewer'] as const) expect(may(role, phase, { kind: 'programme.join' })).toBe(false);
    }
  });
});

describe('the overview as CSV', () => {
  it('has one row per workshop, with cells a spreadsheet will not run', () => {
    const overview: ProgrammeOverview = {
      id: 'p',
      name: 'P',
      code: 'ABCDE-FGHJK',
      createdAt: '2026-12-05T00:00:00.000Z',
      survey: { workshopsIncluded: 0, workshopsLeftOut: 0, answersLeftOut: 0, responses: 0, statements: null },
      workshops: [
        { title: '=HYPERLINK("x")', hostAuthority: 'Fife Council', startDate: '2027-01-25', endDate: '2027-01-27', focus: 'Data, use', phase: 'part2', publishedPath: '/reports/fife', surveyResponses: 3, actions: { done: 1, 'under-way': 2, 'not-started': 3, dropped: 4 }, unreadable: false },
        { title: 'Damaged', hostAuthority: '', startDate: '', endDate: '', focus: '', phase: null, publishedPath: null, surveyResponses: 0, actions: { done: 0, 'under-way': 0, 'not-started': 0, dropped: 0 }, unreadable: true },
      ],
    };
    const lines = overviewToCsv(overview, 'https://cairn.example').split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",Fife Council,2027-01-25,2027-01-27,"Data, use",Part 2: Towards action,https://cairn.example/reports/fife,3,1,2,3,4`);
    expect(lines[2]).toBe('Damaged,,,,,Could not be read,No,0,0,0,0,0');
  });
});
