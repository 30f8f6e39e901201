import { useMemo, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { PublicationResponse } from '../../shared/libraryApi.js';
import { readReport } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { longDate, publishReport, withdrawReport } from './publicationRequests.js';

interface PublishDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  secret: string;
  publication: PublicationResponse | null;
  onChange: (publication: PublicationResponse) => void;
}

/** Where the report is (or was) public, in words. */
export function PublicationFacts({ publication }: { publication: PublicationResponse | null }) {
  if (!publication?.path) return <p>The report is not published. Only people with a link to this workshop can see it.</p>;
  if (!publication.published) return <p>The report was withdrawn on {longDate(publication.withdrawnAt!)}. Its address now says so, and the practice library no longer holds it.</p>;
  return (
    <p>
      Published on {longDate(publication.publishedAt!)}
      {publication.firstPublishedAt && publication.firstPublishedAt.slice(0, 10) !== publication.publishedAt!.slice(0, 10) ? ` (first published ${longDate(publication.firstPublishedAt)})` : ''} at{' '}
      <a href={publication.path} target="_blank" rel="noopener">
        {publication.url}
        <span className="visually-hidden"> (opens in a new tab)</span>
      </a>
      .
    </p>
  );
}

/**
 * The host publishes the agreed report as a public page, publishes its latest version
 * (what is public is a snapshot: later edits stay private until then) or withdraws it.
 */
export function PublishDialog({ isOpen, onOpenChange, secret, publication, onChange }: PublishDialogProps) {
  const { id, doc } = useWorkshop();
  // Read each time the dialog opens: what a press of the button would publish now.
  const agreed = useMemo(() => {
    if (!isOpen) return null;
    const r = readReport(doc);
    const count = (cards: { status: string }[]) => cards.filter((c) => c.status === 'agreed').length;
    const findings = [...r.strengths, ...r.areas];
    return { findings: count(findings), allFindings: findings.length, actions: count(r.actions), allActions: r.actions.length };
  }, [isOpen, doc]);
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const published = Boolean(publication?.published);

  async function run(action: 'publish' | 'withdraw') {
    setBusy(true);
    setError(null);
    const result = action === 'publish' ? await publishReport(id, secret) : await withdrawReport(id, secret);
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return setError(result.message);
    onChange(result.data);
    announce(action === 'publish' ? `The report is published at ${result.data.url}` : 'The report is withdrawn.');
  }

  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={!busy}>
      <Modal className="modal">
        <Dialog className="modal__dialog">
          <Heading slot="title" className="modal__title">Publish the report</Heading>
          <div role="status">
            <PublicationFacts publication={publication} />
          </div>
          <p className="ds_hint-text">
            Publishing makes the agreed findings and actions public as a web page anyone can read, and adds them to the practice library. It shows the report as it is now:
            later changes to the board stay private until you publish the latest version. Nothing else of the workshop becomes public: no links, no drafts, and no names the report does not print.
          </p>
          {agreed ? (
            <p>
              Agreed now: {agreed.findings} of {agreed.allFindings} {agreed.allFindings === 1 ? 'finding' : 'findings'} and {agreed.actions} of {agreed.allActions}{' '}
              {agreed.allActions === 1 ? 'action' : 'actions'}. Only what is agreed is published.
            </p>
          ) : null}
          {error ? <p className="ds_question__error-message" role="alert">{error}</p> : null}
          {confirming ? (
            <div className="ds_inset-text">
              <p>Withdraw the report? Its address will say it was withdrawn, and its findings leave the practice library at once.</p>
              <div className="ds_button-group">
                <button type="button" className="ds_button ds_button--small" disabled={busy} onClick={() => void run('withdraw')}>Yes, withdraw it</button>
                <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => setConfirming(false)}>Keep it published</button>
              </div>
            </div>
          ) : null}
          <div className="ds_button-group">
            <button type="button" className="ds_button" disabled={busy} onClick={() => void run('publish')}>
              {busy ? 'Publishing…' : published ? 'Publish the latest version' : 'Publish the report'}
            </button>
            {published && !confirming ? (
              <button type="button" className="ds_button ds_button--secondary" disabled={busy} onClick={() => setConfirming(true)}>Withdraw the report</button>
            ) : null}
            <button type="button" className="ds_button ds_button--secondary" onClick={() => onOpenChange(false)}>Close</button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
