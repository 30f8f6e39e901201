import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActivity,
  addCard,
  addOffer,
  addTheme,
  deleteActivity,
  deleteCard,
  deleteOffer,
  findingsCiting,
  initWorkshop,
  linkAnswer,
  linkEvidence,
  linkOfferToAction,
  makeFinding,
  moveCard,
  readActivities,
  readAnsweredBy,
  readBalance,
  readBoards,
  readCardBodyText,
  readCardDetails,
  readNumbers,
  readOffers,
  reopenFinding,
  agreeFinding,
  setCardTheme,
  unlinkAnswer,
  unlinkEvidence,
  updateActivity,
  updateOffer,
} from '../../shared/model/index.js';

function workshop(clientId = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  initWorkshop(doc, { title: 'Dundee' });
  return doc;
}

function merge(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('fieldwork evidence and findings', () => {
  it('makes a finding from a recording-sheet excerpt, linked back to its evidence and theme', () => {
    const doc = workshop();
    const theme = addTheme(doc, 'Relationships');
    const group = addActivity(doc, { type: 'Head teachers', title: 'Secondary head teachers', date: '2023-01-25', themeIds: [theme], participants: 6 });
    const id = makeFinding(doc, { activityId: group, excerpt: 'I like who I work for, and with\nLeaders are visible', board: 'working-well', createdBy: 'Ann' });
    expect(readBoards(doc)['working-well'].map((c) => c.id)).toEqual([id]);
    // The selected words are the finding's quote (issue 16, item 14: they used to go in the body).
    expect(readCardBodyText(doc, id)).toBe('');
    expect(readCardDetails(doc, id)).toMatchObject({
      quote: 'I like who I work for, and with Leaders are visible',
      themeId: theme,
      evidence: [{ activityId: group, excerpt: 'I like who I work for, and with\nLeaders are visible' }],
    });
    expect(findingsCiting(doc, group)).toEqual([id]);
    expect(() => makeFinding(doc, { activityId: group, excerpt: '  ', board: 'working-well', createdBy: 'Ann' })).toThrow(/Select some words/);
    expect(() => makeFinding(doc, { activityId: 'gone', excerpt: 'x', board: 'working-well', createdBy: 'Ann' })).toThrow(/no longer exists/);
  });

  it('validates an activity and keeps only themes that exist', () => {
    const doc = workshop();
    expect(() => addActivity(doc, { type: 'Pupils', participants: -1 })).toThrow(/whole number/);
    expect(() => addActivity(doc, { type: 'Pupils', date: 'tomorrow' })).toThrow(/date/);
    const t = addTheme(doc, 'Data use');
    const a = addActivity(doc, { type: 'Pupils', themeIds: [t, 'nope'], participants: 12 });
    updateActivity(doc, a, { participants: 14, title: 'S4 pupils' });
    expect(() => updateActivity(doc, a, { participants: 2.5 })).toThrow(/whole number/);
    expect(readActivities(doc)).toEqual([expect.objectContaining({ id: a, type: 'Pupils', title: 'S4 pupils', themeIds: [t], participants: 14 })]);
  });

  it('adds and removes evidence by hand, and drops links to a deleted activity', () => {
    const doc = workshop();
    const pupils = addActivity(doc, { type: 'Pupils' });
    const teachers = addActivity(doc, { type: 'Class teachers' });
    const card = addCard(doc, { board: 'development', headline: 'Improve S3', createdBy: 'Ann' });
    expect(linkEvidence(doc, card, pupils)).toBe(true);
    expect(linkEvidence(doc, card, teachers)).toBe(true);
    expect(linkEvidence(doc, card, 'missing')).toBe(false);
    expect(readCardDetails(doc, card)!.evidence.map((e) => e.activityId).sort()).toEqual([pupils, teachers].sort());
    expect(unlinkEvidence(doc, card, teachers)).toBe(true);
    deleteActivity(doc, pupils);
    expect(readCardDetails(doc, card)!.evidence).toEqual([]);
  });

  it('shows no dangling evidence when one person deletes an activity another is citing', () => {
    const a = workshop(1);
    const b = workshop(2);
    merge(a, b);
    const group = addActivity(a, { type: 'Pupils' });
    const card = addCard(a, { board: 'working-well', headline: 'Pupils feel heard', createdBy: 'Ann' });
    merge(a, b);
    deleteActivity(a, group);
    linkEvidence(b, card, group, 'They listen to us');
    merge(a, b);
    expect(readCardDetails(a, card)!.evidence).toEqual([]);
    expect(readCardDetails(b, card)!.evidence).toEqual([]);
  });

  it('agrees a finding with who and when, and returns it to draft', () => {
    const doc = workshop();
    const card = addCard(doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' });
    agreeFinding(doc, card, 'Morag', '2023-01-27T15:00:00.000Z');
    expect(readCardDetails(doc, card)).toMatchObject({ status: 'agreed', agreedBy: 'Morag', agreedAt: '2023-01-27T15:00:00.000Z' });
    reopenFinding(doc, card);
    expect(readCardDetails(doc, card)).toMatchObject({ status: 'draft', agreedBy: '', agreedAt: '' });
  });
});

describe('numbers, actions and offers', () => {
  it('numbers findings per board in display order, as the report does', () => {
    const doc = workshop();
    const [a, b, c] = ['One', 'Two', 'Three'].map((h) => addCard(doc, { board: 'working-well', headline: h, createdBy: 'Ann' }));
    const area = addCard(doc, { board: 'development', headline: 'Area', createdBy: 'Ann' });
    const action = addCard(doc, { board: 'action', headline: 'Plan', createdBy: 'Ann' });
    expect(Object.fromEntries(readNumbers(doc))).toEqual({ [a!]: '4.1', [b!]: '4.2', [c!]: '4.3', [area]: '5.1', [action]: '6.1' });
    moveCard(doc, c!, 'working-well', 0);
    expect(readNumbers(doc).get(c!)).toBe('4.1');
    expect(readNumbers(doc).get(a!)).toBe('4.2');
  });

  it('links actions to areas many-to-many, and flags an area nothing answers', () => {
    const doc = workshop();
    const [bge, senior] = ['Improve the BGE', 'Senior Phase plan'].map((h) => addCard(doc, { board: 'development', headline: h, createdBy: 'Ann' }));
    const plan = addCard(doc, { board: 'action', headline: 'Citywide plan', createdBy: 'Ann' });
    const review = addCard(doc, { board: 'action', headline: 'Curriculum review', createdBy: 'Ann' });
    const strength = addCard(doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' });
    expect(linkAnswer(doc, plan, senior!)).toBe(true);
    expect(linkAnswer(doc, review, senior!)).toBe(true);
    expect(linkAnswer(doc, plan, strength)).toBe(false);
    expect(readAnsweredBy(doc)).toEqual(new Map([[bge!, []], [senior!, [plan, review]]]));
    // An area moved off its board is no longer shown as answered, nor deleted ones.
    moveCard(doc, senior!, 'working-well', 0);
    expect(readCardDetails(doc, plan)!.answers).toEqual([]);
    moveCard(doc, senior!, 'development', 0);
    expect(readCardDetails(doc, plan)!.answers).toEqual([senior]);
    expect(unlinkAnswer(doc, review, senior!)).toBe(true);
    deleteCard(doc, senior!);
    expect(readCardDetails(doc, plan)!.answers).toEqual([]);
  });

  it('registers offers of collaboration linked to actions, cleaned up when an action goes', () => {
    const doc = workshop();
    const action = addCard(doc, { board: 'action', headline: 'Moderation network', createdBy: 'Ann' });
    const area = addCard(doc, { board: 'development', headline: 'Assessment', createdBy: 'Ann' });
    const offer = addOffer(doc, { from: 'Inverclyde, Education Scotland, RIC', offer: 'Support with moderation and assessment', to: 'Clackmannanshire' });
    expect(() => addOffer(doc, { from: 'x', offer: ' ', to: 'y' })).toThrow(/what is offered/);
    expect(linkOfferToAction(doc, offer, action)).toBe(true);
    expect(linkOfferToAction(doc, offer, area)).toBe(false);
    updateOffer(doc, offer, { to: 'Clackmannanshire Council' });
    expect(readOffers(doc)).toEqual([expect.objectContaining({ from: 'Inverclyde, Education Scotland, RIC', to: 'Clackmannanshire Council', actionIds: [action] })]);
    deleteCard(doc, action);
    expect(readOffers(doc)[0]!.actionIds).toEqual([]);
    expect(deleteOffer(doc, offer)).toBe(true);
    expect(readOffers(doc)).toEqual([]);
  });

  it('counts strengths, areas and actions per theme, placing an unthemed action by what it answers', () => {
    const doc = workshop();
    const data = addTheme(doc, 'Data use');
    const curriculum = addTheme(doc, 'Curriculum design and delivery');
    const s = addCard(doc, { board: 'working-well', headline: 'Analysts', createdBy: 'Ann' });
    const area = addCard(doc, { board: 'development', headline: 'Use data in schools', createdBy: 'Ann' });
    const action = addCard(doc, { board: 'action', headline: 'Data training', createdBy: 'Ann' });
    addCard(doc, { board: 'action', headline: 'Unplaced', createdBy: 'Ann' });
    setCardTheme(doc, s, data);
    setCardTheme(doc, area, curriculum);
    linkAnswer(doc, action, area);
    expect(readBalance(doc)).toEqual([
      { themeId: data, name: 'Data use', strengths: 1, areas: 0, actions: 0 },
      { themeId: curriculum, name: 'Curriculum design and delivery', strengths: 0, areas: 1, actions: 1 },
      { themeId: null, name: 'No theme', strengths: 0, areas: 0, actions: 1 },
    ]);
  });
});
