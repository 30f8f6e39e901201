import { ROLE_LABELS } from '../../shared/roles.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { PresenceBar } from './PresenceBar.js';

interface HeaderProps {
  title: string;
  hostAuthority: string;
  onChangeName: () => void;
}

/** Whose workshop this is, who is here and who you are; the session strip under it stays in sight (WorkshopStatus). */
export function WorkshopHeader({ title, hostAuthority, onChangeName }: HeaderProps) {
  const { role, user } = useWorkshop();
  return (
    <header className="workshop-header">
      <div className="workshop-header__inner">
        <div className="workshop-header__titles">
          <a className="workshop-header__brand" href="/">
            Cairn
          </a>
          <h1 className="workshop-header__title">{title}</h1>
          {hostAuthority ? <p className="workshop-header__authority">{hostAuthority}</p> : null}
        </div>
        <div className="workshop-header__status">
          <PresenceBar />
          <p className="workshop-header__you">
            <span>
              You are <strong>{user.name}</strong>, <span className="workshop-header__role">{ROLE_LABELS[role]}</span>
            </span>{' '}
            <button type="button" className="link-button" onClick={onChangeName}>
              Change name
            </button>
          </p>
        </div>
      </div>
    </header>
  );
}
