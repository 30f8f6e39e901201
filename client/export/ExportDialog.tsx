import { useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { downloadExport } from './download.js';

/** The formats the server can make now, with what each is for. */
const FORMATS = [
  { id: 'docx', label: 'Word (.docx)', hint: 'The report with real headings, lists and tables, ready to edit and publish.' },
  { id: 'html', label: 'Web page (.html)', hint: 'Print it and choose “Save as PDF” for a clean PDF with page numbers.' },
  { id: 'md', label: 'Markdown (.md)', hint: 'The report as plain text with headings; it can be imported back into Cairn.' },
  { id: 'csv', label: 'Actions table (.csv)', hint: 'Section 6 for a spreadsheet or an improvement plan.' },
  { id: 'json', label: 'Complete backup (.json)', hint: 'Everything in the workshop, to keep or to move to another server.' },
] as const;

interface ExportDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  secret: string;
  onCheckLanguage: () => void;
}

export function ExportDialog({ isOpen, onOpenChange, secret, onCheckLanguage }: ExportDialogProps) {
  const { id } = useWorkshop();
  const announce = useAnnounce();
  const [format, setFormat] = useState<string>('docx');
  const [include, setInclude] = useState<'agreed' | 'all'>('agreed');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const name = await downloadExport({ workshopId: id, secret, format, include });
      announce(`Downloaded ${name}`);
      onOpenChange(false);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const radio = (group: string, value: string, label: string, checked: boolean, onChange: () => void, hint?: string) => (
    <div className="ds_radio ds_radio--small" key={value}>
      <input className="ds_radio__input" type="radio" id={`export-${group}-${value}`} name={`export-${group}`} checked={checked} onChange={onChange}
        aria-describedby={hint ? `export-${group}-${value}-hint` : undefined} />
      <label className="ds_radio__label" htmlFor={`export-${group}-${value}`}>{label}</label>
      {hint ? <p className="ds_hint-text export-hint" id={`export-${group}-${value}-hint`}>{hint}</p> : null}
    </div>
  );

  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={!busy}>
      <Modal className="modal">
        <Dialog className="modal__dialog">
          <Heading slot="title" className="modal__title">Export the report</Heading>
          <p>
            Before you export, you can{' '}
            <button type="button" className="link-button" onClick={onCheckLanguage}>check the language of the findings</button>.
          </p>
          <form onSubmit={submit}>
            <fieldset className="export-group">
              <legend className="ds_label">Format</legend>
              {FORMATS.map((f) => radio('format', f.id, f.label, format === f.id, () => setFormat(f.id), f.hint))}
            </fieldset>
            <fieldset className="export-group">
              <legend className="ds_label">What to include</legend>
              {radio('include', 'agreed', 'Agreed findings and actions only', include === 'agreed', () => setInclude('agreed'))}
              {radio('include', 'all', 'Drafts too, marked “Draft”', include === 'all', () => setInclude('all'))}
            </fieldset>
            {error ? <p className="ds_question__error-message" role="alert">{error}</p> : null}
            <div className="ds_button-group">
              <button type="submit" className="ds_button" aria-disabled={busy || undefined} disabled={busy}>
                {busy ? 'Preparing the file…' : 'Download'}
              </button>
              <button type="button" className="ds_button ds_button--secondary" onClick={() => onOpenChange(false)}>Cancel</button>
            </div>
            <p className="visually-hidden" role="status">{busy ? 'Preparing the file…' : ''}</p>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
