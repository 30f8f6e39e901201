import type { Random } from './random.js';

/** Sentences from real Collaborative Improvement reports (Dundee 2023, Clackmannanshire 2022, the interim review): what honest people type. */
const SENTENCES = [
  'It is very clear that colleagues – across school and central teams – enjoy working in Dundee and in the Children and Families Service.',
  'Teachers are clear that they feel they can meaningfully influence service priorities.',
  'The Broad General Education (BGE) in secondary currently leads to disengagement for a significant minority of our young people.',
  'They feel upskilled, empowered and enjoy the sense of autonomy in the work that they do.',
  'Clackmannanshire has a clear commitment to improving outcomes and officers are working collaboratively to support this.',
  'Consideration has been given to approaches to moderating support and challenge visits, to improve consistency.',
  'Rigorous evaluation of all stages to identify cohorts of children who are off-track requiring intervention.',
  'Enhance how central teams support school improvement through ‘challenge’.',
  'Quality Assurance calendar now in place for HTs.',
  'Link with other LAs has commenced: a buddy authority from the RIC to work with Clacks.',
  'PEF planning and guidance have been followed up in data for improvement meetings, so that priorities are evidence based.',
  'In addition to being involved in several focus groups, all Head Teachers were invited to join the CI Core Team in person.',
  'The visit was carried out entirely remotely due to Covid restrictions.',
  'Revised SAC Plan ongoing with the Attainment Advisor.',
  'Relationships – “I like who I work for, and with”.',
];

const NAMES = ['Morag', 'Callum', 'Aileen', 'Fraser', 'Isla', 'Euan', 'Kirsty', 'Ruaridh', 'Siobhan', 'Gregor'];
const AUTHORITIES = ['Dundee City Council', 'Clackmannanshire Council', 'Falkirk Council', 'Education Scotland', 'ADES'];

export function sentence(r: Random): string {
  return r.pick(SENTENCES);
}

/** A few words from a sentence: what someone types between two pauses. */
export function words(r: Random, most = 6): string {
  const all = sentence(r).split(' ');
  const from = r.int(all.length);
  return all.slice(from, from + 1 + r.int(most)).join(' ');
}

export function personName(r: Random): string {
  return r.pick(NAMES);
}

export function authority(r: Random): string {
  return r.pick(AUTHORITIES);
}
