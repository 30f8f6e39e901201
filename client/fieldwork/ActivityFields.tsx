import type { Theme } from '../../shared/model/index.js';
import { Field } from '../setup/Field.js';
import { LimitedInput } from '../ui/LimitedInput.js';
import { limitOf } from '../ui/textLimit.js';

const TITLE = limitOf('shortText', 'title');

export interface Draft {
  type: string;
  title: string;
  date: string;
  themeIds: string[];
  participants: string;
}

export interface DraftErrors {
  date?: string;
  participants?: string;
  other?: string;
}

export const emptyDraft = (type = ''): Draft => ({ type, title: '', date: '', themeIds: [], participants: '' });

/** The draft as the model takes it: an empty participants box means "not known". */
export function toInput(d: Draft) {
  const n = d.participants.trim();
  return { type: d.type, title: d.title, date: d.date, themeIds: d.themeIds, participants: n === '' ? null : Number(n) };
}

/** Put the model's message beside the field it is about. */
export function errorsFrom(err: unknown): DraftErrors {
  const message = err instanceof Error ? err.message : 'That could not be saved.';
  if (/date/i.test(message)) return { date: message };
  if (/participants/i.test(message)) return { participants: message };
  return { other: message };
}

interface Props {
  idPrefix: string;
  draft: Draft;
  errors: DraftErrors;
  types: string[];
  themes: Theme[];
  onChange: (next: Draft) => void;
}

/** Type, title, date, themes and participants of a focus group or other activity. */
export function ActivityFields({ idPrefix, draft, errors, types, themes, onChange }: Props) {
  const set = (changes: Partial<Draft>) => onChange({ ...draft, ...changes });
  const options = draft.type && !types.includes(draft.type) ? [draft.type, ...types] : types;
  return (
    <div className="activity-fields">
      <Field id={`${idPrefix}-type`} label="Type">
        {() => (
          <div className="ds_select-wrapper">
            <select id={`${idPrefix}-type`} className="ds_select" value={draft.type} onChange={(e) => set({ type: e.target.value })}>
              {options.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <span className="ds_select-arrow" aria-hidden="true" />
          </div>
        )}
      </Field>
      <Field id={`${idPrefix}-title`} label="Title (optional)">
        {() => <LimitedInput id={`${idPrefix}-title`} className="ds_input" limit={TITLE} value={draft.title} onValue={(title) => set({ title })} />}
      </Field>
      <Field id={`${idPrefix}-date`} label="Date" error={errors.date}>
        {(describedBy) => (
          <input id={`${idPrefix}-date`} type="date" className="ds_input ds_input--fixed-10" aria-describedby={describedBy} value={draft.date} onChange={(e) => set({ date: e.target.value })} />
        )}
      </Field>
      <Field id={`${idPrefix}-participants`} label="Number of participants" error={errors.participants}>
        {(describedBy) => (
          <input
            id={`${idPrefix}-participants`}
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            className={`ds_input ds_input--fixed-4${errors.participants ? ' ds_input--error' : ''}`}
            aria-describedby={describedBy}
            value={draft.participants}
            onChange={(e) => set({ participants: e.target.value })}
          />
        )}
      </Field>
      <fieldset className="activity-fields__themes">
        <legend className="ds_label">Themes</legend>
        {themes.length === 0 ? <p className="ds_hint-text">No themes yet: a host or facilitator adds them in Setup.</p> : null}
        <div className="ds_checkboxes">
          {themes.map((t) => {
            const id = `${idPrefix}-theme-${t.id}`;
            const checked = draft.themeIds.includes(t.id);
            return (
              <div key={t.id} className="ds_checkbox ds_checkbox--small">
                <input
                  id={id}
                  className="ds_checkbox__input"
                  type="checkbox"
                  checked={checked}
                  onChange={(e) => set({ themeIds: e.target.checked ? [...draft.themeIds, t.id] : draft.themeIds.filter((x) => x !== t.id) })}
                />
                <label className="ds_checkbox__label" htmlFor={id}>
                  {t.name}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
      {errors.other ? (
        <p className="ds_question__error-message" role="alert">
          {errors.other}
        </p>
      ) : null}
    </div>
  );
}
