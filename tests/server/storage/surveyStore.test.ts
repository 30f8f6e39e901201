import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATEMENTS } from '../../../shared/survey/questions.js';
import type { SurveyAnswer } from '../../../shared/survey/answer.js';
import { tally } from '../../../shared/survey/results.js';
import { openPostgresBackend, openSqliteBackend, type Backend } from './backends.js';

const engines: [string, () => Promise<Backend>][] = [
  ['SQLite', openSqliteBackend],
  ['PostgreSQL', openPostgresBackend],
];

const answer = (choice: SurveyAnswer['statements'][string] = 'agree', comment = ''): SurveyAnswer => ({
  organisation: 'host',
  role: 'qio',
  statements: Object.fromEntries(STATEMENTS.map((s) => [s.id, choice])),
  comment,
  report: null,
  improvements: '',
});

/** The survey store's contract, on both engines: each opened as two servers sharing one store where it can be. */
describe.each(engines)('the survey store on %s', (_name, open) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await open();
  });
  afterAll(async () => {
    await backend?.close();
  });

  async function workshop(): Promise<string> {
    return (await backend.a.workshops.create('Survey store')).record.id;
  }

  it('has no survey until one is opened, then keeps its code through closing and opening again', async () => {
    const id = await workshop();
    expect(await backend.a.surveys.get(id)).toBeNull();
    const opened = await backend.a.surveys.setOpen(id, true);
    expect(opened).toMatchObject({ workshop: id, open: true });
    const closed = await backend.b.surveys.setOpen(id, false);
    expect(closed).toEqual({ ...opened, open: false });
    expect(await backend.b.surveys.byCode(opened.code)).toEqual(closed);
    expect((await backend.a.surveys.setOpen(id, true)).code).toBe(opened.code);
  });

  it('keeps no more than its limit, even with answers at once on both servers', async () => {
    const id = await workshop();
    await backend.a.surveys.setOpen(id, true);
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? backend.a : backend.b).surveys.answer(id, [`key:${i}`], answer(), '2026-12-05', 4)));
    expect(outcomes.filter((o) => o === 'saved')).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'full')).toHaveLength(6);
    expect(await backend.b.surveys.count(id)).toBe(4);
    // Someone who answered already is told so, not that the survey is full.
    expect(await backend.a.surveys.answer(id, [`key:${outcomes.indexOf('saved')}`], answer(), '2026-12-05', 4)).toBe('already-answered');
  });

  it('keeps an answer once per answerer, refuses while closed, and counts', async () => {
    const id = await workshop();
    expect(await backend.a.surveys.answer(id, ['key:a'], answer(), '2026-12-05')).toBe('closed');
    await backend.a.surveys.setOpen(id, true);
    expect(await backend.a.surveys.answer(id, ['key:a', 'person:p1'], answer('agree', 'First'), '2026-12-05')).toBe('saved');
    expect(await backend.b.surveys.answer(id, ['key:b', 'person:p1'], answer(), '2026-12-05')).toBe('already-answered');
    expect(await backend.b.surveys.answer(id, ['key:a'], answer(), '2026-12-05')).toBe('already-answered');
    expect(await backend.b.surveys.answer(id, ['key:c'], answer('disagree'), '2026-12-05')).toBe('saved');
    expect(await backend.a.surveys.count(id)).toBe(2);
    const answers = await backend.b.surveys.answers(id);
    expect(answers).toHaveLength(2);
    expect(answers.map((a) => a.comment).sort()).toEqual(['', 'First']);
    expect(answers.find((a) => a.comment === 'First')).toEqual(answer('agree', 'First'));
  });

  it('lets exactly one of many answers at once from the same browser through, across servers', async () => {
    const id = await workshop();
    await backend.a.surveys.setOpen(id, true);
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? backend.a : backend.b).surveys.answer(id, ['key:same'], answer(), '2026-12-05')));
    expect(outcomes.filter((o) => o === 'saved')).toHaveLength(1);
    expect(await backend.a.surveys.count(id)).toBe(1);
  });

  it('answers the counts a programme overview asks: responses and per-statement counts for a workshop', async () => {
    const id = await workshop();
    await backend.a.surveys.setOpen(id, true);
    for (const [i, choice] of (['agree', 'agree', 'strongly-agree', 'dont-know', 'disagree'] as const).entries()) await backend.a.surveys.answer(id, [`key:${i}`], answer(choice), '2026-12-05');
    expect(await backend.b.surveys.count(id)).toBe(5);
    const results = tally(await backend.b.surveys.answers(id));
    expect(results.shown && results.statements[0]!.counts).toEqual({ 'strongly-agree': 1, agree: 2, neither: 0, disagree: 1, 'strongly-disagree': 0, 'dont-know': 1 });
  });

  it('erases a survey with its workshop', async () => {
    const id = await workshop();
    const { code } = await backend.a.surveys.setOpen(id, true);
    await backend.a.surveys.answer(id, ['key:x'], answer(), '2026-12-05');
    expect(await backend.a.workshops.erase(id, [id])).toBe(true);
    expect(await backend.b.surveys.get(id)).toBeNull();
    expect(await backend.b.surveys.byCode(code)).toBeNull();
    expect(await backend.b.surveys.count(id)).toBe(0);
    expect(await backend.b.surveys.answers(id)).toEqual([]);
    expect(await backend.b.surveys.answer(id, ['key:x'], answer(), '2026-12-05')).toBe('closed');
  });
});
