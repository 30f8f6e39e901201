import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PROGRAMME_NAME_MAX, createProgrammeSchema, type ProgrammeCreatedResponse } from '../../shared/programme/programme.js';
import { CopyLinkButton } from '../start/CopyLinkButton.js';
import { startProgramme } from './programmeRequests.js';
import '../styles/links.css';
import '../styles/programme.css';

/**
 * Starting a programme from the start page: a name, then the coordinator's link, shown
 * this once (only its hash is kept), and the code to send to hosts.
 */
export function StartProgrammeSection() {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ProgrammeCreatedResponse | null>(null);
  const ready = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (created) ready.current?.focus();
  }, [created]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const parsed = createProgrammeSchema.safeParse({ name });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Give the programme a name.');
      return;
    }
    setError(null);
    setBusy(true);
    const r = await startProgramme(parsed.data.name);
    setBusy(false);
    if (r.ok) setCreated(r.data);
    else setError(`The programme was not started. ${r.message}`);
  }

  if (created) {
    return (
      <section className="programme-start" aria-labelledby="programme-ready">
        <h2 id="programme-ready" ref={ready} tabIndex={-1}>
          Your programme “{created.name}” is ready
        </h2>
        <div className="ds_warning-text">
          <strong className="ds_warning-text__icon" aria-hidden="true"></strong>
          <strong className="visually-hidden">Warning</strong>
          <div className="ds_warning-text__text">
            This is the only time the coordinator link is shown. Copy it somewhere safe now: anyone with it sees the programme’s overview. If it is lost or
            shared by mistake, open the programme and make a new one.
          </div>
        </div>
        <label className="ds_label" htmlFor="coordinator-link">
          Coordinator link
        </label>
        <div className="join-links__row">
          <input id="coordinator-link" className="ds_input join-links__url" type="text" readOnly value={created.link} onFocus={(e) => e.currentTarget.select()} />
          <CopyLinkButton text={created.link} fieldId="coordinator-link" what="coordinator link" />
        </div>
        <p>
          Send hosts the programme code <strong className="programme-code">{created.code}</strong>. A workshop’s host enters it in the workshop’s Setup to join
          the programme.
        </p>
        <a className="ds_button" href={created.link}>
          Open the programme
        </a>
      </section>
    );
  }

  return (
    <form className="programme-start" onSubmit={(e) => void submit(e)} aria-labelledby="programme-start-heading" noValidate>
      <h2 id="programme-start-heading">Or start a programme</h2>
      <p>
        A programme gathers several workshops, for example “Collaborative Improvement 2026–27”. Its coordinator sees a table of the workshops’ progress and
        the survey’s results across them, never what is written on their boards.
      </p>
      <div className={`ds_question${error ? ' ds_question--error' : ''}`}>
        <label className="ds_label" htmlFor="programme-name">
          Programme name
        </label>
        {error ? (
          <p className="ds_question__error-message" id="programme-name-error" role="alert">
            {error}
          </p>
        ) : null}
        <input
          id="programme-name"
          className={`ds_input${error ? ' ds_input--error' : ''}`}
          maxLength={PROGRAMME_NAME_MAX}
          value={name}
          aria-describedby={error ? 'programme-name-error' : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <button type="submit" className="ds_button ds_button--secondary" aria-disabled={busy || undefined}>
        {busy ? 'Starting the programme…' : 'Start a programme'}
      </button>
    </form>
  );
}
