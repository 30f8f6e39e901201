import { useWorkshop } from '../collab/WorkshopContext.js';
import { useThemes } from '../themes/useThemes.js';
import { formatDate } from '../../shared/format.js';
import { MODE_LABELS, useSetup, useTeam } from './useSetup.js';

/** The setup as a plain read-out, for those who cannot change it. */
export function SetupSummary() {
  const { doc } = useWorkshop();
  const setup = useSetup(doc);
  const themes = useThemes(doc);
  const team = useTeam(doc);
  const none = <span className="setup-summary__none">Not set yet</span>;
  const dates = [setup.startDate, setup.endDate].filter(Boolean).map(formatDate).join(' to ');
  return (
    <>
      <p className="ds_hint-text">Only the host and facilitator can change the setup.</p>
      <dl className="setup-summary">
        <dt>Title</dt><dd>{setup.title || none}</dd>
        <dt>Host authority</dt><dd>{setup.hostAuthority || none}</dd>
        <dt>Fieldwork</dt><dd>{dates || none}{setup.mode ? `, ${MODE_LABELS[setup.mode].toLowerCase()}` : ''}</dd>
        <dt>Focus questions</dt><dd>{setup.focusQuestions.length ? <ol>{setup.focusQuestions.map((q) => <li key={q}>{q}</li>)}</ol> : none}</dd>
        <dt>Rationale</dt><dd>{setup.rationale || none}</dd>
        <dt>Themes</dt><dd>{themes.length ? <ul>{themes.map((t) => <li key={t.id} className="setup-summary__theme" style={{ borderLeftColor: t.colour }}>{t.name}</li>)}</ul> : none}</dd>
        <dt>Core team</dt>
        <dd>{team.length ? <ul>{team.map((m) => <li key={m.id}>{[m.organisation, m.role, m.name].filter(Boolean).join(' — ')}</li>)}</ul> : none}</dd>
        <dt>Partner organisations</dt><dd>{setup.partners.length ? setup.partners.join(', ') : none}</dd>
      </dl>
    </>
  );
}
