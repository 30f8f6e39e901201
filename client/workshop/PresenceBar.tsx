import { ROLE_LABELS } from '../../shared/roles.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { usePeople } from '../collab/usePeople.js';
import { Avatar } from '../ui/Avatar.js';

const MAX_FACES = 6;

/** Who is here: initials in coloured circles, with each full name for screen readers and on hover. */
export function PresenceBar() {
  const { provider } = useWorkshop();
  const people = usePeople(provider.awareness);
  const shown = people.length > MAX_FACES ? people.slice(0, MAX_FACES - 1) : people;
  const hidden = people.slice(shown.length);
  return (
    <div className="presence">
      <span className="presence__count">{people.length === 1 ? '1 here' : `${people.length} here`}</span>
      <ul className="presence__list" aria-label="Who is here">
        {shown.map((p) => (
          <li key={p.clientId} className="presence__person">
            <Avatar name={p.name} color={p.color} title={p.isSelf ? `${p.name} (you)` : p.name} />
            <span className="visually-hidden">
              {p.name}
              {p.isSelf ? ' (you)' : ''}, {ROLE_LABELS[p.role]}
            </span>
          </li>
        ))}
        {hidden.length > 0 ? (
          <li className="presence__more" title={hidden.map((p) => p.name).join(', ')}>
            <span aria-hidden="true">+{hidden.length}</span>
            <span className="visually-hidden">and {hidden.map((p) => p.name).join(', ')}</span>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
