import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIMITS } from '../../shared/model/limits.js';
import {
  addActivity,
  addTheme,
  initWorkshop,
  makeFinding,
  readCardBodyText,
  readCardDetails,
  readThemes,
  updateActivity,
} from '../../shared/model/index.js';

// Words from the Dundee report (seeds/dundee-2023.txt), as a recording sheet would hold them.
const QUOTE = 'I like who I work for, and with';

function workshop(clientId = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  initWorkshop(doc, { title: 'Dundee' });
  return doc;
}

/** Dundee's three themes, in the order the host set them up. */
function dundeeThemes(doc: Y.Doc): [string, string, string] {
  return [addTheme(doc, 'Curriculum design and delivery'), addTheme(doc, 'Data use'), addTheme(doc, 'Central support and challenge')];
}

describe('making a finding from words in a recording sheet', () => {
  it('puts the selected words in the quote, not the body, and keeps them as the evidence', () => {
    const doc = workshop();
    const group = addActivity(doc, { type: 'Class teachers', title: 'Secondary class teachers' });
    const id = makeFinding(doc, { activityId: group, excerpt: `  ${QUOTE}  `, board: 'working-well', headline: 'Relationships', createdBy: 'Ann' });
    const details = readCardDetails(doc, id)!;
    expect(details.quote).toBe(QUOTE);
    expect(readCardBodyText(doc, id)).toBe('');
    expect(details.evidence).toEqual([{ activityId: group, excerpt: QUOTE }]);

    // A quote is one line, as its field keeps it; the evidence keeps the lines as selected.
    const two = makeFinding(doc, { activityId: group, excerpt: `${QUOTE}\nLeaders are visible`, board: 'development', createdBy: 'Ann' });
    expect(readCardDetails(doc, two)!.quote).toBe(`${QUOTE} Leaders are visible`);
    expect(readCardDetails(doc, two)!.evidence[0]!.excerpt).toBe(`${QUOTE}\nLeaders are visible`);
  });

  it('puts the words in the body of an action, which has no quote, and of a passage too long to be a quote', () => {
    const doc = workshop();
    const group = addActivity(doc, { type: 'Head teachers' });
    const action = makeFinding(doc, { activityId: group, excerpt: 'Develop a citywide Senior Phase plan', board: 'action', createdBy: 'Ann' });
    expect(readCardBodyText(doc, action)).toBe('Develop a citywide Senior Phase plan');
    expect(readCardDetails(doc, action)!.quote).toBe('');

    // Nothing is cut: a passage too long for a quote goes whole into the body.
    const passage = `${'Head teachers value the central team’s support and challenge. '.repeat(12)}\nThey asked for more.`;
    expect(passage.length).toBeGreaterThan(LIMITS.quote);
    const long = makeFinding(doc, { activityId: group, excerpt: passage, board: 'development', createdBy: 'Ann' });
    expect(readCardDetails(doc, long)!.quote).toBe('');
    expect(readCardBodyText(doc, long)).toBe(passage.trim().replace(/\n+/g, '\n'));
  });

  it('gives the finding the activity’s first theme in the workshop’s order, whatever order the themes were ticked in', () => {
    const doc = workshop();
    const [curriculum, data, central] = dundeeThemes(doc);
    // Ticked "Central support" first, then "Data use": the activity's first theme is still Data use.
    const group = addActivity(doc, { type: 'Education officers', themeIds: [central, data] });
    const id = makeFinding(doc, { activityId: group, excerpt: QUOTE, board: 'working-well', createdBy: 'Ann' });
    expect(readCardDetails(doc, id)!.themeId).toBe(data);

    // A theme ticked later that comes first in the workshop's order becomes the first.
    updateActivity(doc, group, { themeIds: [central, data, curriculum] });
    const again = makeFinding(doc, { activityId: group, excerpt: QUOTE, board: 'working-well', createdBy: 'Ann' });
    expect(readCardDetails(doc, again)!.themeId).toBe(curriculum);
  });

  it('picks the same first theme on every copy of the workshop, however the ticks arrived', () => {
    const a = workshop(1);
    const [, data, central] = dundeeThemes(a);
    const b = new Y.Doc();
    b.clientID = 2;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const group = addActivity(a, { type: 'Pupils' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    // Two people tick a theme each at the same time, and the copies merge.
    updateActivity(b, group, { themeIds: [central] });
    updateActivity(a, group, { themeIds: [data] });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    const first = readThemes(a).find((t) => t.id === data || t.id === central)!.id;
    expect(first).toBe(data);
    for (const doc of [a, b]) {
      const id = makeFinding(doc, { activityId: group, excerpt: QUOTE, board: 'development', createdBy: 'Ann' });
      expect(readCardDetails(doc, id)!.themeId).toBe(data);
    }
  });

  it('keeps a theme the person chose, and refuses an empty selection or a deleted activity', () => {
    const doc = workshop();
    const [curriculum, data] = dundeeThemes(doc);
    const group = addActivity(doc, { type: 'Pupils', themeIds: [data] });
    const id = makeFinding(doc, { activityId: group, excerpt: QUOTE, board: 'working-well', createdBy: 'Ann', themeId: curriculum });
    expect(readCardDetails(doc, id)!.themeId).toBe(curriculum);
    expect(() => makeFinding(doc, { activityId: group, excerpt: '  ', board: 'working-well', createdBy: 'Ann' })).toThrow(/Select some words/);
    expect(() => makeFinding(doc, { activityId: 'gone', excerpt: QUOTE, board: 'working-well', createdBy: 'Ann' })).toThrow(/no longer exists/);
  });
});
