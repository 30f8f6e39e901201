import { LIMITS } from '../../shared/model/index.js';
import { readStored, writeStored } from './deviceStorage.js';

/** Who this person is on this device: remembered so that they give their name once. */
export interface Identity {
  name: string;
  color: string;
}

const NAME_KEY = 'cairn:name';
const COLOUR_KEY = 'cairn:colour';

/**
 * Colours for people's carets and initials. Each carries white text at 5.5:1 or better
 * and they stay distinct from one another on a projector.
 */
export const PERSON_COLOURS = [
  '#0065bd',
  '#1a7032',
  '#741e6d',
  '#b3261e',
  '#006f6a',
  '#8e3a00',
  '#c2185b',
  '#333e48',
  '#00437e',
  '#592c20',
] as const;

export function cleanName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().slice(0, LIMITS.name);
}

function storedColour(): string {
  const saved = readStored(COLOUR_KEY);
  if (saved && (PERSON_COLOURS as readonly string[]).includes(saved)) return saved;
  const bytes = new Uint8Array(1);
  crypto.getRandomValues(bytes);
  const picked = PERSON_COLOURS[bytes[0]! % PERSON_COLOURS.length]!;
  writeStored(COLOUR_KEY, picked);
  return picked;
}

export function loadIdentity(): Identity | null {
  const name = cleanName(readStored(NAME_KEY) ?? '');
  return name ? { name, color: storedColour() } : null;
}

export function saveName(raw: string): Identity {
  const name = cleanName(raw);
  writeStored(NAME_KEY, name);
  return { name, color: storedColour() };
}

/**
 * "Morag Ann Smith" → "MS"; one word → its first two letters. People write their role
 * beside their name ("Audrey May (Chief Education Officer)", "Callum Reid, Education
 * Scotland"): what is in brackets, or after a comma or a spaced dash, is not the name,
 * and punctuation is never an initial.
 */
export function initials(name: string): string {
  const bare = name.replace(/\([^)]*\)?|\[[^\]]*\]?/g, ' ').split(/,|\s[-–—|/]\s?/)[0] ?? '';
  const words = bare.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}’'-]*/gu)?.map((w) => w.replace(/[^\p{L}\p{N}\p{M}]/gu, '')) ?? [];
  if (words.length === 0) return '?';
  const letters = (w: string) => [...w.normalize('NFC')];
  if (words.length === 1) return letters(words[0]!).slice(0, 2).join('').toUpperCase();
  return (letters(words[0]!)[0]! + letters(words[words.length - 1]!)[0]!).toUpperCase();
}
