import { memo } from 'react';
import { BOARD_TITLES, findingNumber, type BoardId, type CardSnapshot } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { may } from '../../shared/rules/rules.js';
import { useSession } from '../session/SessionContext.js';
import { stripe } from '../themes/ThemeChip.js';
import { filterByTheme, laneByTheme, type ThemeView } from '../themes/themeView.js';
import { ADD_LABEL } from './boardText.js';
import { useBoardLinks } from './boardLinks.js';
import { Card } from './Card.js';
import { EmptyColumn } from './EmptyColumn.js';
import { SortByDots } from './SortByDots.js';
import { addButtonId, columnElementId } from './elementIds.js';
import { useCardCommands } from './useCardCommands.js';

interface ColumnProps {
  board: BoardId;
  cards: CardSnapshot[];
  view: ThemeView;
  /** Each card's theme, for grouping and filtering. */
  cardThemes: Map<string, string | null>;
  /** Behind tabs the tab already names the column. */
  titleHidden?: boolean;
}

interface Placed {
  card: CardSnapshot;
  number: string;
  isFirst: boolean;
  isLast: boolean;
}

export const Column = memo(function Column({ board, cards, view, cardThemes, titleHidden }: ColumnProps) {
  const { canEdit, role } = useWorkshop();
  const { state } = useSession();
  const mayAdd = canEdit && may(role, state.phase, { kind: 'card.add', board });
  const { themes } = useBoardLinks();
  const { add } = useCardCommands();
  const titleId = `column-${board}-title`;
  // Numbers come from the whole column, so a card keeps its number when others are hidden.
  const placed: Placed[] = cards.map((card, i) => ({ card, number: findingNumber(board, i), isFirst: i === 0, isLast: i === cards.length - 1 }));
  // A closed vote's results never reorder the board (a card's number is its place): the
  // facilitator may sort it by dots, explicitly (SortByDots).
  const themeOf = (p: Placed) => cardThemes.get(p.card.id) ?? null;
  const shown = filterByTheme(placed, themeOf, view.filter);

  let content;
  if (cards.length === 0) content = <EmptyColumn board={board} />;
  else if (shown.length === 0) content = <p className="column__filtered">No cards with this theme here.</p>;
  else if (view.grouping === 'theme') {
    content = laneByTheme(shown, themeOf, themes).map((lane) => {
      const laneId = `lane-${board}-${lane.key}`;
      return (
        <div key={lane.key} className="lane">
          <h3 id={laneId} className="lane__title" style={stripe(lane.theme)}>
            {lane.theme ? lane.theme.name : 'No theme'} <span className="lane__count">({lane.items.length})</span>
          </h3>
          <CardList items={lane.items} labelledBy={laneId} />
        </div>
      );
    });
  } else content = <CardList items={shown} labelledBy={titleId} />;

  return (
    <section id={columnElementId(board)} tabIndex={-1} className={`column column--${board}`} aria-labelledby={titleId}>
      <div className="column__header">
        <h2 id={titleId} className={`column__title${titleHidden ? ' visually-hidden' : ''}`}>
          {BOARD_TITLES[board]}
          <span className="column__count">
            {' '}
            {cards.length}
            <span className="visually-hidden">{cards.length === 1 ? ' card' : ' cards'}</span>
          </span>
        </h2>
        {mayAdd ? (
          <button id={addButtonId(board)} type="button" className="ds_button ds_button--small column__add" onClick={() => add(board)}>
            {ADD_LABEL[board]}
            <span className="visually-hidden"> to {BOARD_TITLES[board]}</span>
          </button>
        ) : null}
        <SortByDots board={board} cards={cards} />
      </div>
      {content}
    </section>
  );
});

/** The first screen: at 1280×800 (and a projector's 1280×720) the top card of each list, its next below the fold; drawn with their controls at once. */
const OPEN_AT_START = 2;

function CardList({ items, labelledBy }: { items: Placed[]; labelledBy: string }) {
  return (
    <div role="list" className="column__cards" aria-labelledby={labelledBy}>
      {items.map((p, i) => (
        <div role="listitem" key={p.card.id} className="column__item">
          <Card card={p.card} number={p.number} isFirst={p.isFirst} isLast={p.isLast} openAtStart={i < OPEN_AT_START} />
        </div>
      ))}
    </div>
  );
}
