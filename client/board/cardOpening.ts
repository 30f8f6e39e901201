import { useEffect, type RefObject } from 'react';

/**
 * Tells a card when it comes within two screens of the visible part of the board, so it
 * can put in its controls before anyone sees it. One IntersectionObserver for the whole
 * board, not one per card: a 300-card board drew in ~3 s when every card built its
 * fields, menus and listeners at once, nearly all of them off screen.
 */
const NEAR = '200% 0px';

const wakers = new Map<Element, () => void>();
let observer: IntersectionObserver | null = null;

function sharedObserver(): IntersectionObserver | null {
  if (typeof IntersectionObserver === 'undefined') return null;
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const wake = wakers.get(entry.target);
        wakers.delete(entry.target);
        observer!.unobserve(entry.target);
        wake?.();
      }
    },
    { rootMargin: NEAR },
  );
  return observer;
}

/** Calls `wake` once the element is near the screen (at once where the browser cannot tell); nothing once `awake`. */
export function useNearScreen(ref: RefObject<Element | null>, awake: boolean, wake: () => void): void {
  useEffect(() => {
    const el = ref.current;
    if (awake || !el) return;
    const shared = sharedObserver();
    if (!shared) {
      wake();
      return;
    }
    wakers.set(el, wake);
    shared.observe(el);
    return () => {
      wakers.delete(el);
      shared.unobserve(el);
    };
  }, [ref, awake, wake]);
}

const openOnArrival = new Set<string>();

/** A card this person has just made, and is about to write in: it arrives with its controls, wherever it lands. */
export function openWhenItArrives(cardId: string): void {
  openOnArrival.add(cardId);
}

/** Whether the card was asked to arrive open (asked once: the next arrival is like any other). */
export function takeOpenOnArrival(cardId: string): boolean {
  return openOnArrival.delete(cardId);
}
