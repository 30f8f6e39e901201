import { AnnouncerProvider } from './ui/Announcer.js';
import { StartPage } from './start/StartPage.js';
import { WorkshopPage } from './workshop/WorkshopPage.js';
import { PlainPage } from './workshop/PlainPage.js';
import { workshopIdFromPath } from './lib/workshopLink.js';

/** Two kinds of page: the start page, and a workshop at /w/<id>. */
export function App() {
  const path = window.location.pathname;
  const workshopId = workshopIdFromPath(path);
  return (
    <AnnouncerProvider>
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
    </AnnouncerProvider>
  );
}
