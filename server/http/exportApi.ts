import express, { type Request, type Response } from 'express';
import * as Y from 'yjs';
import * as z from 'zod';
import { SCHEMA_VERSION, readReport } from '../../shared/model/index.js';
import { selectReport } from '../../shared/export/report.js';
import { reportToMarkdown } from '../../shared/export/markdown.js';
import { reportToHtml } from '../../shared/export/html.js';
import { actionsToCsv } from '../../shared/export/csv.js';
import { workshopToJson } from '../../shared/export/json.js';
import type { WorkshopStore } from '../storage/stores.js';
import { WorkshopDamaged, type RoomManager } from '../collab/roomManager.js';
import { workshopAccess } from './access.js';
import { mayExport } from '../../shared/api.js';
import { checkQuery, inWords } from './params.js';
import type { SurveyStore } from '../storage/surveyStore.js';
import { surveyAppendix } from '../../shared/survey/appendix.js';
import { tally } from '../../shared/survey/results.js';
import { refusal } from '../../shared/rules/rules.js';

const FORMAT_NAMES = ['docx', 'html', 'md', 'csv', 'json'] as const;
type Format = (typeof FORMAT_NAMES)[number];

const FORMATS: Record<Format, { type: string; ext: string }> = {
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  html: { type: 'text/html; charset=utf-8', ext: 'html' },
  md: { type: 'text/markdown; charset=utf-8', ext: 'md' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
};

/** The parameters an export takes, each with what it accepts in plain words. */
const exportQuery = z.object({
  format: z.enum(FORMAT_NAMES, { error: `Choose a format: ${inWords(FORMAT_NAMES, 'or')}.` }),
  include: z.enum(['agreed', 'all'], { error: 'Choose what to include: "agreed" (the default) or "all" (drafts too).' }).default('agreed'),
  group: z.enum(['board', 'theme'], { error: 'Choose how to group findings: "board" (the default, in board order) or "theme".' }).default('board'),
  evidence: z.enum(['cite', 'omit'], { error: 'Choose whether findings cite their evidence: "cite" (the default) or "omit".' }).default('cite'),
  contents: z.enum(['no', 'yes'], { error: 'Choose whether the report starts with a contents list: "no" (the default) or "yes".' }).default('no'),
  survey: z.enum(['no', 'yes'], { error: 'Choose whether the participants’ survey is added as an appendix: "no" (the default) or "yes".' }).default('no'),
});

/** "dundee-city-council-collaborative-improvement-2023-01-27" */
export function exportName(authority: string, date: string): string {
  const slug = authority.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'workshop';
  return `${slug}-collaborative-improvement-${date}`;
}

export function exportApi(deps: { workshops: WorkshopStore; rooms: RoomManager; surveys: SurveyStore }): express.Router {
  const router = express.Router();
  router.get('/workshops/:id/export', async (req: Request, res: Response) => {
    // Before anything else: building an export is the costly part.
    const query = checkQuery(req, exportQuery);
    if (!query.ok) {
      res.status(400).json({ error: query.error });
      return;
    }
    const { format, include, group, evidence, contents, survey } = query.value;
    const access = await workshopAccess(req, res, deps.workshops);
    if (!access) return;
    if (!mayExport(access.role, access.record.readersMayExport)) {
      res.status(403).json({ error: 'Only the host or facilitator can export this report. The host can let everyone export it.' });
      return;
    }
    // The survey's results go in only for those who may see them, and only once five have answered.
    let appendix = null;
    if (survey === 'yes') {
      const refused = refusal(access.role, deps.workshops.phaseOf(access.record.id), { kind: 'survey.results' });
      if (refused) {
        res.status(403).json({ error: refused });
        return;
      }
      appendix = surveyAppendix(tally(await deps.surveys.answers(access.record.id)));
      if (!appendix) {
        res.status(409).json({ error: 'The survey’s results can go in the report once at least five people have answered.' });
        return;
      }
    }
    // The live document, whether or not anyone has the workshop open.
    const room = await deps.rooms.open(access.record.id);
    // Reading the document is a stage of the workshop's life: if it throws, the workshop is set aside as damaged.
    const snapshot = room.guard('export', () => readReport(room.doc));
    if (!snapshot) throw new WorkshopDamaged(room.damage!);
    const content = { ...selectReport(snapshot, include, group === 'theme', { citeEvidence: evidence === 'cite', contents: contents === 'yes' }), survey: appendix };
    const body =
      // The Word library is large and rarely needed: loaded on the first Word export, not at start.
      format === 'docx' ? Buffer.from(await (await import('../../shared/export/docx.js')).reportToDocx(content))
      : format === 'html' ? reportToHtml(content)
      : format === 'md' ? reportToMarkdown(content)
      : format === 'csv' ? actionsToCsv(content)
      : workshopToJson(Y.encodeStateAsUpdate(room.doc), snapshot, SCHEMA_VERSION);
    const date = snapshot.setup.endDate || snapshot.setup.startDate || new Date().toISOString().slice(0, 10);
    const { type, ext } = FORMATS[format];
    res.type(type).attachment(`${exportName(snapshot.setup.hostAuthority, date)}.${ext}`).send(body);
  });
  return router;
}
