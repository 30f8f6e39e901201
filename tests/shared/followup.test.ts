// Issue 18, part 2: the follow-up's rules and its small pure parts.
import { describe, expect, it } from 'vitest';
import { may, refusal } from '../../shared/rules/rules.js';
import { PHASES } from '../../shared/session/phases.js';
import { ROLES } from '../../shared/roles.js';
import { currentStatus, entriesSince, evidenceLinkProblem, isIsoDate, latestEntry, statusCounts, type FollowupEntry } from '../../shared/followup/followup.js';

describe('the follow-up', () => {
  it('is logged by the host, facilitator and participants once the board is agreed; the review date is the host’s', () => {
    for (const role of ROLES) {
      for (const phase of PHASES) {
        expect(may(role, phase, { kind: 'followup.log' })).toBe(role !== 'viewer' && phase === 'agreed');
        expect(may(role, phase, { kind: 'followup.review-date' })).toBe(role === 'host');
      }
    }
    expect(refusal('participant', 'part2', { kind: 'followup.log' })).toMatch(/once the board is agreed/);
    expect(refusal('viewer', 'agreed', { kind: 'followup.log' })).toMatch(/read-only/);
  });

  it('keeps only web addresses as evidence, and only real dates', () => {
    expect(evidenceLinkProblem('https://www.dundeecity.gov.uk/plan')).toBeNull();
    expect(evidenceLinkProblem('http://intranet.council.local/report')).toBeNull();
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'www.example.org', `https://example.org/${'a'.repeat(500)}`]) {
      expect(evidenceLinkProblem(bad)).not.toBeNull();
    }
    expect(isIsoDate('2027-03-12')).toBe(true);
    expect(isIsoDate('2027-02-30')).toBe(false);
    expect(isIsoDate('12/03/2027')).toBe(false);
  });

  it('reads what changed since a date, and counts an action with no entry as not started', () => {
    const e = (id: number, createdAt: string): FollowupEntry => ({ id, action: 'a', status: 'under-way', note: '', evidence: [], author: 'Host', createdAt });
    const log = [e(1, '2027-01-31T23:59:00.000Z'), e(2, '2027-02-01T00:00:00.000Z'), e(3, '2027-03-01T09:00:00.000Z')];
    expect(entriesSince(log, '2027-02-01').map((x) => x.id)).toEqual([2, 3]);
    expect(entriesSince(log, '2027-03-02')).toEqual([]);
    expect(statusCounts(['a', 'b'], new Map([['a', 'done']]))).toEqual({ 'not-started': 1, 'under-way': 0, done: 1, dropped: 0 });
  });

  it('takes an action’s latest entry and status from the end of its log (oldest first), and none from an empty log', () => {
    const e = (id: number, status: FollowupEntry['status']): FollowupEntry => ({ id, action: 'a', status, note: `note ${id}`, evidence: [], author: 'Host', createdAt: '2027-03-01T09:00:00.000Z' });
    const entries = [e(1, 'under-way'), e(2, 'done')];
    expect(latestEntry({ entries })?.id).toBe(2);
    expect(currentStatus({ entries })).toBe('done');
    expect(latestEntry({ entries: [] })).toBeNull();
    expect(currentStatus({ entries: [] })).toBe('not-started');
  });
});
