import { useState, type FormEvent } from 'react';
import { ModalDialog } from '../ui/ModalDialog.js';
import { ROLES, ROLE_LABELS, type Role } from '../../shared/roles.js';
import type { RotatedLinkResponse } from '../../shared/api.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { CopyLinkButton } from '../start/CopyLinkButton.js';
import { apiCall, withKey } from '../lib/api.js';

/**
 * The host's controls over who can get in: a new link for any role (the old one stops
 * working and anyone using it is disconnected), and deleting the workshop for good.
 */
export function ShareDialog({ isOpen, onOpenChange, secret, title }: { isOpen: boolean; onOpenChange: (open: boolean) => void; secret: string; title: string }) {
  const { id } = useWorkshop();
  const announce = useAnnounce();
  const [fresh, setFresh] = useState<Partial<Record<Role, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [confirmText, setConfirmText] = useState('');
  const [deleted, setDeleted] = useState(false);

  async function rotate(role: Role) {
    setError(null);
    const r = await apiCall<RotatedLinkResponse>(`/api/workshops/${encodeURIComponent(id)}/links/${role}`, withKey(secret, { method: 'POST' }));
    if (!r.ok || !r.data) return setError(r.ok ? 'No link came back. Try again.' : r.message);
    setFresh((f) => ({ ...f, [role]: r.data!.link }));
    announce(`A new ${ROLE_LABELS[role].toLowerCase()} link is ready. The old one no longer works.`);
    // A new host link replaces the one this page opened with.
    if (role === 'host') {
      window.location.replace(r.data.link);
      window.location.reload();
    }
  }

  async function remove(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (confirmText.trim() !== 'delete') return setError('Type the word delete to confirm.');
    const r = await apiCall(`/api/workshops/${encodeURIComponent(id)}`, withKey(secret, { method: 'DELETE' }));
    if (!r.ok) return setError(r.message);
    setDeleted(true);
  }

  return (
    <ModalDialog title="Links and deletion" isOpen={isOpen} onOpenChange={onOpenChange} wide className="share" isDismissable={!deleted} closeButton={!deleted}>
          {deleted ? (
            <>
              <p className="ds_leader" role="status">“{title}” has been deleted, with everything in it.</p>
              <a className="ds_button" href="/">Go to the start page</a>
            </>
          ) : (
            <>
              {error ? <p className="ds_question__error-message" role="alert">{error}</p> : null}
              <h3>Make a new link</h3>
              <p>If a link has reached someone it should not have, make a new one. The old link stops working at once and anyone using it is disconnected; send the new link to the people who should have it.</p>
              <ul className="share__roles">
                {ROLES.map((role) => (
                  <li key={role} className="share__role">
                    <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => void rotate(role)}>
                      New {ROLE_LABELS[role].toLowerCase()} link
                    </button>
                    {fresh[role] ? (
                      <span className="share__fresh">
                        <label className="ds_label" htmlFor={`share-${role}`}>New {ROLE_LABELS[role].toLowerCase()} link</label>
                        <input id={`share-${role}`} className="ds_input" readOnly value={fresh[role]} onFocus={(e) => e.currentTarget.select()} />
                        <CopyLinkButton text={fresh[role]!} fieldId={`share-${role}`} what={`new ${ROLE_LABELS[role].toLowerCase()} link`} />
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
              <h3>Delete this workshop</h3>
              <form onSubmit={remove} noValidate>
                <p>Deletes the board, its history, votes and links from this server for good. Export the report first if you need it.</p>
                <label className="ds_label" htmlFor="share-delete">Type <strong>delete</strong> to confirm</label>
                <input id="share-delete" className="ds_input ds_input--fixed-10" autoComplete="off" value={confirmText} onChange={(e) => setConfirmText(e.target.value)} />
                <button type="submit" className="ds_button ds_button--warning">Delete the workshop</button>
              </form>
            </>
          )}
    </ModalDialog>
  );
}
