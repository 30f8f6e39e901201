import { useId } from 'react';
import { setCardTheme, type Theme } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { ThemeChip, stripe } from './ThemeChip.js';

interface ThemeSelectProps {
  cardId: string;
  themeId: string | null;
  themes: Theme[];
}

/**
 * A card's theme: a labelled select for people who can edit, the chip alone for
 * viewers. The select looks like the chip (name and colour stripe) so the card reads
 * the same either way.
 */
export function ThemeSelect({ cardId, themeId, themes }: ThemeSelectProps) {
  const { doc, canEdit } = useWorkshop();
  const id = useId();
  const theme = themes.find((t) => t.id === themeId) ?? null;
  // A workshop without themes has nothing to choose; a viewer sees only a chosen theme.
  if (themes.length === 0) return null;
  if (!canEdit) return theme ? <ThemeChip theme={theme} /> : null;
  return (
    <span className="theme-select">
      <label htmlFor={id} className="visually-hidden">
        Theme
      </label>
      <select
        id={id}
        className={`theme-chip theme-select__input${theme ? '' : ' theme-chip--none'}`}
        style={stripe(theme)}
        value={themeId ?? ''}
        onChange={(e) => setCardTheme(doc, cardId, e.target.value || null)}
      >
        <option value="">No theme</option>
        {themes.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </span>
  );
}
