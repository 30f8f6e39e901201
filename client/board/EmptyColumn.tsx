import type { BoardId } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { ADD_LABEL, EMPTY_GUIDE } from './boardText.js';

export function EmptyColumn({ board }: { board: BoardId }) {
  const { canEdit } = useWorkshop();
  const guide = EMPTY_GUIDE[board];
  return (
    <div className="column__empty">
      <p>{guide.what}</p>
      <figure className="column__example">
        <figcaption>For example</figcaption>
        <blockquote>{guide.example}</blockquote>
      </figure>
      <p className="column__empty-next">
        {canEdit ? `Use “${ADD_LABEL[board]}” to write the first one.` : 'Nothing has been added here yet.'}
      </p>
    </div>
  );
}
