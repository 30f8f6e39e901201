import type { BoardId } from '../../shared/model/index.js';

export const ADD_LABEL: Record<BoardId, string> = {
  'working-well': 'Add a finding',
  development: 'Add a finding',
  action: 'Add an action',
};

/** Empty columns teach: what belongs here, with an example from a published report. */
export const EMPTY_GUIDE: Record<BoardId, { what: string; example: string }> = {
  'working-well': {
    what: 'Strengths the team saw and heard: a short headline, a quote from the fieldwork if there is one, then the points behind it.',
    example: 'Relationships – ‘I like who I work for, and with’',
  },
  development: {
    what: 'What should change, stated plainly, with the evidence that shows why.',
    example: 'Improve the Broad General Education (BGE), and in particular the S3 experience.',
  },
  action: {
    what: 'What will be done, who will lead it, by when, and how the team will know it has worked.',
    example:
      'A more detailed citywide Senior Phase Improvement Plan will be developed, led by a head teacher and overseen by the Chief Education Officer.',
  },
};

export const CARD_KEYS_HELP =
  'Press Enter to write in this card and Escape to come back to it. Alt with the up and down arrows moves the card within its column; Alt with the left and right arrows moves it to the next column.';

/** For those who may only read: a card is still one Tab stop, its links and buttons inside. */
export const CARD_KEYS_HELP_READING = 'Press Enter to reach this card’s links and buttons, and Escape to come back to it.';
