import { useMemo, useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { downloadExport } from './download.js';
import { readReport, type ReportSnapshot } from '../../shared/model/index.js';
import { checkLanguage } from '../../shared/language/check.js';
import { saveWorkshopSettings } from '../lib/api.js';
import { may } from '../../shared/rules/rules.js';
import { useSession } from '../session/SessionContext.js';
import { SurveyAppendixOption, useSurveyResponses } from '../survey/SurveyAppendixOption.js';

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
  readersMayExport: boolean;
  onReadersMayExportChange: (allowed: boolean) => void;
}

/** Formats that hold the report's findings (and so can group them by theme and cite evidence). */
const REPORT_FORMATS = new Set(['docx', 'html', 'md']);
/** Formats laid out as pages, which a contents list helps. */
const PAGED_FORMATS = new Set(['docx', 'html']);

/** "5 of 8 findings and 0 of 3 actions": what an export of agreed items only will hold. */
function agreedSoFar(report: ReportSnapshot): { text: string; noActions: boolean } {
  const findings = [...report.strengths, ...report.areas];
  const agreed = (cards: { status: string }[]) => cards.filter((c) => c.status === 'agreed').length;
  const actions = agreed(report.actions);
  return {
    text: `Agreed so far: ${agreed(findings)} of ${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} and ${actions} of ${report.actions.length} ${report.actions.length === 1 ? 'action' : 'actions'}.`,
    noActions: report.actions.length > 0 && actions === 0,
  };
}

export function ExportDialog({ isOpen, onOpenChange, secret, onCheckLanguage, readersMayExport, onReadersMayExportChange }: ExportDialogProps) {
  const { id, doc, role } = useWorkshop();
  const announce = useAnnounce();
  const [format, setFormat] = useState<string>('docx');
  const [include, setInclude] = useState<'agreed' | 'all'>('agreed');
  const [groupByTheme, setGroupByTheme] = useState(false);
  const [citeEvidence, setCiteEvidence] = useState(true);
  const [contents, setContents] = useState(false);
  const [withSurvey, setWithSurvey] = useState(false);
  const { state: session } = useSession();
  const surveyResponses = useSurveyResponses(id, secret, isOpen && may(role, session.phase, { kind: 'survey.results' }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [settingError, setSettingError] = useState<string | null>(null);
  // Read each time the dialog opens, so the advice and the counts are seen before every export.
  const report = useMemo(() => (isOpen ? readReport(doc) : null), [isOpen, doc]);
  const language = useMemo(() => (report ? checkLanguage(report) : null), [report]);
  const soFar = report ? agreedSoFar(report) : null;

  async function allowReaders(allowed: boolean) {
    setSettingError(null);
    const result = await saveWorkshopSettings(id, secret, { readersMayExport: allowed });
    if (result.ok) {
      onReadersMayExportChange(result.data.readersMayExport);
      announce(allowed ? 'Participants and readers can now export the report.' : 'Only the host and facilitator can export the report now.');
    } else setSettingError(result.message);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const name = await downloadExport({
        workshopId: id,
        secret,
        format,
        include,
        groupByTheme: groupByTheme && REPORT_FORMATS.has(format),
        citeEvidence: citeEvidence || !REPORT_FORMATS.has(format),
        contents: contents && PAGED_FORMATS.has(format),
        survey: withSurvey && REPORT_FORMATS.has(format),
      });
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
          {language ? (
            <div className="export-language" role="note" aria-labelledby="export-language-title">
              <h3 id="export-language-title" className="export-language__title">
                {language.issues.length === 0 ? 'The language check found nothing to look at' : `The language check found ${language.issues.length} ${language.issues.length === 1 ? 'thing' : 'things'} to look at`}
              </h3>
              {language.issues.length ? (
                <ul className="export-language__issues">
                  {language.issues.slice(0, 3).map((i, n) => <li key={n}>{i.message}</li>)}
                  {language.issues.length > 3 ? <li>and {language.issues.length - 3} more</li> : null}
                </ul>
              ) : null}
              <p className="ds_hint-text">
                This is advice; you can export anyway.{' '}
                <button type="button" className="link-button" onClick={onCheckLanguage}>See the full language check</button>
              </p>
            </div>
          ) : null}
          <form onSubmit={submit}>
            <fieldset className="export-group">
              <legend className="ds_label">Format</legend>
              {FORMATS.map((f) => radio('format', f.id, f.label, format === f.id, () => setFormat(f.id), f.hint))}
            </fieldset>
            <fieldset className="export-group">
              <legend className="ds_label">What to include</legend>
              {radio('include', 'agreed', 'Agreed findings and actions only', include === 'agreed', () => setInclude('agreed'),
                soFar ? `${soFar.text}${soFar.noActions ? ' No action is agreed yet: section 6 will say so.' : ''}` : undefined)}
              {radio('include', 'all', 'Drafts too, marked “Draft”', include === 'all', () => setInclude('all'))}
            </fieldset>
            {REPORT_FORMATS.has(format) ? (
              <div className="ds_checkbox ds_checkbox--small">
                <input className="ds_checkbox__input" type="checkbox" id="export-group-theme" checked={groupByTheme}
                  onChange={(e) => setGroupByTheme(e.target.checked)} aria-describedby="export-group-theme-hint" />
                <label className="ds_checkbox__label" htmlFor="export-group-theme">Group findings by theme</label>
                <p className="ds_hint-text export-hint" id="export-group-theme-hint">Each theme becomes a sub-heading, with its findings numbered in turn.</p>
              </div>
            ) : null}
            {REPORT_FORMATS.has(format) ? (
              <div className="ds_checkbox ds_checkbox--small">
                <input className="ds_checkbox__input" type="checkbox" id="export-evidence" checked={citeEvidence}
                  onChange={(e) => setCiteEvidence(e.target.checked)} aria-describedby="export-evidence-hint" />
                <label className="ds_checkbox__label" htmlFor="export-evidence">Cite the evidence for each finding</label>
                <p className="ds_hint-text export-hint" id="export-evidence-hint">
                  Names the focus groups and other fieldwork each finding rests on, with their dates. Keep it for the team’s own copy; you may leave it out of the version you publish.
                </p>
              </div>
            ) : null}
            {PAGED_FORMATS.has(format) ? (
              <div className="ds_checkbox ds_checkbox--small">
                <input className="ds_checkbox__input" type="checkbox" id="export-contents" checked={contents}
                  onChange={(e) => setContents(e.target.checked)} aria-describedby="export-contents-hint" />
                <label className="ds_checkbox__label" htmlFor="export-contents">Start with a contents list</label>
                <p className="ds_hint-text export-hint" id="export-contents-hint">
                  {format === 'docx'
                    ? 'Every section, finding and action, with its page. Word asks to update the page numbers when it opens the file.'
                    : 'Every section, finding and action, each linked to its place in the page.'}
                </p>
              </div>
            ) : null}
            {REPORT_FORMATS.has(format) ? <SurveyAppendixOption responses={surveyResponses} checked={withSurvey} onChange={setWithSurvey} /> : null}
            {role === 'host' ? (
              <div className="ds_checkbox ds_checkbox--small">
                <input className="ds_checkbox__input" type="checkbox" id="export-readers" checked={readersMayExport}
                  onChange={(e) => void allowReaders(e.target.checked)} aria-describedby="export-readers-hint" />
                <label className="ds_checkbox__label" htmlFor="export-readers">Let participants and readers export the report too</label>
                <p className="ds_hint-text export-hint" id="export-readers-hint">Applies from now on; it does not change who can edit the board.</p>
                {settingError ? <p className="ds_question__error-message" role="alert">{settingError}</p> : null}
              </div>
            ) : null}
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
