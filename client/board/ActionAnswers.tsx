import { useState } from 'react';
import { linkAnswer, unlinkAnswer, type CardDetails } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useBoards } from '../collab/useBoards.js';
import { numberList, useBoardLinks } from './boardLinks.js';
import { ChecklistDialog } from './ChecklistDialog.js';

/** "Answers 5.2, 5.3": the areas for development an action answers, changed in a dialog. */
export function ActionAnswers({ cardId, number, details }: { cardId: string; number: string; details: CardDetails }) {
  const { canEdit } = useWorkshop();
  const { numbers } = useBoardLinks();
  const [open, setOpen] = useState(false);
  const answers = numberList(details.answers, numbers);
  return (
    <div className="action-grid__item action-grid__item--wide">
      <p className="action-answers">
        <span className="card-field__label">Answers</span>{' '}
        {answers.length > 0 ? answers.join(', ') : <span className="finding-evidence__none">no area for development linked yet</span>}
        {canEdit ? (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => setOpen(true)}>
              {answers.length > 0 ? 'Change' : 'Link areas'}
              <span className="visually-hidden"> that action {number} answers</span>
            </button>
          </>
        ) : null}
      </p>
      {open ? <AnswersDialog cardId={cardId} number={number} details={details} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}

/** Mounted only while open: it reads the areas' headlines, which change as people type. */
function AnswersDialog({ cardId, number, details, onClose }: { cardId: string; number: string; details: CardDetails; onClose: () => void }) {
  const { doc } = useWorkshop();
  const { numbers } = useBoardLinks();
  const areas = useBoards(doc).development;
  return (
    <ChecklistDialog
      isOpen
      onOpenChange={(o) => (o ? undefined : onClose())}
      title={`Which areas for development does action ${number} answer?`}
      items={areas.map((a) => ({ id: a.id, label: `${numbers.get(a.id) ?? ''} ${a.headline.trim() || 'No headline yet'}` }))}
      checked={details.answers}
      onToggle={(areaId, on) => (on ? linkAnswer(doc, cardId, areaId) : unlinkAnswer(doc, cardId, areaId))}
      emptyText="There are no areas for development on the board yet."
    />
  );
}
