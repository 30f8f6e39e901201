import { useEffect, useState } from 'react';
import { LIBRARY_BOARDS, type LibraryResultBody } from '../../shared/libraryApi.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useThemes } from '../themes/useThemes.js';
import { useSetup } from '../setup/useSetup.js';
import { fetchRelated, relatedSearch } from './libraryRequests.js';
import '../styles/publish.css';

/** Typing in the focus or a theme asks again only once the typing stops. */
const PAUSE_MS = 600;

type Found = { kind: 'nothing-to-ask' } | { kind: 'waiting' } | { kind: 'failed'; message: string } | { kind: 'found'; results: LibraryResultBody[]; total: number };

/**
 * "What we know about this": published findings and actions from other reports that match
 * this workshop's focus and themes, from the practice library, to read before fieldwork.
 */
export function WhatWeKnow() {
  const { doc } = useWorkshop();
  const setup = useSetup(doc);
  const themes = useThemes(doc);
  const search = relatedSearch(
    themes.map((t) => t.name),
    setup.focusQuestions,
  );
  const [found, setFound] = useState<Found>({ kind: 'nothing-to-ask' });
  useEffect(() => {
    if (!search) {
      setFound({ kind: 'nothing-to-ask' });
      return;
    }
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      setFound((f) => (f.kind === 'found' ? f : { kind: 'waiting' }));
      void fetchRelated(search, abort.signal).then((r) => {
        if (abort.signal.aborted) return;
        setFound(r.ok ? { kind: 'found', results: r.data.results, total: r.data.total } : { kind: 'failed', message: r.message });
      });
    }, PAUSE_MS);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [search]);

  return (
    <section className="setup-section what-we-know" aria-labelledby="what-we-know">
      <h3 id="what-we-know">What we know about this</h3>
      <p className="ds_hint-text">Published findings from other Collaborative Improvement reports that match this workshop’s focus and themes. Read them before fieldwork.</p>
      <div aria-live="polite">
        {found.kind === 'nothing-to-ask' ? <p>Add a focus question or a theme to see published findings that match.</p> : null}
        {found.kind === 'waiting' ? <p>Looking in the practice library…</p> : null}
        {found.kind === 'failed' ? <p>{found.message}</p> : null}
        {found.kind === 'found' && found.results.length === 0 ? <p>No published finding matches this focus and these themes yet.</p> : null}
      </div>
      {found.kind === 'found' && found.results.length > 0 ? (
        <ol className="what-we-know__list" aria-label="Published findings that match">
          {found.results.map((r) => (
            <li key={`${r.slug}#${r.anchor}`} className="what-we-know__item">
              <h4>
                <a href={r.link} target="_blank" rel="noopener">
                  {r.number} {r.headline}
                  <span className="visually-hidden"> (opens the published report in a new tab)</span>
                </a>
              </h4>
              <p>{r.snippet.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</p>
              <p className="what-we-know__meta">
                {LIBRARY_BOARDS[r.board]}
                {r.theme ? ` · Theme: ${r.theme}` : ''} · {r.reportTitle}, {r.hostAuthority}, {r.year}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      <p>
        <a href={`/library?${new URLSearchParams({ q: search, match: 'any' })}`} target="_blank" rel="noopener">
          Search the practice library<span className="visually-hidden"> (opens in a new tab)</span>
        </a>
        {found.kind === 'found' && found.total > found.results.length ? ` for all ${found.total} matches` : ''}
      </p>
    </section>
  );
}
