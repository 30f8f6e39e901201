import type { CSSProperties } from 'react';
import type { Theme } from '../../shared/model/index.js';

/**
 * A theme as a chip: its name in dark text on white, with the theme's colour as a
 * stripe beside it. The name carries the meaning; the colour only helps the eye.
 */
export function ThemeChip({ theme }: { theme: Theme | null }) {
  return (
    <span className={`theme-chip${theme ? '' : ' theme-chip--none'}`} style={stripe(theme)}>
      <span className="visually-hidden">Theme: </span>
      {theme ? theme.name : 'No theme'}
    </span>
  );
}

export const stripe = (theme: Theme | null): CSSProperties | undefined =>
  theme ? ({ '--theme-colour': theme.colour } as CSSProperties) : undefined;
