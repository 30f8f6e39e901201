import { FIELD_NAMES, LIMITS, type LimitedField } from '../../shared/model/index.js';

/** A field's limit in characters, and what the field is called in a sentence ("headline"). */
export interface TextLimit {
  max: number;
  name: string;
}

export const limitOf = (field: LimitedField, name: string = FIELD_NAMES[field]): TextLimit => ({ max: LIMITS[field], name });

/** Below this many characters left, crossing is said aloud once. */
export const FEW_LEFT = 10;

const count = (n: number): string => n.toLocaleString('en-GB');

const characters = (n: number): string => `${count(n)} ${n === 1 ? 'character' : 'characters'}`;

/** "You have 12 characters left", as the design system's character count says it. */
export function leftText(left: number): string {
  if (left < 0) return `You have ${characters(-left)} too many`;
  if (left === 0) return 'You have no characters left';
  return `You have ${characters(left)} left`;
}

export function tooLongMessage({ max, name }: TextLimit): string {
  return `The ${name} can be at most ${count(max)} characters. Shorten it to add more.`;
}

/**
 * Whether a change from `before` to `after` characters is refused: one that ends over the
 * limit, unless it shortens a text that was already over it (written before the limit
 * was kept), so that such a text can always be cut back.
 */
export const overLimit = (before: number, after: number, max: number): boolean => after > max && after > before;

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/**
 * Refuse, before it happens, any typing, paste or drop that would take a text box past
 * its limit: a paste that does not fit is refused whole, never cut to fit. `normalise` is
 * what the field does to its text before keeping it (one-line fields turn line breaks
 * into spaces). Returns the clean-up.
 */
export function guardLength(el: TextControl, max: number, onRefuse: () => void, normalise: (s: string) => string = (s) => s): () => void {
  const onBeforeInput = (event: Event) => {
    const e = event as InputEvent;
    if (!e.inputType.startsWith('insert') || !e.cancelable) return;
    const lineBreak = e.inputType === 'insertLineBreak' || e.inputType === 'insertParagraph' ? '\n' : '';
    const inserted = e.data ?? e.dataTransfer?.getData('text/plain') ?? lineBreak;
    const value = el.value;
    const start = el.selectionStart ?? value.length;
    const end = el.selectionEnd ?? value.length;
    const before = normalise(value).length;
    const after = normalise(value.slice(0, start) + inserted + value.slice(end)).length;
    if (overLimit(before, after, max)) {
      e.preventDefault();
      onRefuse();
    }
  };
  el.addEventListener('beforeinput', onBeforeInput);
  return () => el.removeEventListener('beforeinput', onBeforeInput);
}

/** The ids a field is described by, leaving out the ones it does not have. */
export const describedBy = (...ids: (string | undefined | null | false)[]): string | undefined => ids.filter(Boolean).join(' ') || undefined;
