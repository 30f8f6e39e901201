import { useWorkshop } from '../collab/WorkshopContext.js';
import { useMay } from '../session/useMay.js';
import { DetailsSection } from './DetailsSection.js';
import { FocusSection } from './FocusSection.js';
import { ThemesSection } from './ThemesSection.js';
import { TeamSection } from './TeamSection.js';
import { PersonalLinksSection } from './PersonalLinksSection.js';
import { SetupSummary } from './SetupSummary.js';
import { PartnersSection } from './PartnersSection.js';
import { ReportTextSection } from './ReportTextSection.js';
import { WhatWeKnow } from '../library/WhatWeKnow.js';
import { ProgrammeSection } from '../programme/ProgrammeSection.js';
import '../styles/setup.css';

/** The workshop's setup: what every part of the report's sections 1-3 is built from. */
export function SetupView() {
  const allowed = useMay();
  return (
    <section className="setup" aria-labelledby="setup-heading">
      <h2 id="setup-heading">Setup</h2>
      {allowed({ kind: 'setup.edit' }) ? (
        <>
          <p className="ds_hint-text">Changes are saved as you type and everyone sees them straight away.</p>
          <DetailsSection />
          <FocusSection />
          <ThemesSection />
          <WhatWeKnow />
          <TeamSection />
          {allowed({ kind: 'links.manage' }) ? <PersonalLinksSection /> : null}
          {allowed({ kind: 'programme.join' }) ? <ProgrammeSection /> : null}
          <PartnersSection />
          <ReportTextSection />
        </>
      ) : (
        <SetupSummary />
      )}
    </section>
  );
}
