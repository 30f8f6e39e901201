import { useState } from 'react';
import { ModalDialog } from '../ui/ModalDialog.js';
import { CopyLinkButton } from '../start/CopyLinkButton.js';
import { useAnnounce } from '../ui/Announcer.js';
import { eraseProgramme, newCoordinatorLink } from './programmeRequests.js';
import { forgetCoordinatorKey, keepCoordinatorKey } from './programmeLink.js';

/** A new coordinator link (the old one stops working), and erasing the programme: each asked for in a dialog first. */
export function CoordinatorTools({ id, name, secret, onNewKey, onErased }: { id: string; name: string; secret: string; onNewKey: (key: string) => void; onErased: () => void }) {
  const announce = useAnnounce();
  const [asking, setAsking] = useState<'link' | 'erase' | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function rotate() {
    setError(null);
    const r = await newCoordinatorLink(id, secret);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    const key = new URL(r.data.link).hash.replace('#k=', '');
    keepCoordinatorKey(id, key);
    setLink(r.data.link);
    onNewKey(key);
    announce('Made a new coordinator link. The old one no longer works.');
  }

  async function erase() {
    setError(null);
    const r = await eraseProgramme(id, secret);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    forgetCoordinatorKey(id);
    setAsking(null);
    onErased();
  }

  return (
    <section aria-labelledby="programme-tools">
      <h2 id="programme-tools">The coordinator link</h2>
      <p>Anyone with the coordinator link sees this overview. If it has been shared by mistake or lost, make a new one: the old link stops working at once.</p>
      <div className="ds_button-group">
        <button type="button" className="ds_button ds_button--secondary" onClick={() => { setLink(null); setAsking('link'); }}>
          Make a new coordinator link
        </button>
        <button type="button" className="ds_button ds_button--secondary programme-erase" onClick={() => setAsking('erase')}>
          Erase this programme
        </button>
      </div>
      {error && !asking ? <p className="ds_error-message" role="alert">{error}</p> : null}
      <ModalDialog title="Make a new coordinator link?" isOpen={asking === 'link'} onOpenChange={(open) => !open && setAsking(null)} closeButton={false}>
        {link ? (
          <>
            <p>This is the new coordinator link, shown this once. Copy it somewhere safe now.</p>
            <label className="ds_label" htmlFor="new-coordinator-link">New coordinator link</label>
            <div className="join-links__row">
              <input id="new-coordinator-link" className="ds_input join-links__url" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
              <CopyLinkButton text={link} fieldId="new-coordinator-link" what="new coordinator link" />
            </div>
            <div className="ds_button-group">
              <button type="button" className="ds_button" onClick={() => setAsking(null)}>Done</button>
            </div>
          </>
        ) : (
          <>
            <p>The link you opened this page with will stop working, on every device. This browser keeps the new one.</p>
            {error ? <p className="ds_error-message" role="alert">{error}</p> : null}
            <div className="ds_button-group">
              <button type="button" className="ds_button" onClick={() => void rotate()}>Make a new link</button>
              <button type="button" className="ds_button ds_button--secondary" onClick={() => setAsking(null)}>Cancel</button>
            </div>
          </>
        )}
      </ModalDialog>
      <ModalDialog title={`Erase “${name}”?`} isOpen={asking === 'erase'} onOpenChange={(open) => !open && setAsking(null)} closeButton={false}>
        <p>The programme, its code and its coordinator link are erased for good. Its workshops are not touched: each carries on as it is, in no programme.</p>
        {error ? <p className="ds_error-message" role="alert">{error}</p> : null}
        <div className="ds_button-group">
          <button type="button" className="ds_button programme-erase" onClick={() => void erase()}>Erase the programme</button>
          <button type="button" className="ds_button ds_button--secondary" onClick={() => setAsking(null)}>Cancel</button>
        </div>
      </ModalDialog>
    </section>
  );
}
