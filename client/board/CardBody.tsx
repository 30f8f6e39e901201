import { memo, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { cardBodyFragment } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useEditorsOf } from '../collab/usePeople.js';
import { useLater } from '../lib/later.js';
import { useAnnounce } from '../ui/Announcer.js';
import { cardEditor } from '../workshop/laterParts.js';
import { keepKey, type Arrival } from './bodyArrival.js';
import { bodyElements, useBodyNodes } from './bodyNodes.js';
import { isPlaceToRestore } from './focusKeeper.js';
import { bodyElementId, cardElementId } from './elementIds.js';

/**
 * A card's rich-text body. Until someone writes in it, it is drawn straight from the
 * shared fragment, updating live as others type, and the board needs no editor code to
 * appear. The editor takes its place, and then stays, when this person clicks, tabs or
 * presses Enter into the body, or when someone else is writing in it (so that their
 * caret shows, as it always has).
 */
export const CardBody = memo(function CardBody({ cardId }: { cardId: string }) {
  const { doc, provider } = useWorkshop();
  const fragment = useMemo(() => cardBodyFragment(doc, cardId), [doc, cardId]);
  const othersWriting = useEditorsOf(provider.awareness, cardId).length > 0;
  // A card moved by someone else while this person was writing in it is drawn anew:
  // it comes back with its editor at once, so focusKeeper can put the caret back.
  const [writing, setWriting] = useState(() => isPlaceToRestore(bodyElementId(cardId)));
  const [watched, setWatched] = useState(othersWriting);
  if (othersWriting && !watched) setWatched(true);
  const [attempt, setAttempt] = useState(0);
  const arrival = useRef<Arrival | null>(null);
  const editor = useLater(cardEditor, writing || watched, attempt);

  if (!fragment) return null;
  if (editor.value) return <editor.value.LiveCardBody cardId={cardId} fragment={fragment} arrival={arrival} />;
  return (
    <TextOnlyBody
      cardId={cardId}
      arrival={arrival}
      waiting={writing}
      failed={writing && editor.failed}
      onWrite={() => {
        setWriting(true);
        if (editor.failed) setAttempt((n) => n + 1);
      }}
    />
  );
});

interface TextOnlyBodyProps {
  cardId: string;
  arrival: RefObject<Arrival | null>;
  /** This person has come to write here and the editor is on its way. */
  waiting: boolean;
  failed: boolean;
  onWrite: () => void;
}

/**
 * The body as text, with the editor's own element, name and look, so the reader and
 * the swap see no difference. It takes focus like the editor would; what is pressed
 * before the editor arrives is kept and given to it.
 */
function TextOnlyBody({ cardId, arrival, waiting, failed, onWrite }: TextOnlyBodyProps) {
  const { doc, canEdit } = useWorkshop();
  const nodes = useBodyNodes(doc, cardId);
  const slow = useSlowWait(waiting && !failed);

  const common = { id: bodyElementId(cardId), role: 'textbox', 'aria-multiline': true, 'aria-label': 'Details' } as const;
  if (!canEdit) {
    return (
      <div className="card-body">
        <div {...common} className="card-body__editor" aria-readonly="true" contentEditable={false}>
          {bodyElements(nodes)}
        </div>
      </div>
    );
  }

  function onMouseDown(e: MouseEvent<HTMLDivElement>) {
    if (e.button !== 0) return;
    // The editor, not this copy, is where the caret goes: remember where, and let the
    // editor place it there when it takes over.
    e.preventDefault();
    arrival.current = { point: { x: e.clientX, y: e.clientY }, keys: [] };
    // Already focused (the editor failed to arrive, say): focusing again would say nothing.
    if (document.activeElement === e.currentTarget) onWrite();
    else e.currentTarget.focus();
  }
  function onFocus() {
    arrival.current ??= { point: null, keys: [] };
    onWrite();
  }
  function onBlur(e: FocusEvent<HTMLDivElement>) {
    // Gone elsewhere before the editor came: it must not pull focus back when it does.
    if (e.relatedTarget) arrival.current = null;
  }
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape') {
      arrival.current = null;
      document.getElementById(cardElementId(cardId))?.focus();
      return;
    }
    if (arrival.current && keepKey(arrival.current, e)) e.preventDefault();
  }

  return (
    <div className="card-body">
      <div
        {...common}
        className="card-body__editor card-body__editor--writable"
        tabIndex={0}
        aria-busy={waiting || undefined}
        onMouseDown={onMouseDown}
        // A link is followed from the editor only by choice, never by a click that means "write here".
        onClick={(e) => e.preventDefault()}
        onFocus={onFocus}
        onBlur={onBlur}
        onKeyDown={onKeyDown}
      >
        {bodyElements(nodes)}
      </div>
      {failed ? (
        <p className="card-body__note" role="alert">
          The editor could not be loaded. Check your connection, then click in the card again.
        </p>
      ) : slow ? (
        <p className="card-body__note">Opening the editor…</p>
      ) : null}
    </div>
  );
}

/** True once a wait has lasted long enough to be worth mentioning (and says so to screen reader users). */
function useSlowWait(waiting: boolean): boolean {
  const [slow, setSlow] = useState(false);
  const announce = useAnnounce();
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setTimeout(() => {
      setSlow(true);
      announce('Opening the editor…');
    }, 300);
    return () => {
      window.clearTimeout(timer);
      setSlow(false);
    };
  }, [waiting, announce]);
  return slow;
}
