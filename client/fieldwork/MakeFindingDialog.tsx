import { useId, useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { BOARD_IDS, BOARD_TITLES, excerptGoesTo, makeFinding, readNumbers, type BoardId } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useViewNavigation } from '../workshop/views.js';
import { cardElementId } from '../board/elementIds.js';
import { useAnnounce } from '../ui/Announcer.js';
import { LimitedInput } from '../ui/LimitedInput.js';
import { limitOf } from '../ui/textLimit.js';

interface Props {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  activityId: string;
  excerpt: string;
}

/** Turn the words selected in a recording sheet into a card on one of the three boards. */
export function MakeFindingDialog({ isOpen, onOpenChange, activityId, excerpt }: Props) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className="modal">
        <Dialog className="modal__dialog">
          <MakeFindingForm activityId={activityId} excerpt={excerpt} close={() => onOpenChange(false)} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** Said under the words, so the person knows where on the card they will be. */
const GOES_TO: Record<'quote' | 'body', (board: BoardId) => string> = {
  quote: () => 'These words become the finding’s quote. You can write its points underneath on the board.',
  body: (board) =>
    board === 'action' ? 'An action has no quote: these words become the start of its text.' : 'These words are too long for a quote, so they become the finding’s text.',
};

interface Made {
  id: string;
  label: string;
}

function MakeFindingForm({ activityId, excerpt, close }: { activityId: string; excerpt: string; close: () => void }) {
  const { doc, user } = useWorkshop();
  const { go } = useViewNavigation();
  const announce = useAnnounce();
  const base = useId();
  const [board, setBoard] = useState<BoardId>('working-well');
  const [headline, setHeadline] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<Made | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const id = makeFinding(doc, { activityId, excerpt, board, createdBy: user.name, headline: headline.trim() });
      const label = `${board === 'action' ? 'Action' : 'Finding'} ${readNumbers(doc).get(id) ?? ''}`.trim();
      announce(`${label} made on ${BOARD_TITLES[board]}`);
      setMade({ id, label });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The finding could not be made.');
    }
  }

  if (made) {
    return (
      <>
        <Heading slot="title" className="modal__title">
          {made.label} made on {BOARD_TITLES[board]}
        </Heading>
        <p>Everyone in the workshop can see it on the board now. It is linked to this recording sheet as evidence.</p>
        <div className="ds_button-group">
          <button type="button" className="ds_button" autoFocus onClick={() => go('board', cardElementId(made.id))}>
            Go to {made.label.toLowerCase()}
          </button>
          <button type="button" className="ds_button ds_button--secondary" onClick={close}>
            Back to the recording sheet
          </button>
        </div>
      </>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Heading slot="title" className="modal__title">
        Make a finding
      </Heading>
      <p className="make-finding__label">From the recording sheet:</p>
      <blockquote className="make-finding__excerpt">{excerpt}</blockquote>
      <p className="ds_hint-text">{GOES_TO[excerptGoesTo(board, excerpt)](board)}</p>
      <fieldset className="make-finding__boards">
        <legend className="ds_label">Board</legend>
        <div className="ds_radios">
          {BOARD_IDS.map((b, i) => (
            <div key={b} className="ds_radio ds_radio--small">
              <input
                id={`${base}-${b}`}
                className="ds_radio__input"
                type="radio"
                name={`${base}-board`}
                autoFocus={i === 0}
                checked={board === b}
                onChange={() => setBoard(b)}
              />
              <label className="ds_radio__label" htmlFor={`${base}-${b}`}>
                {BOARD_TITLES[b]}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="ds_question">
        <label className="ds_label" htmlFor={`${base}-headline`}>
          Headline (optional)
        </label>
        <LimitedInput id={`${base}-headline`} className="ds_input" limit={limitOf('headline')} value={headline} onValue={setHeadline} />
      </div>
      {error ? (
        <p className="ds_question__error-message" role="alert">
          {error}
        </p>
      ) : null}
      <div className="ds_button-group">
        <button type="submit" className="ds_button">
          Make finding
        </button>
        <button type="button" className="ds_button ds_button--secondary" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
