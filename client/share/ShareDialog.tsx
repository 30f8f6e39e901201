import { useState, type FormEvent } from 'react';
import { ModalDialog } from '../ui/ModalDialog.js';
import { ROLES, ROLE_LABELS, type Role } from '../../shared/roles.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { apiCall, withKey } from '../lib/api.js';
import { useViewNavigation } from '../workshop/views.js';
import { useCurrentLinks } from './useCurrentLinks.js';
import { RoleLinkRow } from './RoleLinkRow.js';
import { PersonalLinksList } from './PersonalLinksList.js';
import { DownloadLinksButton } from './DownloadLinksButton.js';
import { HOST_LINK_WARNING } from './roleLinks.js';
import '../styles/links.css';

/**
 * The host's links, to see and copy again whenever they are needed; a new link for a
 * role when one has reached the wrong people (a second, explained step: everyone using
 * the old one is disconnected); the links as a file; and deleting the workshop for good.
 */
export function ShareDialog({ isOpen, onOpenChange, secret, title }: { isOpen: boolean; onOpenChange: (open: boolean) => void; secret: string; title: string }) {
  const { id } = useWorkshop();
  const announce = useAnnounce();
  const { go } = useViewNavigation();
  const { current, error, renew } = useCurrentLinks(id, secret, isOpen);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [confirmText, setConfirmText] = useState('');
  const [deleted, setDeleted] = useState(false);

  async function renewLink(role: Role): Promise<boolean> {
    const link = await renew(role);
    if (!link) return false;
    if (role === 'host') {
      // The new host link replaces the one this page opened with: open the page again with it.
      window.location.replace(link);
      window.location.reload();
      return true;
    }
    announce(`A new ${ROLE_LABELS[role].toLowerCase()} link is ready. The old one no longer works.`);
    return true;
  }

  async function remove(e: FormEvent) {
    e.preventDefault();
    setDeleteError(null);
    if (confirmText.trim() !== 'delete') return setDeleteError('Type the word delete to confirm.');
    const r = await apiCall(`/api/workshops/${encodeURIComponent(id)}`, withKey(secret, { method: 'DELETE' }));
    if (!r.ok) return setDeleteError(r.message);
    setDeleted(true);
  }

  if (deleted) {
    return (
      <ModalDialog title="Links and deletion" isOpen={isOpen} onOpenChange={onOpenChange} wide className="share" isDismissable={false} closeButton={false}>
        <p className="ds_leader" role="status">
          “{title}” has been deleted, with everything in it.
        </p>
        <a className="ds_button" href="/">
          Go to the start page
        </a>
      </ModalDialog>
    );
  }

  return (
    <ModalDialog title="Links and deletion" isOpen={isOpen} onOpenChange={onOpenChange} wide className="share">
      <p>Send each person only the link for what they will do: anyone with a link can open the workshop in that role.</p>
      {error ? (
        <p className="ds_question__error-message" role="alert">
          {error}
        </p>
      ) : null}
      {current.state === 'loading' ? (
        <p role="status">Fetching the links…</p>
      ) : current.state === 'failed' ? (
        <p className="ds_question__error-message" role="alert">
          The links could not be shown. {current.message}
        </p>
      ) : (
        <>
          <p className="links-host-note">{HOST_LINK_WARNING}</p>
          <ul className="join-links links-list">
            {ROLES.map((role) => (
              <RoleLinkRow key={role} role={role} link={current.links[role]} onRenew={renewLink} />
            ))}
          </ul>
          <p className="ds_hint-text">
            Make a new link only when a link has reached someone it should not have: the old one stops working and everyone using it is disconnected.
          </p>
          <PersonalLinksList
            people={current.people}
            onOpenSetup={() => {
              onOpenChange(false);
              go('setup', 'person-name');
            }}
          />
          <h3>Keep a copy</h3>
          <DownloadLinksButton
            title={title}
            links={current.links}
            people={current.people.filter((p) => p.source === 'invited').map((p) => ({ name: p.name, link: p.link }))}
          />
        </>
      )}
      <h3>Delete this workshop</h3>
      <form onSubmit={remove} noValidate>
        <p>Deletes the board, its history, votes and links from this server for good. Export the report first if you need it.</p>
        {deleteError ? (
          <p className="ds_question__error-message" role="alert">
            {deleteError}
          </p>
        ) : null}
        <label className="ds_label" htmlFor="share-delete">
          Type <strong>delete</strong> to confirm
        </label>
        <input id="share-delete" className="ds_input ds_input--fixed-10" autoComplete="off" value={confirmText} onChange={(e) => setConfirmText(e.target.value)} />
        <button type="submit" className="ds_button ds_button--warning">
          Delete the workshop
        </button>
      </form>
    </ModalDialog>
  );
}
