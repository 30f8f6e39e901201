/**
 * The tests the accessibility statement names as its evidence, with what each shows. A
 * test (tests/e2e/accessibilityStatement.test.ts) reads these names from the page and
 * fails if a file is gone, or no longer runs axe, presses keys or sets a phone's screen
 * as the statement says: when a test file is renamed or added, change this list too.
 */
export interface Evidence {
  what: string;
  file: string;
}

/** Screens that axe-core checks, failing the test on any serious or critical problem. */
export const AXE_CHECKED: Evidence[] = [
  { what: 'The start page, and the links of a new workshop', file: 'tests/e2e/start.test.ts' },
  { what: 'The links of a workshop, shown to its host again', file: 'tests/e2e/links.test.ts' },
  { what: 'A board of findings from a real report, with people writing in it', file: 'tests/e2e/board.test.ts' },
  { what: 'The board as the page, with the facilitator’s controls to one side, on a desk and on a phone', file: 'tests/e2e/layout.test.ts' },
  { what: 'Findings, actions, themes and offers, for an editor and for a reader who can change nothing', file: 'tests/e2e/findingsActions.test.ts' },
  { what: 'Setting up a workshop: focus, themes and the core team', file: 'tests/e2e/setup.test.ts' },
  { what: 'Focus groups and recording sheets', file: 'tests/e2e/fieldwork.test.ts' },
  { what: 'Running the session: timer, silent round, vote and presentation', file: 'tests/e2e/session.test.ts' },
  { what: 'A silent round opening on a phone, the most dots a card may take, and presentation mode', file: 'tests/e2e/sessionDetails.test.ts' },
  { what: 'Exporting the report and checking its language', file: 'tests/e2e/export.test.ts' },
  { what: 'Saved versions, new links and deleting a workshop', file: 'tests/e2e/history.test.ts' },
  { what: 'Limits on the length of text, as they near', file: 'tests/e2e/textLimits.test.ts' },
  { what: 'Writing while the server cannot be reached', file: 'tests/e2e/offline.test.ts' },
  { what: 'A change the server refuses, and a workshop whose saved data is damaged', file: 'tests/e2e/refusals.test.ts' },
  { what: 'This statement, at a laptop’s and a phone’s size', file: 'tests/e2e/accessibilityStatement.test.ts' },
];

/** Tasks done in a test with the keyboard alone. */
export const KEYBOARD_TASKS: Evidence[] = [
  { what: 'The “Skip to board” link is the first thing the Tab key reaches', file: 'tests/e2e/start.test.ts' },
  { what: 'A skip link to each board, one stop per card (Enter goes in, Escape comes out), and focus where the facilitator needs it next', file: 'tests/e2e/keyboard.test.ts' },
  { what: 'Folding the facilitator’s controls away, and back', file: 'tests/e2e/layout.test.ts' },
  { what: 'Writing and formatting a card, moving cards within and between boards (Alt and the arrow keys), and undoing', file: 'tests/e2e/collaboration.test.ts' },
  { what: 'Renumbering findings when one is moved by keyboard', file: 'tests/e2e/findingsActions.test.ts' },
  { what: 'Stepping through presentation mode with the arrow keys, and leaving it with Escape', file: 'tests/e2e/session.test.ts' },
  { what: 'Making a finding from words selected in a recording sheet', file: 'tests/e2e/fieldwork.test.ts' },
  { what: 'Reaching this statement from the foot of every kind of page with the Tab key', file: 'tests/e2e/accessibilityStatement.test.ts' },
];

/** Tests that use a phone-sized screen (390 by 844 pixels). */
export const PHONE_SCREENS: Evidence[] = [
  { what: 'A reader on a phone sees one board at a time, as tabs', file: 'tests/e2e/board.test.ts' },
  { what: 'The board comes first on a phone, for every role', file: 'tests/e2e/layout.test.ts' },
  { what: 'On a phone, a board’s skip link opens its tab', file: 'tests/e2e/keyboard.test.ts' },
  { what: 'A phone in the room joins from the QR code and votes', file: 'tests/e2e/session.test.ts' },
  { what: 'This statement, and reaching it from a workshop on a phone', file: 'tests/e2e/accessibilityStatement.test.ts' },
];
