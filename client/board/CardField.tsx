import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import * as Y from 'yjs';
import { LOCAL_ORIGIN, cardTextField, setCardText, type CardTextField } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { CharactersLeft, useCharactersLeft } from '../ui/CharactersLeft.js';
import { guardLength, limitOf, overLimit } from '../ui/textLimit.js';
import { cardElementId, fieldElementId } from './elementIds.js';
import { mapIndexThroughDelta, type DeltaOp } from './textDelta.js';

interface CardFieldProps {
  cardId: string;
  field: CardTextField;
  label: string;
  /** The headline and quote are named by their place on the card; the action grid shows its labels. */
  labelVisible?: boolean;
  placeholder: string;
  className: string;
  /** Where Enter takes the writer (the next field, or the body). */
  nextId?: string;
}

/** These fields are one line each; a pasted paragraph becomes one line too. */
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

/**
 * One of a card's short fields (headline, quote, lead …) bound to the card's shared
 * text. It is uncontrolled on purpose: React does not re-render on each keystroke, and
 * a remote change updates the field directly, keeping the caret where the writer left it.
 */
export function CardField({ cardId, field, label, labelVisible, placeholder, className, nextId }: CardFieldProps) {
  const { doc, canEdit } = useWorkshop();
  const text = useMemo(() => cardTextField(doc, cardId, field), [doc, cardId, field]);
  const input = useRef<HTMLTextAreaElement>(null);
  const undo = useRef<Y.UndoManager | null>(null);
  const id = fieldElementId(cardId, field);
  const limit = useCharactersLeft(limitOf(field), `${id}-limit`);
  const { measure, refuse } = limit;
  const { max } = limit.limit;

  useEffect(() => {
    const el = input.current;
    if (!text || !el) return;
    // The text may have changed between render and now.
    if (el.value !== text.toString()) el.value = text.toString();
    measure(el.value.length, false);
    const stopGuard = guardLength(el, max, refuse, oneLine);
    const onChange = (event: Y.YTextEvent) => {
      const next = text.toString();
      measure(next.length, false);
      if (el.value === next) return;
      const hadFocus = document.activeElement === el;
      const { selectionStart, selectionEnd, selectionDirection } = el;
      el.value = next;
      if (hadFocus) {
        const delta = event.delta as DeltaOp[];
        el.setSelectionRange(mapIndexThroughDelta(selectionStart, delta), mapIndexThroughDelta(selectionEnd, delta), selectionDirection);
      }
    };
    text.observe(onChange);
    return () => {
      stopGuard();
      text.unobserve(onChange);
      undo.current?.destroy();
      undo.current = null;
    };
  }, [text, measure, refuse, max]);

  if (!text) return null;

  /**
   * Made when the field is first focused, not for every field on the board: each undo
   * manager hears every change to the workshop, and 300 cards' worth of them showed in
   * profiles of typing. Only this person's own typing is undone, never someone else's.
   */
  function ensureUndoManager() {
    if (!undo.current && text) undo.current = new Y.UndoManager(text, { trackedOrigins: new Set([LOCAL_ORIGIN]) });
  }

  /** Someone tabbing through the board leaves no undo managers behind in fields they did not change. */
  function onBlur() {
    const manager = undo.current;
    if (manager && manager.undoStack.length === 0 && manager.redoStack.length === 0) {
      manager.destroy();
      undo.current = null;
    }
  }

  function onInput() {
    ensureUndoManager(); // the field may have been re-bound to new text while focused
    const el = input.current!;
    const value = oneLine(el.value);
    const kept = text!.toString();
    // The guard refuses typing and pastes before they happen; what still gets past it
    // (text composed with an input method, say) is taken back whole, and the writer told.
    if (overLimit(kept.length, value.length, max)) {
      const caret = Math.max(0, (el.selectionStart ?? kept.length) - (value.length - kept.length));
      el.value = kept;
      el.setSelectionRange(caret, caret);
      refuse();
      return;
    }
    if (value !== el.value) el.value = value;
    // Before the change reaches the shared text, whose observer measures it as anyone's.
    measure(value.length, true);
    setCardText(doc, cardId, field, value);
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
      if (canEdit && nextId) document.getElementById(nextId)?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      document.getElementById(cardElementId(cardId))?.focus();
    }
  }

  return (
    <>
      <label className={labelVisible ? 'card-field__label' : 'visually-hidden'} htmlFor={id}>
        {label}
      </label>
      <div className="card-field__box">
        <textarea
          ref={input}
          id={id}
          className={className}
          rows={1}
          aria-describedby={canEdit ? limit.noteId : undefined}
          placeholder={canEdit ? placeholder : ''}
          readOnly={!canEdit}
          defaultValue={text.toString()}
          spellCheck
          onFocus={ensureUndoManager}
          onBlur={onBlur}
          onInput={onInput}
          onKeyDown={onKeyDown}
        />
        {canEdit ? <CharactersLeft state={limit} /> : null}
      </div>
    </>
  );
}
