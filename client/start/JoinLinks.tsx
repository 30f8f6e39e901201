import { ROLES, ROLE_LABELS, type Role } from '../../shared/roles.js';
import { DownloadLinksButton } from '../share/DownloadLinksButton.js';
import { HOST_LINK_WARNING, WHO_IT_IS_FOR } from '../share/roleLinks.js';
import { CopyLinkButton } from './CopyLinkButton.js';
import '../styles/links.css';

/** A new workshop's four links, what each is for, and a way to keep them. */
export function JoinLinks({ title, links }: { title: string; links: Record<Role, string> }) {
  return (
    <>
      <div className="ds_warning-text">
        <strong className="ds_warning-text__icon" aria-hidden="true"></strong>
        <strong className="visually-hidden">Warning</strong>
        <div className="ds_warning-text__text">
          {HOST_LINK_WARNING} Copy it somewhere safe now, or download the links as a file.
        </div>
      </div>
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
      <DownloadLinksButton title={title} links={links} />
      <a className="ds_button" href={links.host}>
        Open the workshop as host
      </a>
    </>
  );
}
