import { useId } from 'react';
import type { Theme } from '../../shared/model/index.js';
import { BalanceStrip } from './BalanceStrip.js';
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
  if (themes.length === 0) return null;
  // A filter on a theme deleted by someone else falls back to every card.
  const filter = view.filter === 'all' || view.filter === 'none' || themes.some((t) => t.id === view.filter) ? view.filter : 'all';
  return (
    <section className="theme-toolbar" aria-label="Themes">
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
    </section>
  );
}
