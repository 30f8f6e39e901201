import { useState, type MouseEvent } from 'react';
import { mayExport as roleMayExport } from '../../shared/roles.js';
import { useMay } from '../session/useMay.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useMeta } from '../collab/useBoards.js';
import { LaterBoundary, useOnceTrue } from '../lib/later.js';
import { ExportDialog, HistoryDialog, LanguagePanel, PublishDialog, ShareDialog } from './laterParts.js';
import { usePublication } from '../publish/usePublication.js';
import { PublishedLink } from '../publish/PublishedLink.js';
import { VIEWS, VIEW_LABELS, viewHref, useViewNavigation, type View } from './views.js';
import '../styles/nav.css';

/** Board · Setup · Fieldwork: real links, so they work with every keyboard and reader. */
export function ViewNav({ secret, readersMayExport: initiallyAllowed }: { secret: string; readersMayExport: boolean }) {
  const { view, go } = useViewNavigation();
  const { role, doc, id } = useWorkshop();
  // Whether the report is public, for everyone to see; the host publishes from its dialog.
  const { publication, set: setPublication } = usePublication(id, secret);
  const [publishing, setPublishing] = useState(false);
  const publishDrawn = useOnceTrue(publishing);
  const allowed = useMay();
  const meta = useMeta(doc);
  const [readersMayExport, setReadersMayExport] = useState(initiallyAllowed);
  const mayExport = roleMayExport(role, readersMayExport);
  const [exporting, setExporting] = useState(false);
  const [checking, setChecking] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [sharing, setSharing] = useState(false);
  // Each dialog's code comes after the board's (laterParts.ts): drawn from its first opening.
  const exportDrawn = useOnceTrue(exporting);
  const checkDrawn = useOnceTrue(checking);
  const historyDrawn = useOnceTrue(historyOpen);
  const shareDrawn = useOnceTrue(sharing);
  const open = (e: MouseEvent<HTMLAnchorElement>, next: View) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    go(next);
  };
  return (
    <nav className="view-nav" aria-label="Workshop sections">
      <ul className="view-nav__list">
        {VIEWS.map((v) => (
          <li key={v}>
            <a className="view-nav__link" href={viewHref(v)} aria-current={v === view ? 'page' : undefined} onClick={(e) => open(e, v)}>
              {VIEW_LABELS[v]}
            </a>
          </li>
        ))}
      </ul>
      <div className="view-nav__actions">
        <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => setChecking(true)}>
          Check the language
        </button>
        <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => setHistoryOpen(true)}>
          History
        </button>
        {mayExport ? (
          <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => setExporting(true)}>
            Export
          </button>
        ) : null}
        {allowed({ kind: 'links.manage' }) ? (
          <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => setSharing(true)}>
            Links
          </button>
        ) : null}
        {allowed({ kind: 'report.publish' }) ? (
          <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => setPublishing(true)}>
            Publish
          </button>
        ) : null}
        <PublishedLink publication={publication} />
      </div>
      {allowed({ kind: 'report.publish' }) && publishDrawn ? (
        <LaterBoundary waiting="Opening publishing…">
          <PublishDialog isOpen={publishing} onOpenChange={setPublishing} secret={secret} publication={publication} onChange={setPublication} />
        </LaterBoundary>
      ) : null}
      {historyDrawn ? (
        <LaterBoundary waiting="Opening the history…">
          <HistoryDialog isOpen={historyOpen} onOpenChange={setHistoryOpen} secret={secret} />
        </LaterBoundary>
      ) : null}
      {allowed({ kind: 'links.manage' }) && shareDrawn ? (
        <LaterBoundary waiting="Opening the links…">
          <ShareDialog isOpen={sharing} onOpenChange={setSharing} secret={secret} title={meta.title} />
        </LaterBoundary>
      ) : null}
      {checkDrawn ? (
        <LaterBoundary waiting="Opening the language check…">
          <LanguagePanel isOpen={checking} onOpenChange={setChecking} />
        </LaterBoundary>
      ) : null}
      {mayExport && exportDrawn ? (
        <LaterBoundary waiting="Opening the export…">
          <ExportDialog isOpen={exporting} onOpenChange={setExporting} secret={secret}
            readersMayExport={readersMayExport} onReadersMayExportChange={setReadersMayExport} onCheckLanguage={() => { setExporting(false); setChecking(true); }} />
        </LaterBoundary>
      ) : null}
    </nav>
  );
}
