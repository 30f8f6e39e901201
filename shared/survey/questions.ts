/**
 * The participants' survey: the questions of the programme's interim review (Appendix 2 of
 * seeds/interim-review-2022.txt), word for word, in one place. The answering page, the
 * server's checks, the results, the CSV and the report's appendix all read this module.
 *
 * Left out of Appendix 2, on purpose: "What was the focus of the CI?" and "How was your CI
 * undertaken?" — a workshop's survey already knows both.
 */

export interface Choice<Id extends string = string> {
  id: Id;
  label: string;
}

export const ORGANISATION_QUESTION = 'Which organisation do you work for?';
export const ORGANISATIONS = [
  { id: 'host', label: 'The host local authority' },
  { id: 'other-authority', label: 'Another local authority (ADES)' },
  { id: 'education-scotland', label: 'Education Scotland' },
  { id: 'ric', label: 'A Regional Improvement Collaborative' },
  { id: 'school', label: 'A school or centre' },
  { id: 'other', label: 'Another organisation' },
  { id: 'not-said', label: 'I would rather not say' },
] as const satisfies readonly Choice[];
export type OrganisationId = (typeof ORGANISATIONS)[number]['id'];

export const ROLE_QUESTION = 'What is your job role?';
export const JOB_ROLES = [
  { id: 'director', label: 'Director or head of education' },
  { id: 'chief-officer', label: 'Chief education officer' },
  { id: 'officer', label: 'Education manager or officer' },
  { id: 'qio', label: 'Quality improvement officer' },
  { id: 'head-teacher', label: 'Head teacher or depute head teacher' },
  { id: 'teacher', label: 'Principal teacher or teacher' },
  { id: 'inspector', label: 'HM Inspector' },
  { id: 'adviser', label: 'Senior regional adviser or attainment adviser' },
  { id: 'analyst', label: 'Data analyst' },
  { id: 'other', label: 'Another role' },
  { id: 'not-said', label: 'I would rather not say' },
] as const satisfies readonly Choice[];
export type JobRoleId = (typeof JOB_ROLES)[number]['id'];

export const STATEMENTS_QUESTION = 'To what extent do you agree with the following statements?';

/** The five-point scale and "don't know", from most to least in agreement. */
export const SCALE = [
  { id: 'strongly-agree', label: 'Strongly agree' },
  { id: 'agree', label: 'Agree' },
  { id: 'neither', label: 'Neither agree nor disagree' },
  { id: 'disagree', label: 'Disagree' },
  { id: 'strongly-disagree', label: 'Strongly disagree' },
  { id: 'dont-know', label: 'Don’t know' },
] as const satisfies readonly Choice[];
export type ScaleId = (typeof SCALE)[number]['id'];

export interface Statement {
  id: string;
  /** As the survey asks it. */
  text: string;
  /** As a summary sentence reports it: "… agree or strongly agree that <clause>." */
  clause: string;
}

export const STATEMENTS: readonly Statement[] = [
  { id: 's1', text: 'The area of focus agreed for the CI was appropriate', clause: 'the area of focus agreed for the CI was appropriate' },
  { id: 's2', text: 'The purpose for the CI was clearly explained', clause: 'the purpose for the CI was clearly explained' },
  { id: 's3', text: 'The process for the CI was clearly explained', clause: 'the process for the CI was clearly explained' },
  { id: 's4', text: 'The time spent on the CI process was appropriate', clause: 'the time spent on the CI process was appropriate' },
  { id: 's5', text: 'Colleagues from the different organisations worked well together', clause: 'colleagues from the different organisations worked well together' },
  { id: 's6', text: 'Discussions in the CI environment were open', clause: 'discussions in the CI environment were open' },
  { id: 's7', text: 'Discussions in the CI environment were honest', clause: 'discussions in the CI environment were honest' },
  { id: 's8', text: 'The process felt like an equal partnership', clause: 'the process felt like an equal partnership' },
  { id: 's9', text: 'I enjoyed participating in the CI', clause: 'they enjoyed participating in the CI' },
  { id: 's10', text: 'I have taken/will take specific actions in response to participating in the CI', clause: 'they have taken or will take specific actions in response to participating in the CI' },
  { id: 's11', text: 'I gained a lot from the process as an individual', clause: 'they gained a lot from the process as an individual' },
  { id: 's12', text: 'I believe that learners will benefit from the CI', clause: 'learners will benefit from the CI' },
  { id: 's13', text: 'I believe that educators will benefit from the CI', clause: 'educators will benefit from the CI' },
  { id: 's14', text: 'My organisation benefited from involvement with the CI', clause: 'their organisation benefited from involvement with the CI' },
  { id: 's15', text: 'The process is worthwhile and worth developing further', clause: 'the process is worthwhile and worth developing further' },
];

export const COMMENT_QUESTION = 'Please use the box below to provide any comments on the statements in question above.';

/** Asked as a choice, so the results can say (as the interim review did) how many were unsure. */
export const REPORT_QUESTION = 'Did the host authority write and publish a report after the CI?';
export const REPORT_CHOICES = [
  { id: 'yes', label: 'Yes' },
  { id: 'no', label: 'No' },
  { id: 'not-sure', label: 'I am not sure' },
] as const satisfies readonly Choice[];
export type ReportChoiceId = (typeof REPORT_CHOICES)[number]['id'];

export const IMPROVE_QUESTION = 'In what ways could the process be improved?';

/** Characters allowed in each written answer. */
export const SURVEY_TEXT_LIMIT = 2000;

/**
 * The most answers one workshop's survey keeps: far more people than any workshop's team,
 * and a ceiling for someone answering again and again with a shared link.
 */
export const SURVEY_ANSWERS_LIMIT = 500;

/** Results are shown only once this many people have answered, so no answer can be picked out. */
export const RESULTS_THRESHOLD = 5;

export const labelOf = <C extends Choice>(choices: readonly C[], id: string): string => choices.find((c) => c.id === id)?.label ?? id;
