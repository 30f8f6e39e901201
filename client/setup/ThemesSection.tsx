import { useState } from 'react';
import { HGIOS4_INDICATORS, MAX_THEMES, THEME_COLOURS, addTheme, deleteTheme, updateTheme } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useThemes } from '../themes/useThemes.js';
import { useAnnounce } from '../ui/Announcer.js';
import { LimitedInput } from '../ui/LimitedInput.js';
import { describedBy, limitOf } from '../ui/textLimit.js';
import { COLOUR_NAMES } from './useSetup.js';

const THEME_NAME = limitOf('shortText', 'theme name');

/** One to six themes, each with a name and a colour (shown with its name, never alone). */
export function ThemesSection() {
  const { doc } = useWorkshop();
  const themes = useThemes(doc);
  const announce = useAnnounce();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    try {
      addTheme(doc, name);
      announce(`Theme added: ${name.trim()}`);
      setName('');
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section className="setup-section" aria-labelledby="setup-themes">
      <h3 id="setup-themes">Themes</h3>
      <p className="ds_hint-text">Up to {MAX_THEMES}. Quality indicators from How good is our school? (4th edition) are suggested as you type.</p>
      <datalist id="hgios4">{HGIOS4_INDICATORS.map((q) => <option key={q} value={q} />)}</datalist>
      {themes.length > 0 ? (
        <ol className="setup-rows">
          {themes.map((t, i) => (
            <li key={t.id} className="setup-row theme-row" style={{ borderLeftColor: t.colour }}>
              <div>
                <label className="ds_label" htmlFor={`theme-name-${t.id}`}>Theme {i + 1} name</label>
                <LimitedInput id={`theme-name-${t.id}`} className="ds_input" list="hgios4" limit={THEME_NAME} value={t.name} onValue={(n) => updateTheme(doc, t.id, { name: n })} />
              </div>
              <div>
                <label className="ds_label" htmlFor={`theme-colour-${t.id}`}>Colour</label>
                <div className="theme-colour">
                  {/* The swatch shows the colour; the name in the list says it in words. */}
                  <span className="theme-colour__swatch" style={{ background: t.colour }} aria-hidden="true" />
                  <div className="ds_select-wrapper">
                    <select id={`theme-colour-${t.id}`} className="ds_select" value={t.colour} onChange={(e) => updateTheme(doc, t.id, { colour: e.target.value })}>
                      {THEME_COLOURS.map((c) => <option key={c} value={c}>{COLOUR_NAMES[c] ?? c}</option>)}
                    </select>
                    <span className="ds_select-arrow" aria-hidden="true" />
                  </div>
                </div>
              </div>
              <button type="button" className="ds_button ds_button--secondary ds_button--small setup-row__remove"
                onClick={() => { deleteTheme(doc, t.id); announce(`Theme removed: ${t.name}. Cards that had it now have no theme.`); }}>
                Remove<span className="visually-hidden"> theme {t.name}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p>No themes yet. Dundee’s were: curriculum design and delivery; data use; central support and challenge.</p>
      )}
      <div className={`ds_question${error ? ' ds_question--error' : ''}`}>
        <label className="ds_label" htmlFor="theme-new">Add a theme</label>
        {error ? <p className="ds_question__error-message" id="theme-new-error" role="alert">{error}</p> : null}
        <div className="list-editor__add-row">
          <div className="list-editor__add-field">
            <LimitedInput id="theme-new" className="ds_input" list="hgios4" limit={THEME_NAME} value={name} aria-describedby={describedBy(error && 'theme-new-error')}
              onValue={setName} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} />
          </div>
          <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={add}>Add theme</button>
        </div>
      </div>
    </section>
  );
}
