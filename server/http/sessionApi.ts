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
import { WorkshopDamaged, type RoomManager } from '../collab/roomManager.js';
import type { HistoryStore, Locks, SessionStore, WorkshopStore } from '../storage/stores.js';
import type { Cluster } from '../bus/cluster.js';
import * as Y from 'yjs';
import { newToken } from '../workshops/tokens.js';
import { accessFor, callerKey, workshopAccess, type Access } from './access.js';
import { refusal } from '../../shared/rules/rules.js';
import { ROLE_LABELS } from '../../shared/roles.js';
import { checkQuery } from './params.js';

interface Deps {
  workshops: WorkshopStore;
  rooms: RoomManager;
  sessions: SessionStore;
  history: HistoryStore;
  log: Logger;
  locks: Locks;
  cluster: Cluster;
  /** Other servers may hold the same workshop (PostgreSQL and Redis). */
  shared: boolean;
}

/** A person's dots and how many they have left (none when no vote runs). */
function myVote(vote: SessionState['vote'], mine: Record<string, number>): MyVote {
  return { mine, left: vote ? vote.dots - Object.values(mine).reduce((a, b) => a + b, 0) : 0 };
}

/** A read of one's own dots or drafts takes no parameters: who is asking is in the link. */
const noQuery = z.object({});

/** What a reader of the board is called on a revealed card: their name on the server's record, or their role. */
function authorOf(access: Access): string {
  return access.person?.name ?? ROLE_LABELS[access.role];
}

/**
 * Whose dots and cards these are. A shared participant link is many people: each joins as
 * a person of their own first (POST /people), so nobody votes as a crowd.
 */
function ownerOf(access: Access, res: Response): string | null {
  if (access.role === 'participant' && !access.person) {
    res.status(403).json({ error: 'Join the workshop with your name first (open the link in a browser), so your dots and cards are your own.' });
    return null;
  }
  return callerKey(access);
}

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
  const { workshops, rooms, sessions, history, log, locks, cluster, shared } = deps;
  const router = express.Router();
  const sessionDoc = async (id: string) => (await rooms.open(id + SESSION_ROOM_SUFFIX)).doc;

  // The server's clock, so a countdown reads the same on a laptop whose clock is wrong.
  router.get('/time', (_req, res) => {
    res.set('cache-control', 'no-store').json({ now: Date.now() });
  });

  router.get('/workshops/:id/session', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    res.json(readSession(await sessionDoc(access.record.id)));
  });

  router.post('/workshops/:id/session', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    const asked = (req.body as { action?: unknown } | undefined)?.action;
    const what = asked === 'phase' || asked === 'timer' || asked === 'follow' || asked === 'round' || asked === 'vote' ? asked : 'phase';
    // The rules table decides, before anything is read: who runs the session, and what the Agreed phase still allows.
    const refused = refusal(access.role, workshops.phaseOf(access.record.id), { kind: 'session.run', what });
    if (refused) {
      res.status(403).json({ error: refused });
      return;
    }
    const parsed = sessionActionSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    const id = access.record.id;
    const room = await rooms.open(id + SESSION_ROOM_SUFFIX);
    const doc = room.doc;
    // One session change at a time, on any server: each reads the session as it is now
    // (with several servers, caught up from the store first), so a round is revealed
    // once and "bring everyone here" numbers never clash.
    const conflict = await locks.withLock(`session:${id}`, async () => {
      if (shared) await room.catchUp();
      const answer = await apply(id, doc, parsed.data);
      // Stored before the lock goes, so the next server to take it reads this change.
      await room.whenWritten();
      return answer;
    });
    if (conflict) {
      res.status(409).json({ error: conflict });
      return;
    }
    log.info({ workshop: id, role: access.role, action: parsed.data.action, op: 'op' in parsed.data ? parsed.data.op : undefined }, 'Session changed');
    res.json(readSession(doc));
  });

  async function apply(id: string, doc: Awaited<ReturnType<typeof sessionDoc>>, action: SessionAction): Promise<string | null> {
    const state: SessionState = readSession(doc);
    switch (action.action) {
      case 'phase': {
        // The phase it is already in changes nothing, and saves no second version of the same moment.
        if (state.phase === action.phase && workshops.phaseOf(id) === action.phase) return null;
        await workshops.setPhase(id, action.phase);
        await cluster.changed(id);
        setPhase(doc, action.phase);
        // Each phase change is a version: "the board as Part 1 ended" is one click away.
        const board = (await rooms.open(id)).doc;
        await history.save(id, Y.encodeStateAsUpdate(board), { name: `Moved to ${PHASE_LABELS[action.phase]}`, kind: 'phase', createdBy: '' });
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
        if (action.op === 'reveal') {
          const refused = await reveal(id, state.round);
          if (refused) return refused;
        }
        await sessions.clearRound(id, state.round.id);
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
          const { totals, voters } = await sessions.totals(id, state.vote.id);
          setVote(doc, { ...state.vote, open: false, totals, voters });
        } else setVote(doc, null);
        return null;
    }
  }

  /**
   * Every person's silent-round cards go on the board at once, in one change, each named
   * by the server's record of who wrote it (or "Silent round"). Refused, with nothing
   * changed, when it would take the workshop past its number of cards or its size: the
   * cards stay with their writers until the facilitator decides.
   */
  async function reveal(id: string, round: NonNullable<SessionState['round']>): Promise<string | null> {
    const room = await rooms.open(id);
    const board = room.doc;
    const cards = (await sessions.roundDrafts(id, round.id))
      .flatMap(({ author, drafts }) => drafts.map((d) => ({ author, lines: d.text.trim().split(/\n+/).filter((l) => l.trim()) })))
      .filter((c) => c.lines.length > 0);
    const onBoard = Object.values(readBoards(board)).reduce((n, list) => n + list.length, 0);
    if (onBoard + cards.length > room.limits.maxCards) {
      return `Revealing these ${cards.length} cards would take the workshop past ${room.limits.maxCards.toLocaleString('en-GB')} cards, the most it can hold. Delete or combine some cards on the board first, or cancel the round.`;
    }
    const bytes = cards.reduce((n, c) => n + 300 + c.lines.join('').length * 3, 0);
    if (room.storedBytes + bytes > room.limits.maxWorkshopBytes) {
      return 'Revealing these cards would take the workshop past its size limit. Ask the host to export it and start a new one, or cancel the round.';
    }
    room.guard('apply', () =>
      board.transact(() => {
        for (const { author, lines } of cards) {
          // A first line longer than a headline is shortened at a word, and kept whole in the body: nothing is cut away.
          const [first, ...rest] = lines as [string, ...string[]];
          const headline = first.length <= LIMITS.headline ? first : `${first.slice(0, LIMITS.headline - 1).replace(/\s+\S*$/, '')}…`;
          const body = headline === first ? rest : lines;
          const card = addCard(board, { board: round.board, headline, createdBy: round.showNames && author ? author : 'Silent round' });
          if (body.length) setCardBody(board, card, body.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })));
        }
      }, SESSION_ORIGIN),
    );
    if (room.damage) throw new WorkshopDamaged(room.damage);
    log.info({ workshop: id, cards: cards.length }, 'Silent round revealed');
    return null;
  }

  router.get('/workshops/:id/votes', async (req: Request, res: Response) => {
    const parsed = checkQuery(req, noQuery);
    if (!parsed.ok) {
      res.status(400).json({ error: parsed.error });
      return;
    }
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    const owner = ownerOf(access, res);
    if (!owner) return;
    const vote = readSession(await sessionDoc(access.record.id)).vote;
    res.json(myVote(vote, vote ? await sessions.dotsOf(access.record.id, vote.id, owner) : {}));
  });

  router.put('/workshops/:id/votes', async (req: Request, res: Response) => {
    const access = await accessFor(req, res, workshops, { kind: 'session.take-part' });
    if (!access) return;
    const owner = ownerOf(access, res);
    if (!owner) return;
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
    const result = await sessions.changeDot(id, vote, owner, parsed.data.card, parsed.data.change);
    if (typeof result === 'string') {
      res.status(409).json({ error: result });
      return;
    }
    if (vote.showLive) {
      const { totals, voters } = await sessions.totals(id, vote.id);
      setVote(doc, { ...vote, totals, voters });
    }
    res.json(myVote(vote, result));
  });

  router.get('/workshops/:id/round', async (req: Request, res: Response) => {
    const parsed = checkQuery(req, noQuery);
    if (!parsed.ok) {
      res.status(400).json({ error: parsed.error });
      return;
    }
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    const owner = ownerOf(access, res);
    if (!owner) return;
    const round = readSession(await sessionDoc(access.record.id)).round;
    res.json({ drafts: round ? await sessions.draftsOf(access.record.id, round.id, owner) : [] });
  });

  router.put('/workshops/:id/round', async (req: Request, res: Response) => {
    const access = await accessFor(req, res, workshops, { kind: 'session.take-part' });
    if (!access) return;
    const owner = ownerOf(access, res);
    if (!owner) return;
    const parsed = roundDraftsSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    const id = access.record.id;
    const doc = await sessionDoc(id);
    const round = readSession(doc).round;
    if (!round) {
      res.status(409).json({ error: 'The silent round has ended, so these cards were not kept. They are still on your screen: copy them if you need them.' });
      return;
    }
    await sessions.saveDrafts(id, round.id, owner, authorOf(access), parsed.data.drafts);
    // Only a count goes to everyone: how many people are writing, never what.
    const writers = await sessions.writersIn(id, round.id);
    if (writers !== round.writers) setRound(doc, { ...round, writers });
    res.json({ drafts: parsed.data.drafts });
  });

  return router;
}
