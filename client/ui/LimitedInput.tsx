import type { ChangeEvent, InputHTMLAttributes } from 'react';
import { CharactersLeft } from './CharactersLeft.js';
import { describedBy, type TextLimit } from './textLimit.js';
import { useTextLimit } from './useTextLimit.js';

type Attributes = Omit<InputHTMLAttributes<HTMLInputElement | HTMLTextAreaElement>, 'value' | 'defaultValue' | 'onChange' | 'maxLength'>;

interface LimitedInputProps extends Attributes {
  id: string;
  limit: TextLimit;
  value: string;
  onValue: (value: string) => void;
  multiline?: boolean;
  rows?: number;
}

/**
 * A text input (or textarea) that shows the characters left as its limit nears and
 * refuses, with a message, what would go past it, instead of cutting it off unseen.
 */
export function LimitedInput({ id, limit, value, onValue, multiline, rows, 'aria-describedby': described, ...rest }: LimitedInputProps) {
  const { ref, allows, state } = useTextLimit(limit, id, value);
  const common = {
    ...rest,
    id,
    value,
    ref,
    'aria-describedby': describedBy(described, state.noteId),
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (allows(e.target.value)) onValue(e.target.value);
    },
  };
  return (
    <>
      {multiline ? <textarea rows={rows} {...common} /> : <input {...common} />}
      <CharactersLeft state={state} />
    </>
  );
}
