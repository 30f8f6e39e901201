import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import * as Y from 'yjs';
import { LIMITS, LOCAL_ORIGIN, cardHeadlineText, setHeadline } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { bodyElementId, cardElementId, headlineElementId } from './elementIds.js';
import { mapIndexThroughDelta, type DeltaOp } from './textDelta.js';

/**
 * The headline is a plain field bound to the card's shared text. It is uncontrolled on
 * purpose: React does not re-render on each keystroke, and a remote change updates the
 * field directly, keeping the caret where the writer left it.
 */
export function CardHeadline({ cardId }: { cardId: string }) {
  const { doc, canEdit } = useWorkshop();
  const text = useMemo(() => cardHeadlineText(doc, cardId), [doc, cardId]);
  const field = useRef<HTMLTextAreaElement>(null);
  const undo = useRef<Y.UndoManager | null>(null);

  useEffect(() => {
    const el = field.current;
    if (!text || !el) return;
    // The text may have changed between render and now.
    if (el.value !== text.toString()) el.value = text.toString();
    const onChange = (event: Y.YTextEvent) => {
      const next = text.toString();
      if (el.value === next) return;
      const hadFocus = document.activeElement === el;
      const { selectionStart, selectionEnd, selectionDirection } = el;
      el.value = next;
      if (hadFocus) {
        const delta = event.delta as DeltaOp[];
        el.setSelectionRange(
          mapIndexThroughDelta(selectionStart, delta),
          mapIndexThroughDelta(selectionEnd, delta),
          selectionDirection,
        );
      }
    };
    text.observe(onChange);
    // Only this person's own typing is undone, never someone else's.
    const manager = new Y.UndoManager(text, { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    undo.current = manager;
    return () => {
      text.unobserve(onChange);
      manager.destroy();
      undo.current = null;
    };
  }, [text]);

  if (!text) return null;

  function onInput() {
    const el = field.current!;
    // A headline is one line; a pasted paragraph becomes one line too.
    const value = el.value.replace(/\s*\n\s*/g, ' ');
    if (value !== el.value) el.value = value;
    setHeadline(doc, cardId, value);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      if (e.shiftKey) undo.current?.redo();
      else undo.current?.undo();
    } else if (mod && !e.altKey && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      undo.current?.redo();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (canEdit) (document.getElementById(bodyElementId(cardId)) as HTMLElement | null)?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      document.getElementById(cardElementId(cardId))?.focus();
    }
  }

  return (
    <>
      <label className="visually-hidden" htmlFor={headlineElementId(cardId)}>
        Headline
      </label>
      <textarea
        ref={field}
        id={headlineElementId(cardId)}
        className="card__headline"
        rows={1}
        maxLength={LIMITS.headline}
        placeholder={canEdit ? 'Headline' : ''}
        readOnly={!canEdit}
        defaultValue={text.toString()}
        spellCheck
        onInput={onInput}
        onKeyDown={onKeyDown}
      />
    </>
  );
}
