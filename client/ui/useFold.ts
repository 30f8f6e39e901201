import { useCallback, useState } from 'react';
import { readStored, writeStored } from '../lib/deviceStorage.js';

/**
 * A part of the page that can be folded away (the session controls, the focus question,
 * the balance by theme). Until someone chooses, it follows `openByDefault` (which may
 * depend on the screen's width); their choice is then kept on this device.
 */
export function useFold(name: string, openByDefault: boolean): [open: boolean, toggle: () => void] {
  const key = `cairn:fold:${name}`;
  const [chosen, setChosen] = useState<string | null>(() => readStored(key));
  const open = chosen === null ? openByDefault : chosen === 'open';
  const toggle = useCallback(() => {
    const next = open ? 'closed' : 'open';
    writeStored(key, next);
    setChosen(next);
  }, [key, open]);
  return [open, toggle];
}
