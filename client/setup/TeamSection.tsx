import { SUGGESTED_ORGANISATIONS, addTeamMember, deleteTeamMember, updateTeamMember } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { LimitedInput } from '../ui/LimitedInput.js';
import { limitOf } from '../ui/textLimit.js';
import { useViewNavigation } from '../workshop/views.js';
import { useSetup, useTeam } from './useSetup.js';

const ORGANISATION = limitOf('shortText', 'organisation');
const ROLE = limitOf('shortText', 'role');
const NAME = limitOf('shortText', 'name');

/** The core team as rows of organisation, role title and (optional) name. */
export function TeamSection() {
  const { doc } = useWorkshop();
  const team = useTeam(doc);
  const { hostAuthority } = useSetup(doc);
  const announce = useAnnounce();
  const { go } = useViewNavigation();
  const organisations = [hostAuthority, ...SUGGESTED_ORGANISATIONS].filter(Boolean);
  const add = () => {
    const id = addTeamMember(doc, { organisation: '', role: '' });
    go('setup', `team-org-${id}`);
  };
  return (
    <section className="setup-section" aria-labelledby="setup-team">
      <h3 id="setup-team">Core team</h3>
      <datalist id="organisations">{organisations.map((o) => <option key={o} value={o} />)}</datalist>
      {team.length > 0 ? (
        <ol className="setup-rows">
          {team.map((m, i) => (
            <li key={m.id} className="setup-row team-row">
              <div>
                <label className="ds_label" htmlFor={`team-org-${m.id}`}>Organisation</label>
                <LimitedInput id={`team-org-${m.id}`} aria-label={`Organisation, member ${i + 1}`} className="ds_input" list="organisations" limit={ORGANISATION} value={m.organisation} onValue={(organisation) => updateTeamMember(doc, m.id, { organisation })} />
              </div>
              <div>
                <label className="ds_label" htmlFor={`team-role-${m.id}`}>Role</label>
                <LimitedInput id={`team-role-${m.id}`} aria-label={`Role, member ${i + 1}`} className="ds_input" limit={ROLE} value={m.role} placeholder="For example, Director of Education, Renfrewshire" onValue={(role) => updateTeamMember(doc, m.id, { role })} />
              </div>
              <div>
                <label className="ds_label" htmlFor={`team-name-${m.id}`}>Name (optional)</label>
                <LimitedInput id={`team-name-${m.id}`} aria-label={`Name (optional), member ${i + 1}`} className="ds_input" limit={NAME} value={m.name} onValue={(name) => updateTeamMember(doc, m.id, { name })} />
              </div>
              <button type="button" className="ds_button ds_button--secondary ds_button--small setup-row__remove"
                onClick={() => { deleteTeamMember(doc, m.id); announce(`Removed team member ${i + 1}`); }}>
                Remove<span className="visually-hidden"> team member {i + 1}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p>No one yet. A core team usually has the host authority’s officers, ADES members and Education Scotland advisers.</p>
      )}
      <button type="button" className="ds_button ds_button--secondary" onClick={add}>Add a team member</button>
    </section>
  );
}
