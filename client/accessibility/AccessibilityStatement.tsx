import type { ReactNode } from 'react';
import { PlainPage } from '../workshop/PlainPage.js';
import { AXE_CHECKED, KEYBOARD_TASKS, PHONE_SCREENS, type Evidence } from './evidence.js';
import { useAbout } from './useAbout.js';
import '../styles/statement.css';

/** When this statement was written and last checked against Cairn: change it when the statement changes. */
const PREPARED = '5 December 2026';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function EvidenceList({ name, items }: { name: string; items: Evidence[] }) {
  return (
    <ul className="statement__evidence" data-evidence={name}>
      {items.map((item) => (
        <li key={`${item.file}:${item.what}`}>
          {item.what}: <code>{item.file}</code>
        </li>
      ))}
    </ul>
  );
}

/** Whom to tell: the installation's own address when it has set one, and always whoever gave the link. */
function Contact({ email }: { email: string | null }) {
  return email ? (
    <>
      email <a href={`mailto:${email}`}>{email}</a>, or contact the council or organisation that gave you the link
    </>
  ) : (
    <>contact the council or organisation that gave you the link</>
  );
}

/**
 * Cairn's accessibility statement, in the shape of the GOV.UK sample statement that UK
 * public bodies follow. What it says about testing is kept true by a test that reads the
 * named test files (evidence.ts).
 */
export function AccessibilityStatement() {
  const about = useAbout();
  const email = about?.accessibilityContact ?? null;
  const site = window.location.origin;
  return (
    <PlainPage title="Accessibility statement for Cairn" documentTitle="Accessibility statement">
      <div className="statement">
        <p className="ds_leader">
          This accessibility statement applies to Cairn at {site}: the live board on which a Collaborative Improvement team writes its findings, and the pages for starting,
          joining and setting up a workshop.
        </p>
        <p>
          Cairn is run by the council or organisation that gave you your link, on its own server. They are responsible for this service. We want as many people as possible
          to be able to use it. For example, that means you should be able to:
        </p>
        <ul>
          <li>do everything with a keyboard alone, with the place you are on always shown, and skip straight to the board, to each of its three columns or to the main content</li>
          <li>use it on a phone or zoomed in: on a narrow screen the three boards become tabs, one board at a time</li>
          <li>move cards between boards without dragging, with Alt and the arrow keys or a “Move to” menu</li>
          <li>change colours, contrast levels and fonts using your browser or device settings</li>
          <li>hear what matters when it happens (the session moving to a new part, a finding agreed, time up) without hearing every key other people press</li>
          <li>tell themes apart by their names, not only their colours</li>
          <li>keep writing when time is up: a timer is a guide, and nothing closes or is lost when it ends</li>
        </ul>
        <p>We have also made the words as plain as we can.</p>
        <p>
          <a href="https://mcmw.abilitynet.org.uk/">AbilityNet has advice on making your device easier to use</a> if you have a disability.
        </p>

        <Section id="statement-how" title="How accessible this service is">
          <p>We know some parts of this service are not fully accessible:</p>
          <ul>
            <li>
              when someone else is writing in the same card as you, their name is shown at their place in the text, and a screen reader may read it out as if it were part
              of the text
            </li>
            <li>when several people write in one card at once its words change as you read them, and a screen reader is not told about each change</li>
            <li>
              exported reports (Word, web page and Markdown) use real headings, lists and tables, but we have not checked them with a screen reader; check a report, for
              example with Word’s accessibility checker, before you publish it
            </li>
            <li>Cairn has not yet been tested with screen readers, or by disabled people, so there may be problems we do not know about</li>
          </ul>
        </Section>

        <Section id="statement-cannot" title="What to do if you cannot use parts of this service">
          <p>If you cannot use part of Cairn, or need what is on the board in a different format:</p>
          <ul>
            <li>ask the host or the facilitator to export the report for you, as a Word document, a web page or plain text, to read with your own tools</li>
            <li>ask the facilitator to read a card out, to add time to a timer, or to write something on the board for you</li>
            <li>
              <Contact email={email} />
            </li>
          </ul>
        </Section>

        <Section id="statement-reporting" title="Reporting accessibility problems with this service">
          <p>
            We are always looking to improve the accessibility of this service. If you find a problem that is not listed on this page, or think we are not meeting
            accessibility requirements, <Contact email={email} />. Say which page you were on, what you were trying to do, and which device, browser and any assistive
            technology you used.
          </p>
        </Section>

        <Section id="statement-enforcement" title="Enforcement procedure">
          <p>
            The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
            Regulations 2018 (the ‘accessibility regulations’). If you are not happy with how your complaint is answered, contact the{' '}
            <a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service (EASS)</a>. This applies in Scotland, England and Wales.
          </p>
        </Section>

        <Section id="statement-technical" title="Technical information about this service’s accessibility">
          <p>
            The council or organisation that runs Cairn is committed to making its services accessible, in accordance with the Public Sector Bodies (Websites and Mobile
            Applications) (No. 2) Accessibility Regulations 2018.
          </p>
          <h3>Compliance status</h3>
          <p>
            This service is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliance and the gaps in testing
            listed below.
          </p>
        </Section>

        <Section id="statement-non-accessible" title="Non-accessible content">
          <p>The content listed below is non-accessible for the following reasons.</p>
          <h3>Non-compliance with the accessibility regulations</h3>
          <ul>
            <li>
              Other people’s names, shown where they are writing in a card, are inside the text of the card, so a screen reader may read them as part of it. We treat this
              as a failure of WCAG 2.2 success criterion 1.3.1 (info and relationships) until it is fixed.
            </li>
          </ul>
          <h3>Disproportionate burden</h3>
          <p>We are not claiming that fixing any part of this service would be a disproportionate burden.</p>
          <h3>Content that is not within the scope of the accessibility regulations</h3>
          <p>None. A report you export and publish is your own document, and the regulations cover it too: check it before you publish it.</p>
        </Section>

        <Section id="statement-tested" title="How we tested this service">
          <p>
            Every change to Cairn is tested by scripts that drive a real browser (Chromium) against a real Cairn server. The names below are the test files in Cairn’s
            source code, so anyone can read them and run them again.
          </p>
          <h3>Automated checks with axe-core</h3>
          <p>
            axe-core checks each of these screens, and the test fails on any serious or critical problem it finds. Automated checks find only some kinds of problem.
          </p>
          <EvidenceList name="axe" items={AXE_CHECKED} />
          <h3>Tasks done with the keyboard alone</h3>
          <EvidenceList name="keyboard" items={KEYBOARD_TASKS} />
          <h3>Screen sizes</h3>
          <p>
            The tests use a laptop’s screen (1280 by 800 and 1400 by 900 pixels), a projector’s (1280 by 720) and a phone’s (390 by 844). These use a phone’s screen:
          </p>
          <EvidenceList name="sizes" items={PHONE_SCREENS} />
          <h3>What has not been tested</h3>
          <p>No accessibility specialist has audited Cairn, and it has not been tested with screen readers or by disabled people.</p>
        </Section>

        <Section id="statement-improving" title="What we are doing to improve accessibility">
          <p>Each problem listed here is fixed as part of Cairn’s normal work, with a test that fails if the problem comes back.</p>
        </Section>

        <Section id="statement-preparation" title="Preparation of this accessibility statement">
          <p>
            This statement was prepared on {PREPARED}. It was last reviewed on {PREPARED}. The tests described above run again every time Cairn is changed.
          </p>
        </Section>
      </div>
    </PlainPage>
  );
}
