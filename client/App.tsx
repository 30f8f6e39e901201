import { lazy, Suspense } from 'react';
import { AnnouncerProvider } from './ui/Announcer.js';
import { PlainPage } from './workshop/PlainPage.js';
import { workshopIdFromPath } from './lib/workshopLink.js';

// Each page loads only what it needs: the start page has no editor, the board no form rules.
const StartPage = lazy(() => import('./start/StartPage.js').then((m) => ({ default: m.StartPage })));
const WorkshopPage = lazy(() => import('./workshop/WorkshopPage.js').then((m) => ({ default: m.WorkshopPage })));

/** Two kinds of page: the start page, and a workshop at /w/<id>. */
export function App() {
  const path = window.location.pathname;
  const workshopId = workshopIdFromPath(path);
  return (
    <AnnouncerProvider>
      <Suspense fallback={null}>
        {path === '/' ? (
          <StartPage />
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
      </Suspense>
    </AnnouncerProvider>
  );
}
