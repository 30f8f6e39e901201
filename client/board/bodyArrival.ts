import type { KeyboardEvent } from 'react';

/** A key pressed in a card body before its editor had arrived, kept to be replayed. */
export interface KeyPress {
  key: string;
  code: string;
  keyCode: number;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/**
 * How someone came to write in a card body whose editor was not yet on the page: where
 * they clicked (null when they came by keyboard, which starts at the beginning as the
 * editor itself does), and what they typed while it was on its way.
 */
export interface Arrival {
  point: { x: number; y: number } | null;
  keys: KeyPress[];
}

// Keys that move focus or only modify others keep their usual meaning.
const PASS_THROUGH = new Set(['Tab', 'Escape', 'Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'F5']);

/** Keep a key for the editor, or say it is not ours to keep. */
export function keepKey(arrival: Arrival, e: KeyboardEvent): boolean {
  if (PASS_THROUGH.has(e.key) || e.nativeEvent.isComposing) return false;
  arrival.keys.push({
    key: e.key,
    code: e.code,
    keyCode: e.keyCode,
    shiftKey: e.shiftKey,
    ctrlKey: e.ctrlKey,
    altKey: e.altKey,
    metaKey: e.metaKey,
  });
  return true;
}
