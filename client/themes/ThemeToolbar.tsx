import { useId } from 'react';
import type { Theme } from '../../shared/model/index.js';
import { BalanceStrip } from './BalanceStrip.js';
import { useMediaQuery } from '../lib/useMediaQuery.js';
import { useFold } from '../ui/useFold.js';
import type { ThemeView } from './themeView.js';

interface ThemeToolbarProps {
  themes: Theme[];
  view: ThemeView;
  onChange: (view: ThemeView) => void;
}

/**
 * Above the columns: show every card or group them by theme, narrow to one theme, and
 * the balance of strengths, areas and actions per theme. Only once themes exist.
 */
export function ThemeToolbar({ themes, view, onChange }: ThemeToolbarProps) {
  const id = useId();
  // On a phone the cards come first: the theme controls fold away until asked for.
  const wide = useMediaQuery('(min-width: 50em)');
  const [open, toggle] = useFold('themes', wide);
  if (themes.length === 0) return null;
  // A filter on a theme deleted by someone else falls back to every card.
  const filter = view.filter === 'all' || view.filter === 'none' || themes.some((t) => t.id === view.filter) ? view.filter : 'all';
  // Folded, it still says when it is changing what the columns show.
  const note = filter !== 'all' ? ' (filtered)' : view.grouping === 'theme' ? ' (grouped by theme)' : '';
  return (
    <section className="theme-toolbar" aria-label="Themes">
      {wide ? null : (
        <h2 className="theme-toolbar__fold">
          <button type="button" className="fold-toggle" aria-expanded={open} aria-controls={`${id}-themes`} onClick={toggle}>
            Themes{note}
          </button>
        </h2>
      )}
      <div id={`${id}-themes`} className="theme-toolbar__body" hidden={!open && !wide}>
      <div className="theme-toolbar__controls">
        <fieldset className="theme-toolbar__show">
          <legend className="theme-toolbar__legend">Show</legend>
          <div className="ds_field-group ds_field-group--inline">
            {(['all', 'theme'] as const).map((g) => (
              <div key={g} className="ds_radio ds_radio--small">
                <input
                  id={`${id}-${g}`}
                  className="ds_radio__input"
                  type="radio"
                  name={`${id}-grouping`}
                  checked={view.grouping === g}
                  onChange={() => onChange({ ...view, filter, grouping: g })}
                />
                <label className="ds_radio__label" htmlFor={`${id}-${g}`}>
                  {g === 'all' ? 'All cards' : 'By theme'}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="theme-toolbar__filter">
          <label className="theme-toolbar__legend" htmlFor={`${id}-filter`}>
            Filter by theme
          </label>
          <div className="ds_select-wrapper">
            <select id={`${id}-filter`} className="ds_select" value={filter} onChange={(e) => onChange({ ...view, filter: e.target.value })}>
              <option value="all">All themes</option>
              {themes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
              <option value="none">No theme</option>
            </select>
            <span className="ds_select-arrow" aria-hidden="true" />
          </div>
        </div>
      </div>
      <BalanceStrip />
      </div>
    </section>
  );
}
