import type { BoardId, RichTextNode } from '../../shared/model/index.js';

const p = (...content: RichTextNode[]): RichTextNode => ({ type: 'paragraph', content });
const t = (text: string, ...marks: string[]): RichTextNode => (marks.length ? { type: 'text', text, marks: marks.map((type) => ({ type })) } : { type: 'text', text });
const list = (...items: string[]): RichTextNode => ({ type: 'bulletList', content: items.map((i) => ({ type: 'listItem', content: [p(t(i))] })) });

/** Findings and actions from Dundee City Council's published report (January 2023), shortened. */
export const DUNDEE_CARDS: { board: BoardId; headline: string; body: RichTextNode[] }[] = [
  {
    board: 'working-well',
    headline: 'Relationships – ‘I like who I work for, and with’',
    body: [p(t('Colleagues across school and central teams '), t('enjoy working in Dundee', 'bold'), t('. Head Teachers feel very well supported by their peers and by officers.'))],
  },
  {
    board: 'working-well',
    headline: 'Knowledge of context and readiness for challenge',
    body: [
      p(t('Staff know their school context, and the context of Dundee, well.')),
      list('Head Teachers feel they can influence service priorities', 'Senior leaders are receptive to ‘challenge’'),
    ],
  },
  {
    board: 'working-well',
    headline: 'Pedagogy Team and Information Analysis Team',
    body: [p(t('School staff spoke very highly about the quality of support from the Information Analysis Team.'))],
  },
  {
    board: 'development',
    headline: 'Strengthen Every Dundee Learner Matters as the overall Improvement Strategy',
    body: [p(t('EDLM should clearly set out the strategy for raising attainment and improving outcomes, and the expectations of all.'))],
  },
  {
    board: 'development',
    headline: 'Improve the Broad General Education (BGE), and in particular the S3 experience.',
    body: [p(t('The BGE in secondary currently leads to disengagement for a '), t('significant minority', 'italic'), t(' of young people.'))],
  },
  {
    board: 'development',
    headline: 'Reimagine secondary education as a six-year experience',
    body: [p(t('Too many young people leave school in S4 and do not sustain positive destinations.'))],
  },
  {
    board: 'action',
    headline: 'A more detailed citywide Senior Phase Improvement Plan',
    body: [p(t('Led by a head teacher with the Education Manager (Schools), overseen by the Chief Education Officer.'))],
  },
  {
    board: 'action',
    headline: 'Strengthen the EDLM Improvement Strategy',
    body: [p(t('The Executive Director and Chief Education Officer, with the Robert Owen Centre and the EDLM Strategy Group.'))],
  },
];
