import type { ReactNode } from 'react';
import { AnnouncerProvider } from './ui/Announcer.js';
import { PlainPage } from './workshop/PlainPage.js';
import { SiteFooter } from './ui/SiteFooter.js';
import { workshopIdFromPath } from './lib/workshopLink.js';

/**
 * The page for an address: the start page, a workshop at /w/<id>, joining by code at /j,
 * or the accessibility statement. Each page loads only what it needs (the start page has
 * no editor, the board no form rules), and its code is fetched before React draws
 * anything: drawn behind a Suspense boundary instead, React held the page back for up to
 * 300 ms after it had arrived (it paces the reveal of content that replaces a fallback).
 */
export async function pageFor(path: string): Promise<ReactNode> {
  const workshopId = workshopIdFromPath(path);
  const join = /^\/j(?:\/([A-Za-z0-9-]*))?\/?$/.exec(path);
  if (path === '/') {
    const { StartPage } = await import('./start/StartPage.js');
    return <StartPage />;
  }
  if (/^\/accessibility\/?$/.test(path)) {
    const { AccessibilityStatement } = await import('./accessibility/AccessibilityStatement.js');
    return <AccessibilityStatement />;
  }
  const survey = /^\/s\/([a-z0-9]{1,40})\/?$/.exec(path);
  if (survey) {
    const { SurveyPage } = await import('./survey/SurveyPage.js');
    return <SurveyPage code={survey[1]!} />;
  }
  const programme = /^\/p\/([a-z0-9]{14})\/?$/.exec(path);
  if (programme) {
    const { ProgrammePage } = await import('./programme/ProgrammePage.js');
    return <ProgrammePage programmeId={programme[1]!} />;
  }
  if (join) {
    const { JoinPage } = await import('./start/JoinPage.js');
    return <JoinPage initialCode={join[1] ?? ''} />;
  }
  if (workshopId) {
    const { WorkshopPage } = await import('./workshop/WorkshopPage.js');
    return <WorkshopPage workshopId={workshopId} />;
  }
  return (
    <PlainPage title="There is nothing at this address">
      <p className="ds_leader">Check the link you were given, or start a new workshop.</p>
      <p>
        <a href="/">Start a workshop</a>
      </p>
    </PlainPage>
  );
}

/** When a page's code could not be fetched (the connection dropped as it loaded). */
export const PAGE_NOT_LOADED = (
  <PlainPage title="This page could not be loaded">
    <p className="ds_leader">Check your connection, then reload the page.</p>
  </PlainPage>
);

/** Every page with the same footer. */
export function App({ page }: { page: ReactNode }) {
  return (
    <AnnouncerProvider>
      {page}
      <SiteFooter wide={Boolean(workshopIdFromPath(window.location.pathname))} />
    </AnnouncerProvider>
  );
}
