import { memo, useCallback, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { CardDetails, CardSnapshot } from '../../shared/model/index.js';
import { WorkshopContext, useWorkshop } from '../collab/WorkshopContext.js';
import { may } from '../../shared/rules/rules.js';
import { useMay } from '../session/useMay.js';
import { useSession } from '../session/SessionContext.js';
import { VoteDots } from '../session/VoteDots.js';
import { announceEditing } from '../collab/presence.js';
import { CardActions } from './CardActions.js';
import { CardRefusal } from './CardRefusal.js';
import { CardBody } from './CardBody.js';
import { CardEditors } from './CardEditors.js';
import { CardField } from './CardField.js';
import { ActionGrid } from './ActionGrid.js';
import { AnsweredBy } from './AnsweredBy.js';
import { FindingEvidence } from './FindingEvidence.js';
import { FindingStatus, useAgreementNews } from './FindingStatus.js';
import { CardPreview } from './CardPreview.js';
import { takeOpenOnArrival, useNearScreen } from './cardOpening.js';
import { isPlaceInCard } from './focusKeeper.js';
import { CardAuthor } from './CardAuthor.js';
import { ThemeSelect } from '../themes/ThemeSelect.js';
import { useBoardLinks } from './boardLinks.js';
import { useCardDetails } from './useCardDetails.js';
import { CARD_KEYS_HELP_ID, bodyElementId, cardElementId, headlineElementId } from './elementIds.js';
import { useCardCommands } from './useCardCommands.js';
import { firstControl, isInsideCard, useOneTabStop } from './cardTabStop.js';

interface CardProps {
  card: CardSnapshot;
  /** "4.1": the report section and place in the column, shown and spoken with the headline. */
  number: string;
  isFirst: boolean;
  isLast: boolean;
  /** Among the first few of its list, so on screen as the board opens: drawn with its controls from the start. */
  openAtStart?: boolean;
}

const isWritingPlace = (el: EventTarget | null): boolean =>
  el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);

/**
 * A card, read-only for you when the session says so (an agreed card, for a participant;
 * the whole board once agreed, for all but the host). The server enforces the same
 * rules; this keeps the controls from offering what it would refuse.
 */
export const Card = memo(function Card(props: CardProps) {
  const workshop = useWorkshop();
  const { state } = useSession();
  const details = useCardDetails(workshop.doc, props.card.id);
  const locked = workshop.canEdit && !may(workshop.role, state.phase, { kind: 'card.edit', agreed: details?.status === 'agreed' });
  const value = useMemo(() => (locked ? { ...workshop, canEdit: false } : workshop), [workshop, locked]);
  return (
    <WorkshopContext value={value}>
      <CardContent {...props} details={details} />
    </WorkshopContext>
  );
});

/**
 * The card's own element, the same whether its parts are in or not, so that focus on
 * it survives the swap. A card starts as text only (CardPreview) unless it is on screen
 * as the board opens, and gets its fields, menus and editor once it nears the screen,
 * takes focus, or is where this person was writing.
 */
function CardContent({ card, number, isFirst, isLast, openAtStart, details }: CardProps & { details: CardDetails | null }) {
  const { canEdit, provider } = useWorkshop();
  const commands = useCardCommands();
  const isAction = card.board === 'action';
  const self = useRef<HTMLElement>(null);
  const [open, setOpen] = useState(() => !!openAtStart || takeOpenOnArrival(card.id) || isPlaceInCard(card.id));
  const wake = useCallback(() => setOpen(true), []);
  useNearScreen(self, open, wake);
  useOneTabStop(self, open);
  useAgreementNews(details?.status, isAction ? 'action' : 'finding', number);

  // Only when the card itself has focus: inside a field, Alt+arrows belong to the field.
  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    // Escape from any of the card's controls comes back to the card (its fields see to it themselves).
    if (e.key === 'Escape' && !e.defaultPrevented && isInsideCard(e.currentTarget, e.target as Element)) {
      e.preventDefault();
      e.currentTarget.focus();
      return;
    }
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      // In: to the headline to write, or, for a card one may only read, to its first control.
      (canEdit ? document.getElementById(headlineElementId(card.id)) : firstControl(e.currentTarget))?.focus();
      return;
    }
    if (!canEdit || !e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const keys: Record<string, () => void> = {
      ArrowUp: () => commands.moveBy(card.id, -1),
      ArrowDown: () => commands.moveBy(card.id, 1),
      ArrowLeft: () => commands.moveSideways(card.id, -1),
      ArrowRight: () => commands.moveSideways(card.id, 1),
    };
    const command = keys[e.key];
    if (!command) return;
    e.preventDefault();
    command();
  }

  // Tell the others which card we are writing in, for the small avatars on each card.
  function onFocus(e: FocusEvent<HTMLElement>) {
    if (!open) setOpen(true);
    if (canEdit && isWritingPlace(e.target)) announceEditing(provider.awareness, card.id);
  }
  function onBlur(e: FocusEvent<HTMLElement>) {
    if (!canEdit || e.currentTarget.contains(e.relatedTarget as Node | null)) return;
    announceEditing(provider.awareness, null);
  }

  const headline = card.headline.trim();
  const kind = isAction ? 'Action' : 'Finding';
  return (
    <article
      ref={self}
      id={cardElementId(card.id)}
      className={`card card--${card.board}`}
      data-theme-id={details?.themeId ?? undefined}
      tabIndex={0}
      aria-label={`${kind} ${number}: ${headline || 'no headline yet'}`}
      aria-describedby={CARD_KEYS_HELP_ID}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
    >
      {open ? (
        <CardParts card={card} number={number} isFirst={isFirst} isLast={isLast} details={details} />
      ) : (
        <CardPreview card={card} number={number} details={details} />
      )}
    </article>
  );
}

/** Everything a card offers once open: its fields, body editor, links, status, menus. */
function CardParts({ card, number, isFirst, isLast, details }: CardProps & { details: CardDetails | null }) {
  const { canEdit, user } = useWorkshop();
  const { state, run } = useSession();
  const allowed = useMay();
  const leads = allowed({ kind: 'session.run', what: 'follow' });
  const { themes } = useBoardLinks();
  const isAction = card.board === 'action';
  return (
    <>
      <CardRefusal cardId={card.id} />
      <div className="card__head">
        <span className="card__number" aria-hidden="true">
          {number}
        </span>
        <CardField
          cardId={card.id}
          field="headline"
          label={isAction ? 'What will be done' : 'Headline'}
          placeholder={isAction ? 'What will be done' : 'Headline'}
          className="card__headline"
          nextId={bodyElementId(card.id)}
        />
      </div>
      {!isAction && details && (canEdit || details.quote.trim()) ? (
        <div className="card__quote-wrap">
          <CardField
            cardId={card.id}
            field="quote"
            label="Quote"
            placeholder="A short quote from the fieldwork (optional)"
            className="card__quote"
            nextId={bodyElementId(card.id)}
          />
        </div>
      ) : null}
      <CardBody cardId={card.id} />
      {details && isAction ? <ActionGrid cardId={card.id} number={number} details={details} /> : null}
      {details && !isAction ? <FindingEvidence cardId={card.id} number={number} details={details} /> : null}
      {card.board === 'development' ? <AnsweredBy cardId={card.id} /> : null}
      <div className="card__footer">
        {details ? <ThemeSelect cardId={card.id} themeId={details.themeId} themes={themes} /> : null}
        {details ? <FindingStatus cardId={card.id} number={number} details={details} kind={isAction ? 'action' : 'finding'} /> : null}
        <CardAuthor createdBy={card.createdBy} />
        <CardEditors cardId={card.id} />
        {canEdit ? <CardActions card={card} number={number} isFirst={isFirst} isLast={isLast} /> : null}
        {leads ? (
          <button type="button" className="link-button card__follow" onClick={() => void run({ action: 'follow', target: { kind: 'card', id: card.id }, by: user.name })}>
            Bring everyone here<span className="visually-hidden"> – {number}</span>
          </button>
        ) : null}
      </div>
      {state.vote?.board === card.board ? <VoteDots cardId={card.id} number={number} /> : null}
    </>
  );
}
