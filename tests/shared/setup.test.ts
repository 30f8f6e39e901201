import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MAX_THEMES,
  THEME_COLOURS,
  addActivity,
  addCard,
  addTeamMember,
  addTheme,
  deleteTeamMember,
  deleteTheme,
  initWorkshop,
  readActivities,
  readCardDetails,
  readSetup,
  readTeam,
  readThemes,
  setCardTheme,
  updateSetup,
  updateTeamMember,
  updateTheme,
} from '../../shared/model/index.js';

function workshop(): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Dundee', hostAuthority: 'Dundee City Council', focusQuestion: 'How well…?' });
  return doc;
}

/** WCAG relative luminance contrast of white text on a colour. */
function contrastWithWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (l + 0.05);
}

describe('setting up a workshop', () => {
  it('records dates, mode, focus questions, rationale, partners and activity types', () => {
    const doc = workshop();
    updateSetup(doc, {
      startDate: '2023-01-25',
      endDate: '2023-01-27',
      mode: 'in-person',
      focusQuestions: ['To what extent are our approaches helping?', '  ', 'What should change?'],
      rationale: 'Leavers entering a positive destination are below our virtual comparator.',
      partners: ['Robert Owen Centre', ''],
      activityTypes: ['Pupils', 'Head teachers', 'Pedagogy team'],
    });
    expect(readSetup(doc)).toMatchObject({
      title: 'Dundee',
      startDate: '2023-01-25',
      endDate: '2023-01-27',
      mode: 'in-person',
      focusQuestions: ['To what extent are our approaches helping?', 'What should change?'],
      rationale: 'Leavers entering a positive destination are below our virtual comparator.',
      partners: ['Robert Owen Centre'],
      activityTypes: ['Pupils', 'Head teachers', 'Pedagogy team'],
    });
  });

  it('refuses a malformed date with a plain message and changes nothing', () => {
    const doc = workshop();
    expect(() => updateSetup(doc, { title: 'Changed', startDate: '25/01/2023' })).toThrow(/start date must be a date/);
    expect(() => updateSetup(doc, { mode: 'hybrid' as never })).toThrow(/online, in person or mixed/);
    expect(readSetup(doc).title).toBe('Dundee');
  });

  it('merges two people editing the rationale at once', () => {
    const a = workshop();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    updateSetup(a, { rationale: 'Our self-evaluation shows gaps.' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    updateSetup(a, { rationale: 'Our recent self-evaluation shows gaps.' });
    updateSetup(b, { rationale: 'Our self-evaluation shows gaps in the Senior Phase.' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readSetup(a).rationale).toBe('Our recent self-evaluation shows gaps in the Senior Phase.');
  });

  it('keeps one to six themes, each with a colour readable under white text', () => {
    const doc = workshop();
    const ids = ['Curriculum design and delivery', 'Data use', 'Central support and challenge'].map((n) => addTheme(doc, n));
    expect(readThemes(doc).map((t) => t.name)).toEqual(['Curriculum design and delivery', 'Data use', 'Central support and challenge']);
    expect(new Set(readThemes(doc).map((t) => t.colour)).size).toBe(3);
    for (let i = 3; i < MAX_THEMES; i++) addTheme(doc, `Theme ${i}`);
    expect(() => addTheme(doc, 'One too many')).toThrow(/at most 6 themes/);
    expect(() => addTheme(workshop(), '   ')).toThrow(/name/);
    updateTheme(doc, ids[1]!, { name: 'Use of data', colour: 'red' });
    expect(readThemes(doc)[1]).toMatchObject({ name: 'Use of data', colour: THEME_COLOURS[1] });
    for (const c of THEME_COLOURS) expect(contrastWithWhite(c)).toBeGreaterThanOrEqual(4.5);
  });

  it('deleting a theme leaves its cards and activities with no theme', () => {
    const doc = workshop();
    const theme = addTheme(doc, 'Data use');
    const card = addCard(doc, { board: 'development', headline: 'Use data better', createdBy: 'Ann' });
    const activity = addActivity(doc, { type: 'Head teachers', themeIds: [theme] });
    setCardTheme(doc, card, theme);
    expect(readCardDetails(doc, card)!.themeId).toBe(theme);
    deleteTheme(doc, theme);
    expect(readCardDetails(doc, card)!.themeId).toBeNull();
    expect(readActivities(doc)[0]!.themeIds).toEqual([]);
    expect(setCardTheme(doc, card, theme)).toBe(false);
    void activity;
  });

  it('keeps the core team as ordered rows of organisation, role and optional name', () => {
    const doc = workshop();
    const a = addTeamMember(doc, { organisation: 'Dundee City Council', role: 'Executive Director' });
    addTeamMember(doc, { organisation: 'ADES', role: 'Director of Education, Renfrewshire', name: 'Steven Quinn' });
    updateTeamMember(doc, a, { name: 'Audrey May' });
    expect(readTeam(doc).map(({ organisation, role, name }) => ({ organisation, role, name }))).toEqual([
      { organisation: 'Dundee City Council', role: 'Executive Director', name: 'Audrey May' },
      { organisation: 'ADES', role: 'Director of Education, Renfrewshire', name: 'Steven Quinn' },
    ]);
    expect(deleteTeamMember(doc, a)).toBe(true);
    expect(readTeam(doc)).toHaveLength(1);
  });
});
