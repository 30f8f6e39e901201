import { useCallback, useEffect } from 'react';
import { useCharactersLeft, type CharactersLeftState } from './CharactersLeft.js';
import { guardLength, overLimit, type TextLimit } from './textLimit.js';

export interface TextLimitBinding {
  /** For the input or textarea: refuses what would go past the limit before it goes in. */
  ref: (el: HTMLInputElement | HTMLTextAreaElement | null) => (() => void) | undefined;
  /** For its change handler: false (and the person is told) if the new value is too long. */
  allows: (next: string) => boolean;
  state: CharactersLeftState;
}

/**
 * The limit of a field whose value React holds (the setup, offers and start page forms).
 * The guard stops typing and pastes before they happen; `allows` catches the rest (text
 * composed with an input method, for one), which then never reaches the workshop.
 */
export function useTextLimit(limit: TextLimit, id: string, value: string): TextLimitBinding {
  const state = useCharactersLeft(limit, `${id}-limit`);
  const { measure, refuse } = state;
  useEffect(() => {
    // The value may also change from someone else's typing: only the writer's own is "own".
    measure(value.length, document.activeElement?.id === id);
  }, [measure, value, id]);
  const ref = useCallback((el: HTMLInputElement | HTMLTextAreaElement | null) => (el ? guardLength(el, limit.max, refuse) : undefined), [limit.max, refuse]);
  const allows = (next: string): boolean => {
    if (!overLimit(value.length, next.length, limit.max)) return true;
    refuse();
    return false;
  };
  return { ref, allows, state };
}
