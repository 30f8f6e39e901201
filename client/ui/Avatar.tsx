import { initials } from '../lib/identity.js';

/** Initials in a coloured circle. The name itself is for the caller to say in words. */
export function Avatar({ name, color, size = 'normal', title = name }: { name: string; color: string; size?: 'normal' | 'small'; title?: string }) {
  return (
    <span className={`avatar avatar--${size}`} style={{ backgroundColor: color }} aria-hidden="true" title={title}>
      {initials(name)}
    </span>
  );
}
