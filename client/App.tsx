import { lazy, Suspense } from 'react';
import { AnnouncerProvider } from './ui/Announcer.js';
import { PlainPage } from './workshop/PlainPage.js';
import { SiteFooter } from './ui/SiteFooter.js';
import { workshopIdFromPath } from './lib/workshopLink.js';

// Each page loads only what it needs: the start page has no editor, the board no form rules.
const StartPage = lazy(() => import('./start/StartPage.js').then((m) => ({ default: m.StartPage })));
const JoinPage = lazy(() => import('./start/JoinPage.js').then((m) => ({ default: m.JoinPage })));
const WorkshopPage = lazy(() => import('./workshop/WorkshopPage.js').then((m) => ({ default: m.WorkshopPage })));
const AccessibilityStatement = lazy(() => import('./accessibility/AccessibilityStatement.js').then((m) => ({ default: m.AccessibilityStatement })));

/** The start page, a workshop at /w/<id>, joining by code at /j, and the accessibility statement; every page with the same footer. */
export function App() {
  const path = window.location.pathname;
  const workshopId = workshopIdFromPath(path);
  const join = /^\/j(?:\/([A-Za-z0-9-]*))?\/?$/.exec(path);
  return (
    <AnnouncerProvider>
      <Suspense fallback={null}>
        {path === '/' ? (
          <StartPage />
        ) : /^\/accessibility\/?$/.test(path) ? (
          <AccessibilityStatement />
        ) : join ? (
          <JoinPage initialCode={join[1] ?? ''} />
        ) : workshopId ? (
          <WorkshopPage workshopId={workshopId} />
        ) : (
          <PlainPage title="There is nothing at this address">
            <p className="ds_leader">Check the link you were given, or start a new workshop.</p>
            <p>
              <a href="/">Start a workshop</a>
            </p>
          </PlainPage>
        )}
        <SiteFooter wide={Boolean(workshopId)} />
      </Suspense>
    </AnnouncerProvider>
  );
}
