import { memo } from 'react';
import { BOARD_TITLES, type BoardId, type CardSnapshot } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { ADD_LABEL } from './boardText.js';
import { Card } from './Card.js';
import { EmptyColumn } from './EmptyColumn.js';
import { addButtonId } from './elementIds.js';
import { useCardCommands } from './useCardCommands.js';

interface ColumnProps {
  board: BoardId;
  cards: CardSnapshot[];
  /** Behind tabs the tab already names the column. */
  titleHidden?: boolean;
}

export const Column = memo(function Column({ board, cards, titleHidden }: ColumnProps) {
  const { canEdit } = useWorkshop();
  const { add } = useCardCommands();
  const titleId = `column-${board}-title`;
  return (
    <section className={`column column--${board}`} aria-labelledby={titleId}>
      <div className="column__header">
        <h2 id={titleId} className={`column__title${titleHidden ? ' visually-hidden' : ''}`}>
          {BOARD_TITLES[board]}
          <span className="column__count">
            {' '}
            {cards.length}
            <span className="visually-hidden">{cards.length === 1 ? ' card' : ' cards'}</span>
          </span>
        </h2>
        {canEdit ? (
          <button id={addButtonId(board)} type="button" className="ds_button ds_button--small column__add" onClick={() => add(board)}>
            {ADD_LABEL[board]}
            <span className="visually-hidden"> to {BOARD_TITLES[board]}</span>
          </button>
        ) : null}
      </div>
      {cards.length === 0 ? (
        <EmptyColumn board={board} />
      ) : (
        <div role="list" className="column__cards" aria-labelledby={titleId}>
          {cards.map((card, i) => (
            <div role="listitem" key={card.id} className="column__item">
              <Card card={card} number={i + 1} isFirst={i === 0} isLast={i === cards.length - 1} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
});
