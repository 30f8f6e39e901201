import { useEffect, useState, type FormEvent } from 'react';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { fetchWorkshopProgramme, joinProgramme, leaveProgramme } from './programmeRequests.js';
import '../styles/programme.css';

/**
 * The host joins the workshop to a programme with the code its coordinator gave, or takes
 * it out again. Shown only to those the rules table allows (programme.join: the host).
 */
export function ProgrammeSection() {
  const { id, secret } = useWorkshop();
  const announce = useAnnounce();
  const [programme, setProgramme] = useState<{ name: string } | null | undefined>(undefined);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void fetchWorkshopProgramme(id, secret).then((r) => {
      if (!current) return;
      if (r.ok) setProgramme(r.data.programme);
      else setError(r.message);
    });
    return () => {
      current = false;
    };
  }, [id, secret]);

  async function join(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (!code.trim()) {
      setError('Enter the programme code the coordinator sent you, such as “ABCDE-FGHJK”.');
      return;
    }
    setBusy(true);
    const r = await joinProgramme(id, secret, code.trim());
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setCode('');
    setProgramme(r.data.programme);
    announce(`This workshop is now in the programme “${r.data.programme?.name ?? ''}”.`);
  }

  async function leave() {
    setError(null);
    const r = await leaveProgramme(id, secret);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    announce(`This workshop has left the programme “${programme?.name ?? ''}”.`);
    setProgramme(null);
  }

  return (
    <section className="setup-section" aria-labelledby="setup-programme">
      <h3 id="setup-programme">Programme</h3>
      <p className="ds_hint-text">
        A programme’s coordinator sees, for each workshop in it: its title, host authority, dates, focus and phase, whether the report is published,
        how many people answered the survey (and the survey’s figures once five have), and how many actions are done, under way or not started. Never the
        cards, the names of people or the links.
      </p>
      {error ? (
        <p className="ds_error-message" id="programme-code-error" role="alert">
          {error}
        </p>
      ) : null}
      {programme === undefined ? null : programme ? (
        <>
          <p>
            This workshop is in the programme <strong>“{programme.name}”</strong>.
          </p>
          <button type="button" className="ds_button ds_button--secondary" onClick={() => void leave()}>
            Leave the programme
          </button>
        </>
      ) : (
        <form className="programme-join" onSubmit={(e) => void join(e)} noValidate>
          <label className="ds_label" htmlFor="programme-code">
            Programme code
          </label>
          <p className="ds_hint-text" id="programme-code-hint">
            The code the programme’s coordinator sent you, such as “ABCDE-FGHJK”.
          </p>
          <input
            id="programme-code"
            className="ds_input ds_input--fixed-20"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            aria-describedby={error ? 'programme-code-hint programme-code-error' : 'programme-code-hint'}
            aria-invalid={error ? true : undefined}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <button type="submit" className="ds_button ds_button--secondary" aria-disabled={busy || undefined}>
            {busy ? 'Joining…' : 'Join the programme'}
          </button>
        </form>
      )}
    </section>
  );
}
