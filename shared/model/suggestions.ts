/** Pre-filled suggestions from the programme's reports; every one is editable. */

export const DEFAULT_ACTIVITY_TYPES = [
  'Pupils',
  'Class teachers',
  'Principal teachers',
  'Depute head teachers',
  'Head teachers',
  'Education officers',
  'Partners',
  'Parents and carers',
  'Presentation',
  'Document review',
] as const;

/** Organisations that take part in most workshops; the host authority is added to these. */
export const SUGGESTED_ORGANISATIONS = ['Education Scotland', 'ADES', 'Regional Improvement Collaborative'] as const;

/** How good is our school? (4th edition) quality indicators, as theme names. */
export const HGIOS4_INDICATORS = [
  '1.1 Self-evaluation for self-improvement',
  '1.2 Leadership of learning',
  '1.3 Leadership of change',
  '1.4 Leadership and management of staff',
  '1.5 Management of resources to promote equity',
  '2.1 Safeguarding and child protection',
  '2.2 Curriculum',
  '2.3 Learning, teaching and assessment',
  '2.4 Personalised support',
  '2.5 Family learning',
  '2.6 Transitions',
  '2.7 Partnerships',
  '3.1 Ensuring wellbeing, equality and inclusion',
  '3.2 Raising attainment and achievement',
  '3.3 Increasing creativity and employability',
] as const;

/**
 * Theme colours: each passes 4.5:1 against white text and is told apart by name too,
 * never by colour alone.
 */
export const THEME_COLOURS = ['#0065bd', '#00703c', '#8e3b00', '#5e2b97', '#b10e1e', '#005a70'] as const;

export const MAX_THEMES = 6;
