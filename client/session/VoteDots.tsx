import { useEffect, useState } from 'react';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import '../styles/sessionDetails.css';
import { useSession } from './SessionContext.js';
import { changeDot, myDots } from './sessionRequests.js';

/** Shared by every card, so one request tells all cards how many dots you have placed. */
const mineByVote = new Map<string, { mine: Record<string, number>; listeners: Set<() => void> }>();

function useMyDots(voteId: string) {
  const { id } = useWorkshop();
  const { secret } = useSession();
  let entry = mineByVote.get(voteId);
  if (!entry) {
    entry = { mine: {}, listeners: new Set() };
    mineByVote.set(voteId, entry);
    const e = entry;
    void myDots(id, secret).then((r) => {
      if (r.ok) {
        e.mine = r.data.mine;
        e.listeners.forEach((l) => l());
      }
    });
  }
  const [, rerender] = useState(0);
  useEffect(() => {
    const l = () => rerender((n) => n + 1);
    entry.listeners.add(l);
    return () => void entry.listeners.delete(l);
  }, [entry]);
  return entry;
}

/**
 * Your dots on one card while a vote runs, with the most one card may take said before
 * anyone tries, and the totals once they are shown.
 */
export function VoteDots({ cardId, number }: { cardId: string; number: string }) {
  const { state, secret } = useSession();
  const { id, canEdit } = useWorkshop();
  const announce = useAnnounce();
  const vote = state.vote!;
  const entry = useMyDots(vote.id);
  const [error, setError] = useState<string | null>(null);
  // A refusal is about the vote it happened in: once that closes, it has nothing left to say.
  useEffect(() => setError(null), [vote.id, vote.open]);
  const mine = entry.mine[cardId] ?? 0;
  const used = Object.values(entry.mine).reduce((a, b) => a + b, 0);
  const total = vote.totals?.[cardId];
  const cardFull = vote.maxPerCard !== null && mine >= vote.maxPerCard;

  async function change(delta: 1 | -1) {
    setError(null);
    const r = await changeDot(id, secret, cardId, delta);
    if (!r.ok) {
      setError(r.message);
      // Refused, perhaps because dots were placed from another device: show what the server has.
      void myDots(id, secret).then((now) => {
        if (!now.ok) return;
        entry.mine = now.data.mine;
        entry.listeners.forEach((l) => l());
      });
      return;
    }
    entry.mine = r.data.mine;
    entry.listeners.forEach((l) => l());
    announce(`${r.data.mine[cardId] ?? 0} of your dots on ${number}; ${r.data.left} left`);
  }

  return (
    <div className="vote-dots">
      {total !== undefined || vote.totals ? (
        <span className="vote-dots__total"><strong>{total ?? 0}</strong> {total === 1 ? 'dot' : 'dots'} in all</span>
      ) : null}
      {vote.open && canEdit ? (
        <>
          <span>
            {Array.from({ length: mine }, (_, i) => <span key={i} className="vote-dots__dot" aria-hidden="true" />)}
            Your dots: {mine}
          </span>
          {vote.maxPerCard !== null ? (
            <span className="vote-dots__limit">
              At most {vote.maxPerCard} {vote.maxPerCard === 1 ? 'dot' : 'dots'} on a card
            </span>
          ) : null}
          <button type="button" className="ds_button ds_button--small ds_button--secondary" disabled={used >= vote.dots || cardFull} onClick={() => void change(1)}>
            Add a dot<span className="visually-hidden"> to {number}</span>
          </button>
          <button type="button" className="ds_button ds_button--small ds_button--secondary" disabled={mine === 0} onClick={() => void change(-1)}>
            Take a dot off<span className="visually-hidden"> {number}</span>
          </button>
        </>
      ) : null}
      {error && vote.open ? <span className="ds_question__error-message" role="alert">{error}</span> : null}
    </div>
  );
}
