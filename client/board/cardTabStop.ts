import { useLayoutEffect, type RefObject } from 'react';

/**
 * One Tab stop per card. A card holds a dozen controls (headline, quote, body, theme,
 * evidence, agree, move); stopping on each made the Tab key walk over a hundred of them
 * to cross a column. So while focus is outside a card, its controls are taken out of the
 * Tab order (tabindex -1: still reached by a click, a screen reader or Enter); once focus
 * is inside (Enter on the card, a click, a menu handing focus back), they are put back,
 * and Tab moves among them and then on to the next card. Escape on the card returns there.
 */

const TABBABLE = 'a[href], button, input, select, textarea, [contenteditable="true"], [tabindex]';
// What the card's controls had before, to put back: the attribute's value, or '' for none.
const SAVED = 'data-card-tabindex';

/** Controls inside the card, not counting the card itself or the editor's own content. */
function controls(card: HTMLElement): HTMLElement[] {
  return [...card.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    // Inside the rich-text editor, the editor owns its elements' attributes.
    (el) => el !== card && !el.parentElement?.closest('.ProseMirror'),
  );
}

function hold(el: HTMLElement): void {
  const now = el.getAttribute('tabindex');
  if (now === '-1') return;
  // Set aside only once; a value React gave since then is the one to put back.
  el.setAttribute(SAVED, now ?? '');
  el.setAttribute('tabindex', '-1');
}

function release(el: HTMLElement): void {
  const saved = el.getAttribute(SAVED);
  if (saved === null) return;
  el.removeAttribute(SAVED);
  if (saved === '') el.removeAttribute('tabindex');
  else el.setAttribute('tabindex', saved);
}

/** Whether focus is on one of the card's controls (not on the card itself). */
export const isInsideCard = (card: HTMLElement, el: Element | null): boolean => el !== null && el !== card && card.contains(el);

/** `active` once the card has controls: a card drawn as text only (CardPreview) has none to hold. */
export function useOneTabStop(ref: RefObject<HTMLElement | null>, active = true): void {
  useLayoutEffect(() => {
    const card = ref.current;
    if (!card || !active) return;
    const settle = (inside: boolean) => controls(card).forEach(inside ? release : hold);
    settle(isInsideCard(card, document.activeElement));
    // Controls that appear later (the editor arriving, a field shown once filled) join the rule.
    const watcher = new MutationObserver(() => {
      if (!isInsideCard(card, document.activeElement)) settle(false);
    });
    watcher.observe(card, { childList: true, subtree: true, attributes: true, attributeFilter: ['tabindex', 'href', 'contenteditable'] });
    const onIn = (e: FocusEvent) => settle(isInsideCard(card, e.target as Element));
    const onOut = (e: FocusEvent) => {
      if (!isInsideCard(card, e.relatedTarget as Element | null)) settle(false);
    };
    card.addEventListener('focusin', onIn);
    card.addEventListener('focusout', onOut);
    return () => {
      watcher.disconnect();
      card.removeEventListener('focusin', onIn);
      card.removeEventListener('focusout', onOut);
    };
  }, [ref, active]);
}

/** The first of the card's controls, for Enter on a card one may only read. */
export function firstControl(card: HTMLElement): HTMLElement | null {
  return controls(card)[0] ?? null;
}
