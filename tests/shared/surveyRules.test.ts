import { describe, expect, it } from 'vitest';
import { may, refusal } from '../../shared/rules/rules.js';
import { ROLES } from '../../shared/roles.js';
import { PHASES } from '../../shared/session/phases.js';

/** Who may do what with the survey, in every phase: the phase never matters. */
const EXPECTED = {
  'survey.run': { host: true, facilitator: true, participant: false, viewer: false },
  'survey.answer': { host: true, facilitator: true, participant: true, viewer: false },
  'survey.results': { host: true, facilitator: true, participant: false, viewer: false },
} as const;

describe('the survey in the rules table', () => {
  it.each(Object.entries(EXPECTED))('%s, by role, the same in every phase', (kind, byRole) => {
    for (const phase of PHASES) {
      for (const role of ROLES) expect(may(role, phase, { kind } as never), `${role} in ${phase}`).toBe(byRole[role]);
    }
  });

  it('says who can, in words to show', () => {
    expect(refusal('participant', 'agreed', { kind: 'survey.run' })).toBe('Only the facilitator or host can open or close the survey.');
    expect(refusal('viewer', 'part1', { kind: 'survey.answer' })).toMatch(/^The survey is for the people who took part in the workshop/);
    expect(refusal('participant', 'part2', { kind: 'survey.results' })).toMatch(/They may share them in the report\.$/);
  });
});
