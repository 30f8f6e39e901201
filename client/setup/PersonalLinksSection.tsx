import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { NewPersonResponse, PersonBody } from '../../shared/api.js';
import { LIMITS } from '../../shared/model/index.js';
import { apiCall, withKey } from '../lib/api.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { CopyLinkButton } from '../start/CopyLinkButton.js';

const base = (id: string) => `/api/workshops/${encodeURIComponent(id)}/people`;

/**
 * The host gives each core-team member a link of their own: their dots and silent-round
 * cards are then theirs alone, and a link can be withdrawn without disturbing anyone
 * else. The links are shown here again whenever the host opens Setup (sealed with the
 * host's own link, which the server cannot read without it).
 */
export function PersonalLinksSection() {
  const { id, secret } = useWorkshop();
  const announce = useAnnounce();
  const [people, setPeople] = useState<PersonBody[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await apiCall<{ people: PersonBody[] }>(base(id), withKey(secret));
    if (r.ok) setPeople(r.data.people);
    else setError(r.message);
  }, [id, secret]);
  useEffect(() => void load(), [load]);

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const r = await apiCall<NewPersonResponse>(base(id), withKey(secret, { method: 'POST', body: JSON.stringify({ name }) }));
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setName('');
    announce(`Made a personal link for ${r.data.person.name}.`);
    await load();
  }

  async function withdraw(person: PersonBody) {
    const r = await apiCall<void>(`${base(id)}/${encodeURIComponent(person.id)}`, withKey(secret, { method: 'DELETE' }));
    if (!r.ok) {
      setError(r.message);
      return;
    }
    announce(`Withdrew ${person.name}’s link. Anyone using it has been disconnected.`);
    await load();
  }

  const invited = people?.filter((p) => p.source === 'invited') ?? [];
  const joined = people?.filter((p) => p.source === 'shared-link') ?? [];
  return (
    <section className="setup-section" aria-labelledby="setup-people">
      <h3 id="setup-people">Personal links for the core team</h3>
      <p className="ds_hint-text">
        Give each member a link of their own, so their dots and silent-round cards are theirs alone. People who open the shared participant link get one of their own
        automatically.
      </p>
      {error ? (
        <p className="ds_error-message" role="alert">
          {error}
        </p>
      ) : null}
      <form className="people-add" onSubmit={(e) => void add(e)}>
        <label className="ds_label" htmlFor="person-name">
          Name
        </label>
        <input id="person-name" className="ds_input ds_input--fixed-20" maxLength={LIMITS.name} value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit" className="ds_button ds_button--secondary">
          Make a personal link
        </button>
      </form>
      {people === null ? null : invited.length === 0 ? (
        <p>No personal links yet.</p>
      ) : (
        <ul className="people-list">
          {invited.map((p) => (
            <li key={p.id} className="people-list__row">
              <span className="people-list__name">{p.name}</span>
              {p.link ? (
                <>
                  <input id={`person-link-${p.id}`} className="ds_input people-list__link" readOnly value={p.link} aria-label={`${p.name}’s link`} />
                  <CopyLinkButton text={p.link} fieldId={`person-link-${p.id}`} what={`link for ${p.name}`} />
                </>
              ) : (
                <span className="ds_hint-text">This link was made with an earlier host link, so it cannot be shown again.</span>
              )}
              <button type="button" className="ds_button ds_button--secondary ds_button--small people-list__withdraw" onClick={() => void withdraw(p)}>
                Withdraw<span className="visually-hidden"> {p.name}’s link</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {joined.length > 0 ? (
        <details className="people-joined">
          <summary>{joined.length === 1 ? '1 person' : `${joined.length} people`} joined through the shared participant link</summary>
          <ul className="people-list">
            {joined.map((p) => (
              <li key={p.id} className="people-list__row">
                <span className="people-list__name">{p.name}</span>
                <button type="button" className="ds_button ds_button--secondary ds_button--small people-list__withdraw" onClick={() => void withdraw(p)}>
                  Remove<span className="visually-hidden"> {p.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
