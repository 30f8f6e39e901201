import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import * as z from 'zod';
import { addCard, readBoards, setCardBody } from '../../shared/model/index.js';
import { LIMITS } from '../../shared/model/mutations.js';
import {
  PHASE_LABELS,
  SESSION_ORIGIN,
  readSession,
  setFollow,
  setPhase,
  setRound,
  setTimer,
  setVote,
  timerAfter,
  type SessionState,
} from '../../shared/session/index.js';
import { SESSION_ROOM_SUFFIX } from '../../shared/protocol.js';
import { roundDraftsSchema, sessionActionSchema, voteChangeSchema, type MyVote, type SessionAction } from '../../shared/sessionApi.js';
import type { WorkshopStore } from '../workshops/workshopStore.js';
import type { RoomManager } from '../collab/roomManager.js';
import type { SessionStore } from '../session/sessionStore.js';
import type { HistoryStore } from '../history/historyStore.js';
import * as Y from 'yjs';
import { newToken } from '../workshops/tokens.js';
import { workshopAccess } from './access.js';
import { checkQuery } from './params.js';

interface Deps {
  workshops: WorkshopStore;
  rooms: RoomManager;
  sessions: SessionStore;
  history: HistoryStore;
  log: Logger;
}

/** A person's dots and how many they have left (none when no vote runs). */
function myVote(vote: SessionState['vote'], mine: Record<string, number>): MyVote {
  return { mine, left: vote ? vote.dots - Object.values(mine).reduce((a, b) => a + b, 0) : 0 };
}

/** `?person=<browser key>`, the only parameter a read of one's own dots or drafts takes. */
const personQuery = z.object({
  person: z.string({ error: 'Give person, your browser’s key: 16-100 letters, digits, - or _.' }).pipe(voteChangeSchema.shape.person),
});

function invalid(res: Response, error: z.ZodError): void {
  const issue = error.issues[0];
  const where = issue && issue.path.length ? ` (${issue.path.join('.')})` : '';
  res.status(400).json({ error: `${issue?.message ?? 'The request could not be read.'}${where}` });
}

/**
 * The session, run by the server: facilitators ask, the server checks and writes the
 * session document that everyone reads. Dots and silent-round cards are private and
 * live in SQLite until a vote closes or a round is revealed.
 */
export function sessionApi(deps: Deps): express.Router {
  const { workshops, rooms, sessions, history, log } = deps;
  const router = express.Router();
  const sessionDoc = async (id: string) => (await rooms.open(id + SESSION_ROOM_SUFFIX)).doc;

  // The server's clock, so a countdown reads the same on a laptop whose clock is wrong.
  router.get('/time', (_req, res) => {
    res.set('cache-control', 'no-store').json({ now: Date.now() });
  });

  router.get('/workshops/:id/session', async (req: Request, res: Response) => {
    const access = workshopAccess(req, res, workshops);
    if (!access) return;
    res.json(readSession(await sessionDoc(access.record.id)));
  });

  router.post('/workshops/:id/session', async (req: Request, res: Response) => {
    const access = workshopAccess(req, res, workshops);
    if (!access) return;
    if (access.role !== 'host' && access.role !== 'facilitator') {
      res.status(403).json({ error: 'Only the facilitator or host can run the session (phase, timer, follow, silent rounds and votes).' });
      return;
    }
    const parsed = sessionActionSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    const id = access.record.id;
    const doc = await sessionDoc(id);
    const refusal = await apply(id, doc, parsed.data);
    if (refusal) {
      res.status(409).json({ error: refusal });
      return;
    }
    log.info({ workshop: id, role: access.role, action: parsed.data.action, op: 'op' in parsed.data ? parsed.data.op : undefined }, 'Session changed');
    res.json(readSession(doc));
  });

  async function apply(id: string, doc: Awaited<ReturnType<typeof sessionDoc>>, action: SessionAction): Promise<string | null> {
    const state: SessionState = readSession(doc);
    switch (action.action) {
      case 'phase': {
        workshops.setPhase(id, action.phase);
        setPhase(doc, action.phase);
        // Each phase change is a version: "the board as Part 1 ended" is one click away.
        const board = (await rooms.open(id)).doc;
        history.save(id, Y.encodeStateAsUpdate(board), { name: `Moved to ${PHASE_LABELS[action.phase]}`, kind: 'phase', createdBy: '' });
        return null;
      }
      case 'timer': {
        if (action.op !== 'start' && !state.timer) return 'There is no timer running. Start one first.';
        const minutes = 'minutes' in action ? action.minutes : 0;
        setTimer(doc, timerAfter(action.op, state.timer, Date.now(), minutes));
        return null;
      }
      case 'follow':
        setFollow(doc, action.target ? { target: action.target, by: action.by } : null);
        return null;
      case 'round':
        if (action.op === 'open') {
          if (state.round) return 'A silent round is already open. Reveal or cancel it first.';
          setRound(doc, { id: newToken().slice(0, 16), board: action.board, showNames: action.showNames, openedAt: Date.now(), writers: 0 });
          return null;
        }
        if (!state.round) return 'No silent round is open.';
        if (action.op === 'reveal') await reveal(id, state.round);
        sessions.clearRound(id, state.round.id);
        setRound(doc, null);
        return null;
      case 'vote':
        if (action.op === 'open') {
          if (state.vote?.open) return 'A vote is already open. Close it first.';
          setVote(doc, { id: newToken().slice(0, 16), board: action.board, dots: action.dots, maxPerCard: action.maxPerCard, showLive: action.showLive, open: true, totals: action.showLive ? {} : null, voters: 0 });
          return null;
        }
        if (!state.vote) return 'There is no vote to close or clear.';
        if (action.op === 'close') {
          const { totals, voters } = sessions.totals(id, state.vote.id);
          setVote(doc, { ...state.vote, open: false, totals, voters });
        } else setVote(doc, null);
        return null;
    }
  }

  /** Every person's silent-round cards go on the board at once, in one change. */
  async function reveal(id: string, round: NonNullable<SessionState['round']>): Promise<void> {
    const board = (await rooms.open(id)).doc;
    const drafts = sessions.roundDrafts(id, round.id);
    board.transact(() => {
      for (const { author, drafts: cards } of drafts) {
        for (const d of cards) {
          const [first = '', ...rest] = d.text.trim().split(/\n+/);
          if (!first.trim()) continue;
          const card = addCard(board, { board: round.board, headline: first.slice(0, LIMITS.headline), createdBy: round.showNames && author ? author : 'Silent round' });
          if (rest.length) setCardBody(board, card, rest.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })));
        }
      }
    }, SESSION_ORIGIN);
    log.info({ workshop: id, writers: drafts.length }, 'Silent round revealed');
  }

  router.get('/workshops/:id/votes', async (req: Request, res: Response) => {
    const parsed = checkQuery(req, personQuery);
    if (!parsed.ok) {
      res.status(400).json({ error: parsed.error });
      return;
    }
    const access = workshopAccess(req, res, workshops);
    if (!access) return;
    const vote = readSession(await sessionDoc(access.record.id)).vote;
    res.json(myVote(vote, vote ? sessions.dotsOf(access.record.id, vote.id, parsed.value.person) : {}));
  });

  router.put('/workshops/:id/votes', async (req: Request, res: Response) => {
    const access = workshopAccess(req, res, workshops);
    if (!access) return;
    if (access.role === 'viewer') {
      res.status(403).json({ error: 'Readers cannot vote. Ask the host for a participant link.' });
      return;
    }
    const parsed = voteChangeSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    const id = access.record.id;
    const doc = await sessionDoc(id);
    const vote = readSession(doc).vote;
    if (!vote?.open) {
      res.status(409).json({ error: 'No vote is open. The facilitator opens a vote.' });
      return;
    }
    const onBoard = readBoards((await rooms.open(id)).doc)[vote.board].some((c) => c.id === parsed.data.card);
    if (!onBoard) {
      res.status(409).json({ error: 'That card is not on the board being voted on.' });
      return;
    }
    const result = sessions.changeDot(id, vote, parsed.data.person, parsed.data.card, parsed.data.change);
    if (typeof result === 'string') {
      res.status(409).json({ error: result });
      return;
    }
    if (vote.showLive) {
      const { totals, voters } = sessions.totals(id, vote.id);
      setVote(doc, { ...vote, totals, voters });
    }
    res.json(myVote(vote, result));
  });

  router.get('/workshops/:id/round', async (req: Request, res: Response) => {
    const parsed = checkQuery(req, personQuery);
    if (!parsed.ok) {
      res.status(400).json({ error: parsed.error });
      return;
    }
    const access = workshopAccess(req, res, workshops);
    if (!access) return;
    const round = readSession(await sessionDoc(access.record.id)).round;
    res.json({ drafts: round ? sessions.draftsOf(access.record.id, round.id, parsed.value.person) : [] });
  });

  router.put('/workshops/:id/round', async (req: Request, res: Response) => {
    const access = workshopAccess(req, res, workshops);
    if (!access) return;
    if (access.role === 'viewer') {
      res.status(403).json({ error: 'Readers cannot write cards. Ask the host for a participant link.' });
      return;
    }
    const parsed = roundDraftsSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    const id = access.record.id;
    const doc = await sessionDoc(id);
    const round = readSession(doc).round;
    if (!round) {
      res.status(409).json({ error: 'The silent round has ended, so these cards were not kept. They are still on your screen: copy them if you need them.' });
      return;
    }
    sessions.saveDrafts(id, round.id, parsed.data.person, parsed.data.author, parsed.data.drafts);
    // Only a count goes to everyone: how many people are writing, never what.
    const writers = sessions.writersIn(id, round.id);
    if (writers !== round.writers) setRound(doc, { ...round, writers });
    res.json({ drafts: parsed.data.drafts });
  });

  return router;
}
