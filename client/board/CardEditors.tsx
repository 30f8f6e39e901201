import { useWorkshop } from '../collab/WorkshopContext.js';
import { useEditorsOf } from '../collab/usePeople.js';
import { Avatar } from '../ui/Avatar.js';

/** Small avatars of anyone else writing in this card right now. */
export function CardEditors({ cardId }: { cardId: string }) {
  const { provider } = useWorkshop();
  const editors = useEditorsOf(provider.awareness, cardId);
  if (editors.length === 0) return null;
  return (
    <ul className="card__editors" aria-label="Writing in this card now">
      {editors.map((p) => (
        <li key={p.clientId}>
          <Avatar name={p.name} color={p.color} size="small" />
          <span className="visually-hidden">{p.name}</span>
        </li>
      ))}
    </ul>
  );
}
