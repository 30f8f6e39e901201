import express, { type Request, type Response } from 'express';
import * as z from 'zod';
import { SURVEY_CODE_PATTERN, answerOf, surveyAnswerSchema, type SurveyByCode, type SurveyState } from '../../shared/survey/answer.js';
import { tally } from '../../shared/survey/results.js';
import { SURVEY_ANSWERS_LIMIT } from '../../shared/survey/questions.js';
import { resultsToCsv } from '../../shared/survey/csv.js';
import { may } from '../../shared/rules/rules.js';
import type { WorkshopStore } from '../storage/stores.js';
import type { SurveyStore } from '../storage/surveyStore.js';
import { accessFor, workshopAccess } from './access.js';
import { tooMany, type RateLimit } from './rateLimit.js';
import { exportName } from './exportApi.js';

interface Deps {
  workshops: WorkshopStore;
  surveys: SurveyStore;
  /** Answers per address through the short link. */
  answersByAddress: RateLimit;
  /** Short codes asked for that open no survey, per address: guessing codes is slow. */
  codeMisses: RateLimit;
}

const openSchema = z.object({ open: z.boolean({ error: 'Say whether the survey is open: {"open": true} or {"open": false}.' }) }).strict();

/** The first thing wrong with a request body, in words, with where it was. */
function invalid(res: Response, error: z.ZodError): void {
  const issue = error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const where = issue.path.length ? ` in ${issue.path.join('.')}` : '';
    res.status(400).json({ error: `The answer holds ${issue.keys.length === 1 ? 'a field' : 'fields'} the survey does not ask${where}: ${issue.keys.map((k) => `"${k.slice(0, 40)}"`).join(', ')}. Send only the survey’s own fields.` });
    return;
  }
  const where = issue && issue.path.length ? ` (${issue.path.join('.')})` : '';
  res.status(400).json({ error: `${issue?.message ?? 'The answer could not be read.'}${where}` });
}

/** Today, and no more precisely: an answer's date must not say when in the day, or in what order, it came. */
const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The participants' survey. Through a workshop link: its state, opening and closing it
 * (survey.run), answering (survey.answer), the results (survey.results), all decided by
 * the rules table. Through the survey's own short code: only its title and answering.
 */
export function surveyApi(deps: Deps): express.Router {
  const { workshops, surveys } = deps;
  const router = express.Router();

  /** Saves one answer and says how it went: the survey and the answerers' record decide, in one step. */
  async function saveAnswer(res: Response, workshop: string, body: unknown, person: string | null): Promise<void> {
    const parsed = surveyAnswerSchema.safeParse(body);
    if (!parsed.success) return invalid(res, parsed.error);
    // The browser's key, and the person when the link names one: either having answered is enough to refuse.
    const answerers = [`key:${parsed.data.key}`, ...(person ? [`person:${person}`] : [])];
    const outcome = await surveys.answer(workshop, answerers, answerOf(parsed.data), today());
    if (outcome === 'closed') res.status(409).json({ error: 'The survey is closed. Ask the host or facilitator to open it.' });
    else if (outcome === 'already-answered') res.status(409).json({ error: 'You have already answered this survey. Thank you: each person answers once.' });
    else if (outcome === 'full') res.status(409).json({ error: `This survey holds ${SURVEY_ANSWERS_LIMIT.toLocaleString('en-GB')} answers, its limit, so no more can be taken. Tell the host or facilitator, who can close the survey.` });
    else res.status(201).json({ saved: true });
  }

  router.get('/workshops/:id/survey', async (req, res) => {
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    const survey = await surveys.get(access.record.id);
    const phase = workshops.phaseOf(access.record.id);
    const state: SurveyState = {
      open: survey?.open ?? false,
      code: survey && may(access.role, phase, { kind: 'survey.run' }) ? survey.code : null,
      responses: may(access.role, phase, { kind: 'survey.results' }) ? await surveys.count(access.record.id) : null,
    };
    res.set('cache-control', 'no-store').json(state);
  });

  router.post('/workshops/:id/survey', async (req, res) => {
    const access = await accessFor(req, res, workshops, { kind: 'survey.run' });
    if (!access) return;
    const parsed = openSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    const survey = await surveys.setOpen(access.record.id, parsed.data.open);
    const state: SurveyState = { open: survey.open, code: survey.code, responses: await surveys.count(access.record.id) };
    res.json(state);
  });

  router.post('/workshops/:id/survey/answers', async (req, res) => {
    const access = await accessFor(req, res, workshops, { kind: 'survey.answer' });
    if (!access) return;
    await saveAnswer(res, access.record.id, req.body, access.person?.id ?? null);
  });

  router.get('/workshops/:id/survey/results', async (req, res) => {
    const access = await accessFor(req, res, workshops, { kind: 'survey.results' });
    if (!access) return;
    res.set('cache-control', 'no-store').json(tally(await surveys.answers(access.record.id)));
  });

  router.get('/workshops/:id/survey/results.csv', async (req, res) => {
    const access = await accessFor(req, res, workshops, { kind: 'survey.results' });
    if (!access) return;
    const results = tally(await surveys.answers(access.record.id));
    if (!results.shown) {
      res.status(409).json({ error: `The results can be exported once at least five people have answered: ${results.needed} more needed.` });
      return;
    }
    res.type('text/csv; charset=utf-8').attachment(`${exportName(access.record.title, today())}-survey.csv`).send(resultsToCsv(results));
  });

  /** The survey's own short link: who it is for and whether it is open, nothing else of the workshop. */
  const byCode = async (req: Request, res: Response) => {
    const code = String(req.params.code);
    const survey = SURVEY_CODE_PATTERN.test(code) ? await surveys.byCode(code) : null;
    if (survey) return survey;
    if (await tooMany(deps.codeMisses, req, res, 'Too many survey links that do not exist were tried from this address.')) return null;
    res.status(404).json({ error: 'No survey has this link. Check the link or QR code you were given.' });
    return null;
  };

  router.get('/surveys/:code', async (req, res) => {
    const survey = await byCode(req, res);
    if (!survey) return;
    const record = await workshops.get(survey.workshop);
    const answer: SurveyByCode = { title: record?.title ?? '', open: survey.open };
    res.set('cache-control', 'no-store').json(answer);
  });

  router.post('/surveys/:code/answers', async (req, res) => {
    if (await tooMany(deps.answersByAddress, req, res, 'Too many survey answers have come from this address in the last hour.')) return;
    const survey = await byCode(req, res);
    if (!survey) return;
    await saveAnswer(res, survey.workshop, req.body, null);
  });

  return router;
}
