// Issue 18, part 2: the progress report in Word, in the report's look.
import { describe, expect, it } from 'vitest';
import { progressToDocx } from '../../shared/export/progressDocx.js';
import type { FollowupResponse } from '../../shared/followup/followup.js';
import { progressSummary, reviewDueText } from '../../shared/followup/followup.js';
import { unzip } from '../helpers/deepDocuments.js';

const followup: FollowupResponse = {
  title: 'Collaborative Improvement – Dundee',
  hostAuthority: 'Dundee City Council',
  reviewDate: '2027-03-12',
  actions: [
    {
      id: 'a1',
      number: '6.1',
      headline: 'A citywide Senior Phase Improvement Plan',
      lead: 'Head Teacher',
      timescale: 'By June 2024',
      successMeasure: 'Every secondary school follows the plan',
      entries: [
        { id: 1, action: 'a1', status: 'under-way', note: 'Drafted with head teachers.', evidence: ['https://www.dundeecity.gov.uk/plan'], author: 'Shona Bell', createdAt: '2026-11-02T10:00:00.000Z' },
        { id: 2, action: 'a1', status: 'done', note: 'Published to schools.', evidence: [], author: 'Host', createdAt: '2027-02-01T10:00:00.000Z' },
      ],
    },
    { id: 'a2', number: '6.2', headline: 'Moderation with Inverclyde', lead: 'QIO', timescale: '2024-25', successMeasure: '', entries: [] },
  ],
};

describe('the progress report', () => {
  it('lists each action with its lead, timescale, success measure, status and dated notes with their authors and evidence links', async () => {
    const xml = unzip(await progressToDocx(followup, '2027-02-10'), 'word/document.xml');
    for (const words of ['Progress report: Collaborative Improvement – Dundee', 'Review due on 12 March 2027', '6.1 A citywide Senior Phase Improvement Plan', 'Head Teacher', 'By June 2024', 'Every secondary school follows the plan', 'Drafted with head teachers.', 'Shona Bell', '2 November 2026', 'Under way', 'Done', 'No progress has been logged yet.', 'Not started']) {
      expect(xml).toContain(words);
    }
    // The evidence is a real link, in the report's table style.
    const rels = unzip(await progressToDocx(followup, '2027-02-10'), 'word/_rels/document.xml.rels');
    expect(rels).toContain('https://www.dundeecity.gov.uk/plan');
    expect(xml).toContain('w:tblStyle w:val="CairnTable"');
    // Newest note first.
    expect(xml.indexOf('Published to schools.')).toBeLessThan(xml.indexOf('Drafted with head teachers.'));
  });

  it('counts the actions by status, and says when the review is overdue', async () => {
    expect(progressSummary(followup.actions)).toBe('Of 2 agreed actions: 1 not started, 0 under way, 1 done and 0 dropped.');
    expect(reviewDueText('2027-03-12', '2027-03-12')).toEqual({ text: 'Review due on 12 March 2027', overdue: false });
    expect(reviewDueText('2027-03-12', '2027-03-13')).toEqual({ text: 'Review overdue: it was due on 12 March 2027', overdue: true });
    const xml = unzip(await progressToDocx(followup, '2027-04-01'), 'word/document.xml');
    expect(xml).toContain('Review overdue');
  });
});
