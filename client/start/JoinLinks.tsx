import { ROLES, ROLE_LABELS, type Role } from '../../shared/roles.js';
import { CopyLinkButton } from './CopyLinkButton.js';

const WHO_IT_IS_FOR: Record<Role, string> = {
  host: 'For you. Sets up and runs the workshop and exports the report. Keep it to yourself.',
  facilitator: 'For whoever runs the session. Can add, edit and arrange everything on the board.',
  participant: 'For the core team. Can add and edit findings and actions.',
  viewer: 'For readers such as elected members or partners. Can watch the board live but cannot change it.',
};

export function JoinLinks({ links }: { links: Record<Role, string> }) {
  return (
    <>
      <ul className="join-links">
        {ROLES.map((role) => {
          const fieldId = `link-${role}`;
          return (
            <li key={role} className="join-links__item">
              <label className="ds_label" htmlFor={fieldId}>
                {ROLE_LABELS[role]} link
              </label>
              <p className="ds_hint-text" id={`${fieldId}-hint`}>
                {WHO_IT_IS_FOR[role]}
              </p>
              <div className="join-links__row">
                <input
                  id={fieldId}
                  className="ds_input join-links__url"
                  type="text"
                  readOnly
                  value={links[role]}
                  aria-describedby={`${fieldId}-hint`}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <CopyLinkButton text={links[role]} fieldId={fieldId} what={`${ROLE_LABELS[role].toLowerCase()} link`} />
              </div>
            </li>
          );
        })}
      </ul>
      <a className="ds_button" href={links.host}>
        Open the workshop as host
      </a>
    </>
  );
}
