import { useEffect, useState, type FormEvent } from 'react';
import { PlainPage } from '../workshop/PlainPage.js';

async function resolve(code: string): Promise<{ workshopId: string; code: string } | string> {
  try {
    const res = await fetch(`/api/join/${encodeURIComponent(code)}`);
    const body = (await res.json()) as { workshopId?: string; code?: string; error?: string };
    if (res.ok && body.workshopId && body.code) return { workshopId: body.workshopId, code: body.code };
    return body.error ?? 'That code did not open a workshop. Check it and try again.';
  } catch {
    return 'Cairn could not reach its server. Check your connection, then try again.';
  }
}

/**
 * Joining from the room: /j/<code> (from the QR code) opens the workshop straight away;
 * /j asks for the code shown on the screen.
 */
export function JoinPage({ initialCode }: { initialCode: string }) {
  const [code, setCode] = useState(initialCode);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(Boolean(initialCode));

  async function open(value: string) {
    setBusy(true);
    setError(null);
    const result = await resolve(value.toUpperCase().replace(/[^A-Z0-9]/g, ''));
    if (typeof result === 'string') {
      setError(result);
      setBusy(false);
      return;
    }
    // The code is the link's key: it goes after '#', like every Cairn link.
    window.location.replace(`/w/${result.workshopId}#k=${result.code}`);
  }
  useEffect(() => {
    if (initialCode) void open(initialCode);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!code.trim()) {
      setError('Enter the code shown on the screen.');
      return;
    }
    void open(code);
  }

  return (
    <PlainPage title="Join a workshop">
      <form onSubmit={submit} noValidate>
        <div className={`ds_question${error ? ' ds_question--error' : ''}`}>
          <label className="ds_label" htmlFor="join-code">Code shown on the screen</label>
          <p className="ds_hint-text" id="join-code-hint">10 letters and numbers, for example K7MX Q2PA ZR</p>
          {error ? <p className="ds_question__error-message" id="join-code-error" role="alert">{error}</p> : null}
          <input id="join-code" className="ds_input ds_input--fixed-20" autoComplete="off" autoCapitalize="characters" spellCheck={false}
            aria-describedby={`join-code-hint${error ? ' join-code-error' : ''}`} aria-invalid={error ? true : undefined}
            value={code} onChange={(e) => setCode(e.target.value)} />
        </div>
        <button type="submit" className="ds_button" disabled={busy}>{busy ? 'Opening…' : 'Join'}</button>
      </form>
    </PlainPage>
  );
}
