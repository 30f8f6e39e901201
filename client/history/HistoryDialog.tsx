import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ModalDialog } from '../ui/ModalDialog.js';
import * as Y from 'yjs';
import type { VersionInfoBody } from '../../shared/api.js';
import { readReport } from '../../shared/model/index.js';
import { selectReport } from '../../shared/export/report.js';
import { reportToHtml } from '../../shared/export/html.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useMay } from '../session/useMay.js';
import { useAnnounce } from '../ui/Announcer.js';
import { fetchVersion, listVersions, restoreVersion, saveVersion } from './historyRequests.js';

const KIND_LABELS: Record<VersionInfoBody['kind'], string> = {
  auto: 'Saved automatically',
  named: 'Named version',
  phase: 'Phase change',
  'before-restore': 'Saved before a restore',
};

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/**
 * Past versions of the workshop. Anyone can look at one (read-only, as the report with
 * drafts); the host and facilitator save named versions and restore. A restore is a new
 * change on top, and the version just before it is kept, so it can be undone.
 */
export function HistoryDialog({ isOpen, onOpenChange, secret }: { isOpen: boolean; onOpenChange: (open: boolean) => void; secret: string }) {
  const { id, user } = useWorkshop();
  const announce = useAnnounce();
  const allowed = useMay();
  // Saving and restoring versions, as the rules table says (a restore in the Agreed phase is the host's alone).
  const maySave = allowed({ kind: 'version.save' });
  const mayRestore = allowed({ kind: 'version.restore' });
  const [versions, setVersions] = useState<VersionInfoBody[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [viewing, setViewing] = useState<{ info: VersionInfoBody; html: string } | null>(null);
  const [confirming, setConfirming] = useState<VersionInfoBody | null>(null);

  const load = useCallback(async () => {
    const r = await listVersions(id, secret);
    if (r.ok) setVersions(r.data.versions);
    else setError(r.message);
  }, [id, secret]);
  useEffect(() => {
    if (!isOpen) return;
    setViewing(null);
    setConfirming(null);
    setError(null);
    void load();
  }, [isOpen, load]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const r = await saveVersion(id, secret, name, user.name);
    if (!r.ok) return setError(r.message);
    setName('');
    announce(`Saved the version “${r.data.name}”`);
    void load();
  }
  async function view(info: VersionInfoBody) {
    setError(null);
    const r = await fetchVersion(id, secret, info.id);
    if (!r.ok) return setError(r.message);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Uint8Array.from(atob(r.data.state), (c) => c.charCodeAt(0)));
    setViewing({ info, html: reportToHtml(selectReport(readReport(doc), 'all')) });
    doc.destroy();
  }
  async function restore(info: VersionInfoBody) {
    setError(null);
    const r = await restoreVersion(id, secret, info.id, user.name);
    setConfirming(null);
    if (!r.ok) return setError(r.message);
    announce(`Restored “${info.name}”. To undo, restore “${r.data.undo.name}”.`);
    void load();
  }

  return (
    <ModalDialog title="History" isOpen={isOpen} onOpenChange={onOpenChange} wide className="history">
          {error ? <p className="ds_question__error-message" role="alert">{error}</p> : null}
          {maySave ? (
            <form className="history__save" onSubmit={save}>
              <label className="ds_label" htmlFor="history-name">Name this version</label>
              <p className="ds_hint-text" id="history-name-hint">For example “End of Part 1”. Cairn also saves versions every few minutes and at each phase change.</p>
              <input id="history-name" className="ds_input ds_input--fixed-20" aria-describedby="history-name-hint" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
              <button type="submit" className="ds_button ds_button--small">Save this version</button>
            </form>
          ) : null}
          {viewing ? (
            <section aria-labelledby="history-viewing">
              <h3 id="history-viewing">{viewing.info.name}, {when(viewing.info.createdAt)} (read-only)</h3>
              <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => setViewing(null)}>Back to the list</button>
              {/* A sandboxed frame: the report's own CSP forbids scripts too. */}
              <iframe className="history__frame" title={`The board as it was: ${viewing.info.name}`} sandbox="" srcDoc={viewing.html} />
            </section>
          ) : versions === null ? (
            <p role="status">Loading the history…</p>
          ) : versions.length === 0 ? (
            <p>No versions yet. Cairn saves one every few minutes while people work.</p>
          ) : (
            <ol className="history__list" aria-label="Versions, newest first">
              {versions.map((v) => (
                <li key={v.id} className="history__item">
                  <span>
                    <strong>{v.name}</strong> · {when(v.createdAt)}{v.createdBy ? ` · ${v.createdBy}` : ''}
                    {KIND_LABELS[v.kind] !== v.name ? <span className="ds_hint-text"> {KIND_LABELS[v.kind]}</span> : null}
                  </span>
                  <span className="history__actions">
                    <button type="button" className="link-button" onClick={() => void view(v)}>
                      View<span className="visually-hidden"> {v.name}, {when(v.createdAt)}</span>
                    </button>
                    {mayRestore ? (
                      confirming?.id === v.id ? (
                        <>
                          <span>Everyone’s board will change to this version.</span>
                          <button type="button" className="ds_button ds_button--small ds_button--warning" onClick={() => void restore(v)}>Yes, restore it</button>
                          <button type="button" className="ds_button ds_button--small ds_button--secondary" onClick={() => setConfirming(null)}>Cancel</button>
                        </>
                      ) : (
                        <button type="button" className="link-button" onClick={() => setConfirming(v)}>
                          Restore<span className="visually-hidden"> {v.name}, {when(v.createdAt)}</span>
                        </button>
                      )
                    ) : null}
                  </span>
                </li>
              ))}
            </ol>
          )}
    </ModalDialog>
  );
}
