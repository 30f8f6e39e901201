import type { Logger } from 'pino';
import { readSetup } from '../../shared/model/index.js';
import { RESULTS_THRESHOLD } from '../../shared/survey/questions.js';
import { programmeSurvey } from '../../shared/programme/survey.js';
import type { SurveyAnswer } from '../../shared/survey/answer.js';
import type { ProgrammeOverview, ProgrammeWorkshopRow } from '../../shared/programme/programme.js';
import { actionStatusCounts } from '../followup/progress.js';
import type { RoomManager } from '../collab/roomManager.js';
import type { WorkshopStore } from '../storage/stores.js';
import type { FollowupStore } from '../storage/followupStore.js';
import type { PublishStore } from '../storage/publishStore.js';
import type { SurveyStore } from '../storage/surveyStore.js';
import type { ProgrammeRecord } from '../storage/programmeStore.js';

export interface OverviewDeps {
  workshops: WorkshopStore;
  rooms: RoomManager;
  followup: FollowupStore;
  publications: PublishStore;
  surveys: SurveyStore;
  log: Logger;
}

const NO_ACTIONS = { 'not-started': 0, 'under-way': 0, done: 0, dropped: 0 };

/**
 * One workshop's line: its setup's headline facts and figures, nothing else. Built field
 * by field (never by spreading a snapshot), so nothing a later change adds to a setup or
 * a card can slip into what the coordinator sees.
 */
async function rowOf(id: string, deps: OverviewDeps): Promise<{ row: ProgrammeWorkshopRow; answers: SurveyAnswer[] } | null> {
  const record = await deps.workshops.get(id);
  if (!record) return null;
  const [publication, surveyResponses] = await Promise.all([deps.publications.ofWorkshop(id), deps.surveys.count(id)]);
  const published = publication && !publication.withdrawnAt ? `/reports/${publication.slug}` : null;
  // The answers themselves are read only where they will count (five or more).
  const answers = surveyResponses >= RESULTS_THRESHOLD ? await deps.surveys.answers(id) : [];
  try {
    const room = await deps.rooms.open(id);
    if (room.damage) throw new Error('damaged');
    const setup = readSetup(room.doc);
    const actions = await actionStatusCounts(room.doc, deps.followup, id);
    return {
      answers,
      row: {
        title: setup.title || record.title,
        hostAuthority: setup.hostAuthority,
        startDate: setup.startDate,
        endDate: setup.endDate,
        focus: setup.focusQuestions.join(' '),
        phase: deps.workshops.phaseOf(id),
        publishedPath: published,
        surveyResponses,
        actions: { 'not-started': actions['not-started'], 'under-way': actions['under-way'], done: actions.done, dropped: actions.dropped },
        unreadable: false,
      },
    };
  } catch (err) {
    deps.log.warn({ workshop: id, err: (err as Error).message }, 'A programme’s workshop could not be read for its overview');
    return {
      answers,
      row: { title: record.title, hostAuthority: '', startDate: '', endDate: '', focus: '', phase: null, publishedPath: published, surveyResponses, actions: NO_ACTIONS, unreadable: true },
    };
  }
}

export async function buildOverview(programme: ProgrammeRecord, ids: string[], deps: OverviewDeps): Promise<ProgrammeOverview> {
  const rows = (await Promise.all(ids.map((id) => rowOf(id, deps)))).filter((r) => r !== null);
  return {
    id: programme.id,
    name: programme.name,
    code: programme.code,
    createdAt: programme.createdAt,
    workshops: rows.map((r) => r.row),
    survey: programmeSurvey(rows.map((r) => ({ responses: r.row.surveyResponses, answers: r.answers }))),
  };
}
