import { useEffect, useRef, useState } from 'react';
import { SkipLink } from '../ui/SkipLink.js';
import { CreateWorkshopForm } from './CreateWorkshopForm.js';
import { JoinLinks } from './JoinLinks.js';
import { ImportWorkshopForm } from './ImportWorkshopForm.js';
import { StartProgrammeSection } from '../programme/StartProgrammeSection.js';
import { forgetCreated, keepCreated, recallCreated, type Created } from './createdWorkshop.js';

export function StartPage() {
  // A reload of this tab shows the new workshop's links again (createdWorkshop.ts).
  const [created, setCreatedState] = useState<Created | null>(recallCreated);
  const setCreated = (next: Created | null) => {
    if (next) keepCreated(next);
    else forgetCreated();
    setCreatedState(next);
  };
  const readyHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = created ? `Links for ${created.title} – Cairn` : 'Start a workshop – Cairn';
    if (created) readyHeading.current?.focus();
  }, [created]);

  return (
    <>
      <SkipLink target="main-content">Skip to main content</SkipLink>
      <header className="app-header">
        <div className="ds_wrapper app-header__inner">
          <span className="app-header__brand">Cairn</span>
          <span className="app-header__strap">Collaborative Improvement workshops</span>
        </div>
      </header>
      <main id="main-content" className="ds_wrapper start-page" tabIndex={-1}>
        {created ? (
          <>
            <h1 ref={readyHeading} tabIndex={-1}>
              Your workshop is ready
            </h1>
            <p className="ds_leader">
              Send each person the link for what they will do in “{created.title}”. Anyone with a link can join, so
              share links only with the people they are for.
            </p>
            <JoinLinks title={created.title} links={created.response.links} />
            <p>
              <button type="button" className="link-button" onClick={() => setCreated(null)}>
                Start another workshop
              </button>
            </p>
          </>
        ) : (
          <>
            <h1>Start a workshop</h1>
            <p className="ds_leader">
              Cairn gives your Collaborative Improvement team one live board for what is working well, areas for
              development and the actions that follow. Everyone writes at once; every change is saved as it is made.
            </p>
            <CreateWorkshopForm onCreated={(title, response) => setCreated({ title, response })} />
            <ImportWorkshopForm onImported={(title, response) => setCreated({ title, response })} />
            <StartProgrammeSection />
          </>
        )}
      </main>
    </>
  );
}
