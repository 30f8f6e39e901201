import { useCallback, useRef, useState } from 'react';
import { remainingNote } from '../../shared/model/index.js';
import { useAnnounce } from './Announcer.js';
import { FEW_LEFT, leftText, tooLongMessage, type TextLimit } from './textLimit.js';
import '../styles/limits.css';

export interface CharactersLeftState {
  /** The note's id, for the field's aria-describedby. */
  noteId: string;
  limit: TextLimit;
  /** Characters left, once near enough the limit to show (negative if already over it); null before. */
  left: number | null;
  /** Something was refused for being too long, and nothing has been accepted since. */
  refused: boolean;
  /** Tell it the text's length now, and whether this person's own change made it. */
  measure: (length: number, own: boolean) => void;
  /** Something would have gone past the limit and was not let in. */
  refuse: () => void;
}

/**
 * What a limited field says about its limit: the characters left once it is near, and,
 * after something was refused, why. Screen reader users hear it with the field (through
 * aria-describedby); aloud, unasked, only when their own writing crosses into the last
 * few characters and when something is refused, never at every key.
 */
export function useCharactersLeft(limit: TextLimit, noteId: string): CharactersLeftState {
  const announce = useAnnounce();
  const { max, name } = limit;
  const [left, setLeft] = useState<number | null>(null);
  const [refused, setRefused] = useState(false);
  const last = useRef<{ length: number | null; refused: boolean }>({ length: null, refused: false });

  const measure = useCallback(
    (length: number, own: boolean) => {
      const note = remainingNote(length, max);
      // The same value as before re-renders nothing, so far from the limit typing costs no render.
      setLeft(note.show ? note.left : null);
      const previous = last.current.length;
      last.current.length = length;
      if (previous === null || previous === length || !own) return;
      // A change that was let in ends the refusal before it.
      last.current.refused = false;
      setRefused(false);
      if (max - previous > FEW_LEFT && note.left <= FEW_LEFT && note.left >= 0) announce(`${leftText(note.left)} in the ${name}.`);
    },
    [announce, max, name],
  );

  const refuse = useCallback(() => {
    setRefused(true);
    // Said once; pressing on at the limit does not repeat it at every key.
    if (last.current.refused) return;
    last.current.refused = true;
    announce(tooLongMessage({ max, name }));
  }, [announce, max, name]);

  return { noteId, limit, left, refused, measure, refuse };
}

/** The note under a limited field, in the design system's character count style. Empty (and hidden) far from the limit. */
export function CharactersLeft({ state }: { state: CharactersLeftState }) {
  const { noteId, limit, left, refused } = state;
  return (
    <div id={noteId} className="chars-left">
      {refused ? <p className="ds_input__message ds_input__message--error chars-left__refused">{tooLongMessage(limit)}</p> : null}
      {left !== null ? (
        <p className={`ds_input__message chars-left__count${left < 0 ? ' ds_input__message--error' : ' ds_hint-text'}`}>{leftText(left)}</p>
      ) : null}
    </div>
  );
}
