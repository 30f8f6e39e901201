import { useState, type FormEvent } from 'react';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { fetchWorkshopInfo, importWorkshop } from '../lib/api.js';

const MAX_BYTES = 5 * 1024 * 1024;

/** Start from a report: a Cairn backup (.json) or a Markdown outline (.md) becomes a new workshop. */
export function ImportWorkshopForm({ onImported }: { onImported: (title: string, response: CreateWorkshopResponse) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return setError('Choose a file first.');
    if (file.size > MAX_BYTES) return setError('The file is larger than 5 MB. Choose a smaller file.');
    setBusy(true);
    setError(null);
    const result = await importWorkshop(file);
    if (!result.ok) {
      setBusy(false);
      return setError(result.message);
    }
    // The workshop is named by the title inside the file, which only the server has read:
    // ask the new workshop, with its host link. The file's name stands in if that fails.
    const info = await fetchWorkshopInfo(result.data.id, result.data.tokens.host);
    setBusy(false);
    onImported(info.ok && info.data.title.trim() ? info.data.title : file.name.replace(/\.(json|md|markdown|txt)$/i, ''), result.data);
  }

  return (
    <form className="import-form" onSubmit={submit} aria-labelledby="import-heading" noValidate>
      <h2 id="import-heading">Or start from a report</h2>
      <div className={`ds_question${error ? ' ds_question--error' : ''}`}>
        <label className="ds_label" htmlFor="import-file">A Cairn backup (.json) or a Markdown outline (.md)</label>
        <p className="ds_hint-text" id="import-file-hint">
          In an outline, give each board a level-2 heading (## What is working well, ## Areas for development, ## Towards action) and each finding a level-3 heading (###).
        </p>
        {error ? <p className="ds_question__error-message" id="import-file-error" role="alert">{error}</p> : null}
        <input id="import-file" type="file" accept=".json,.md,.markdown,.txt,application/json,text/markdown" className="import-form__file"
          aria-describedby={`import-file-hint${error ? ' import-file-error' : ''}`} onChange={(e) => { setFile(e.target.files?.[0] ?? null); setError(null); }} />
      </div>
      <button type="submit" className="ds_button ds_button--secondary" disabled={busy}>{busy ? 'Importing…' : 'Import'}</button>
    </form>
  );
}
