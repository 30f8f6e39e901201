import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  COMMENT_QUESTION,
  IMPROVE_QUESTION,
  JOB_ROLES,
  ORGANISATIONS,
  ORGANISATION_QUESTION,
  REPORT_CHOICES,
  REPORT_QUESTION,
  ROLE_QUESTION,
  SCALE,
  STATEMENTS,
  STATEMENTS_QUESTION,
  SURVEY_TEXT_LIMIT,
  type Choice,
} from '../../shared/survey/questions.js';
import type { SurveyAnswerRequest } from '../../shared/survey/answer.js';
import { ErrorSummary, type FieldProblem } from '../ui/ErrorSummary.js';
import { LimitedInput } from '../ui/LimitedInput.js';
import { personKey } from '../session/personKey.js';
import { sendAnswer, type AnswerRoute } from './requests.js';
import '../styles/survey.css';

/** The id of a choice's radio button: the first one is where the error summary sends focus. */
const optionId = (question: string, choice: string) => `survey-${question}-${choice}`;

function ChoiceGroup({ question, legend, choices, value, onChange, error, className }: {
  question: string;
  legend: string;
  choices: readonly Choice[];
  value: string | null;
  onChange: (id: string) => void;
  error?: string;
  className?: string;
}) {
  return (
    <fieldset className={`ds_question survey-question${error ? ' ds_question--error' : ''}${className ? ` ${className}` : ''}`} aria-describedby={error ? `survey-${question}-error` : undefined}>
      <legend className="survey-question__legend">{legend}</legend>
      {error ? <p className="ds_question__error-message" id={`survey-${question}-error`}>{error}</p> : null}
      <div className="survey-question__choices">
        {choices.map((c) => (
          <div className="ds_radio ds_radio--small" key={c.id}>
            <input className="ds_radio__input" type="radio" id={optionId(question, c.id)} name={`survey-${question}`} checked={value === c.id} onChange={() => onChange(c.id)} />
            <label className="ds_radio__label" htmlFor={optionId(question, c.id)}>{c.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

interface Draft {
  organisation: string | null;
  role: string | null;
  statements: Record<string, string>;
  comment: string;
  report: string | null;
  improvements: string;
}

const EMPTY: Draft = { organisation: null, role: null, statements: {}, comment: '', report: null, improvements: '' };

/** What is missing, each with where to go to answer it. */
function problemsOf(d: Draft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!d.organisation) problems.push({ fieldId: optionId('organisation', ORGANISATIONS[0].id), message: 'Choose the organisation you work for (or “I would rather not say”).' });
  if (!d.role) problems.push({ fieldId: optionId('role', JOB_ROLES[0].id), message: 'Choose your job role (or “I would rather not say”).' });
  STATEMENTS.forEach((s, i) => {
    if (!d.statements[s.id]) problems.push({ fieldId: optionId(s.id, SCALE[0].id), message: `Answer statement ${i + 1}: choose “Don’t know” if you do not know.` });
  });
  return problems;
}

/**
 * The survey's questions, answered with the keyboard or a pointer on any screen. Every
 * statement must be answered ("Don't know" is an answer); the written answers are optional.
 */
export function SurveyForm({ route, onAnswered }: { route: AnswerRoute; onAnswered: (message: string) => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sent = useRef(false);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const problemFor = (question: string) => problems.find((p) => p.fieldId.startsWith(`survey-${question}-`))?.message;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || sent.current) return;
    const found = problemsOf(draft);
    setProblems(found);
    setGeneral(null);
    if (found.length) return;
    setBusy(true);
    const answer: SurveyAnswerRequest = {
      key: personKey(),
      organisation: draft.organisation as SurveyAnswerRequest['organisation'],
      role: draft.role as SurveyAnswerRequest['role'],
      statements: draft.statements as SurveyAnswerRequest['statements'],
      comment: draft.comment,
      report: draft.report as SurveyAnswerRequest['report'],
      improvements: draft.improvements,
    };
    const result = await sendAnswer(route, answer);
    setBusy(false);
    if (result.ok) {
      sent.current = true;
      onAnswered('Thank you: your answers have been saved anonymously.');
    } else if (result.status === 409 && /already answered/.test(result.message)) {
      sent.current = true;
      onAnswered(result.message);
    } else setGeneral(result.message);
  }

  return (
    <form className="survey-form" onSubmit={submit} noValidate>
      <ErrorSummary problems={problems} general={general} />
      <p className="survey-form__note">
        Your answers are anonymous: they are kept without your name, your link or the time you answered, and the results show only how many gave each answer, once at least five people have answered.
      </p>
      <ChoiceGroup question="organisation" legend={ORGANISATION_QUESTION} choices={ORGANISATIONS} value={draft.organisation} onChange={(organisation) => set({ organisation })} error={problemFor('organisation')} />
      <ChoiceGroup question="role" legend={ROLE_QUESTION} choices={JOB_ROLES} value={draft.role} onChange={(role) => set({ role })} error={problemFor('role')} />
      <h2 className="survey-form__heading" id="survey-statements">{STATEMENTS_QUESTION}</h2>
      {/* Numbered in the legend, not by a list: a list's number sits beside the first answer, not the statement. */}
      <div className="survey-form__statements">
        {STATEMENTS.map((s, i) => (
          <ChoiceGroup key={s.id} className="survey-question--scale" question={s.id} legend={`${i + 1}. ${s.text}`} choices={SCALE} value={draft.statements[s.id] ?? null}
            onChange={(choice) => set({ statements: { ...draft.statements, [s.id]: choice } })} error={problemFor(s.id)} />
        ))}
      </div>
      <div className="ds_question">
        <label className="ds_label" htmlFor="survey-comment">{COMMENT_QUESTION} <span className="survey-form__optional">(optional)</span></label>
        <LimitedInput id="survey-comment" className="ds_input" multiline rows={4} limit={{ max: SURVEY_TEXT_LIMIT, name: 'comment' }} value={draft.comment} onValue={(comment) => set({ comment })} />
      </div>
      <ChoiceGroup question="report" legend={`${REPORT_QUESTION} (optional)`} choices={REPORT_CHOICES} value={draft.report} onChange={(report) => set({ report })} />
      <div className="ds_question">
        <label className="ds_label" htmlFor="survey-improvements">{IMPROVE_QUESTION} <span className="survey-form__optional">(optional)</span></label>
        <LimitedInput id="survey-improvements" className="ds_input" multiline rows={4} limit={{ max: SURVEY_TEXT_LIMIT, name: 'answer' }} value={draft.improvements} onValue={(improvements) => set({ improvements })} />
      </div>
      <p className="ds_hint-text">Please do not name anyone in your written answers.</p>
      <button type="submit" className="ds_button" aria-disabled={busy || undefined} disabled={busy}>
        {busy ? 'Sending your answers…' : 'Send my answers'}
      </button>
      <p className="visually-hidden" role="status">{busy ? 'Sending your answers…' : ''}</p>
    </form>
  );
}

/** After answering: a message that takes focus, so it is read out. */
export function SurveyThanks({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Once, as it appears: focus is not taken back each time the page around it is drawn again.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="ds_inset-text survey-thanks" role="status" tabIndex={-1} ref={ref}>
      <p className="ds_inset-text__text">{message}</p>
    </div>
  );
}
