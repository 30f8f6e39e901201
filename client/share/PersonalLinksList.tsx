import type { PersonBody } from '../../shared/api.js';
import { CopyLinkButton } from '../start/CopyLinkButton.js';

/**
 * The core team's personal links, to copy again; they are made and withdrawn in Setup,
 * where the rest of the team's details are.
 */
export function PersonalLinksList({ people, onOpenSetup }: { people: PersonBody[]; onOpenSetup: () => void }) {
  const invited = people.filter((p) => p.source === 'invited');
  return (
    <section className="links-people" aria-labelledby="links-people-heading">
      <h3 id="links-people-heading">Personal links for the core team</h3>
      <p>
        {invited.length === 0 ? 'No personal links yet. ' : ''}A personal link is for one member of the core team, so their dots and silent-round cards are theirs alone.
        They are made and withdrawn in{' '}
        <button type="button" className="link-button" onClick={onOpenSetup}>
          Setup
        </button>
        .
      </p>
      {invited.length > 0 ? (
        <ul className="links-people__list">
          {invited.map((p) => {
            const fieldId = `links-person-${p.id}`;
            return (
              <li key={p.id} className="links-people__row">
                {p.link ? (
                  <>
                    <label className="links-people__name" htmlFor={fieldId}>
                      {p.name}’s link
                    </label>
                    <div className="join-links__row">
                      <input id={fieldId} className="ds_input join-links__url" readOnly value={p.link} onFocus={(e) => e.currentTarget.select()} />
                      <CopyLinkButton text={p.link} fieldId={fieldId} what={`link for ${p.name}`} />
                    </div>
                  </>
                ) : (
                  <>
                    <span className="links-people__name">{p.name}’s link</span>
                    <p className="ds_hint-text">Cairn cannot show this link again: it was made with an earlier host link. Withdraw it in Setup and make a new one if needed.</p>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
