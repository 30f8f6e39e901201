import { useEffect, useRef, useState } from 'react';
import { ROLE_LABELS, type Role } from '../../shared/roles.js';
import { CopyLinkButton } from '../start/CopyLinkButton.js';
import { WHO_IT_IS_FOR } from './roleLinks.js';

/** What a new link does to the people using the old one, said before it is made. */
function consequence(role: Role): string {
  const name = ROLE_LABELS[role].toLowerCase();
  const base = `The current ${name} link stops working at once, and everyone using the current ${name} link is disconnected.`;
  return role === 'host'
    ? `${base} This page reopens with the new host link. Keep it safe: it is the one link that cannot be got back.`
    : `${base} Send the new link to everyone who should still have it.`;
}

/**
 * One role's link: who it is for, the link and its Copy button; then, as a second step
 * that says what it does, a new link for that role.
 */
export function RoleLinkRow({ role, link, onRenew }: { role: Role; link: string | null; onRenew: (role: Role) => Promise<boolean> }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const fieldId = `current-link-${role}`;
  const name = ROLE_LABELS[role].toLowerCase();

  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  async function renew() {
    setBusy(true);
    const ok = await onRenew(role);
    setBusy(false);
    setConfirming(false);
    if (ok) document.getElementById(fieldId)?.focus();
  }

  function cancel() {
    setConfirming(false);
    // The ask button is back only after this render.
    requestAnimationFrame(() => askButton.current?.focus());
  }

  return (
    <li className="join-links__item links-row">
      {link ? (
        <label className="ds_label" htmlFor={fieldId}>
          {ROLE_LABELS[role]} link
        </label>
      ) : (
        <p className="ds_label">{ROLE_LABELS[role]} link</p>
      )}
      <p className="ds_hint-text" id={`${fieldId}-hint`}>
        {WHO_IT_IS_FOR[role]}
      </p>
      {link ? (
        <div className="join-links__row">
          <input id={fieldId} className="ds_input join-links__url" type="text" readOnly value={link} aria-describedby={`${fieldId}-hint`} onFocus={(e) => e.currentTarget.select()} />
          <CopyLinkButton text={link} fieldId={fieldId} what={`${name} link`} />
        </div>
      ) : (
        <p className="links-row__missing">
          Cairn cannot show this link again: it was made before Cairn kept its links. If someone needs it, make a new one.
        </p>
      )}
      {confirming ? (
        <div className="links-row__confirm" role="group" aria-labelledby={`${fieldId}-question`}>
          <p id={`${fieldId}-question`} ref={question} tabIndex={-1}>
            <strong>Make a new {name} link?</strong> {consequence(role)}
          </p>
          <div className="links-row__buttons">
            <button type="button" className="ds_button ds_button--warning ds_button--small" aria-disabled={busy || undefined} onClick={() => void (busy ? null : renew())}>
              {busy ? 'Making the new link…' : `Yes, make a new ${name} link`}
            </button>
            <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <p className="links-row__renew">
          <button type="button" ref={askButton} className="link-button" onClick={() => setConfirming(true)}>
            Make a new {name} link
          </button>
        </p>
      )}
    </li>
  );
}
