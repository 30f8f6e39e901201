import { createContext, useCallback, useContext, useEffect, useState } from 'react';

/** The parts of a workshop, each its own view of the one live document. */
export const VIEWS = ['board', 'setup', 'fieldwork', 'survey', 'followup'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<View, string> = { board: 'Board', setup: 'Setup', fieldwork: 'Fieldwork', survey: 'Survey', followup: 'Follow-up' };

function viewFromAddress(): View {
  const v = new URLSearchParams(window.location.search).get('view');
  return (VIEWS as readonly string[]).includes(v ?? '') ? (v as View) : 'board';
}

export function viewHref(view: View): string {
  return view === 'board' ? window.location.pathname : `${window.location.pathname}?view=${view}`;
}

export interface ViewNavigation {
  view: View;
  /** Show a view; optionally put focus on an element (by id) once it has rendered. */
  go(view: View, focusId?: string): void;
}

/**
 * The current view, kept in the address (?view=…) so Back and reload work. The link's
 * secret is not in the address (it is kept on the device), so changing it is safe.
 */
export function useViewState(): ViewNavigation {
  const [view, setView] = useState<View>(viewFromAddress);
  useEffect(() => {
    const onPop = () => setView(viewFromAddress());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((next: View, focusId?: string) => {
    if (next !== viewFromAddress()) window.history.pushState(null, '', viewHref(next));
    setView(next);
    if (focusId) {
      // Wait for the view to render, then move focus; give up quietly after a second.
      const started = Date.now();
      const tryFocus = () => {
        const el = document.getElementById(focusId);
        if (el) {
          el.focus();
          el.scrollIntoView({ block: 'center' });
        } else if (Date.now() - started < 1000) requestAnimationFrame(tryFocus);
      };
      requestAnimationFrame(tryFocus);
    }
  }, []);
  return { view, go };
}

export const ViewContext = createContext<ViewNavigation | null>(null);

export function useViewNavigation(): ViewNavigation {
  const nav = useContext(ViewContext);
  if (!nav) throw new Error('useViewNavigation is used outside an open workshop.');
  return nav;
}
