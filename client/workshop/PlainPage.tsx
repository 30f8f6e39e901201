import { useEffect, type ReactNode } from 'react';
import { SkipLink } from '../ui/SkipLink.js';

/**
 * A simple page in Cairn's frame, for the moments before and instead of a board; the
 * browser tab shows `documentTitle` when the heading is too long for it.
 */
export function PlainPage({ title, documentTitle, children }: { title: string; documentTitle?: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${documentTitle ?? title} – Cairn`;
  }, [title, documentTitle]);
  return (
    <>
      <SkipLink target="main-content">Skip to main content</SkipLink>
      <header className="app-header">
        <div className="ds_wrapper app-header__inner">
          <a className="app-header__brand" href="/">
            Cairn
          </a>
          <span className="app-header__strap">Collaborative Improvement workshops</span>
        </div>
      </header>
      <main id="main-content" className="ds_wrapper plain-page" tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
