import { useMemo } from 'react';
import {
  BOARD_IDS,
  BOARD_TITLES,
  addCard,
  deleteCard,
  moveCard,
  moveCardBy,
  readBoards,
  readCard,
  type BoardId,
} from '../../shared/model/index.js';
import { focusWhenRendered } from '../lib/focus.js';
import { useAnnounce } from '../ui/Announcer.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useBoardView } from './boardView.js';
import { addButtonId, cardElementId, headlineElementId } from './elementIds.js';
import { forgetPlace } from './focusKeeper.js';
import { openWhenItArrives } from './cardOpening.js';

export interface CardCommands {
  add: (board: BoardId) => void;
  moveBy: (cardId: string, delta: -1 | 1) => void;
  moveTo: (cardId: string, board: BoardId) => void;
  moveSideways: (cardId: string, step: -1 | 1) => void;
  remove: (cardId: string) => void;
}

/**
 * Every change a person makes to the board's cards, through the shared model's named
 * mutations, with the focus and the spoken confirmation that follow it.
 */
export function useCardCommands(): CardCommands {
  const { doc, user } = useWorkshop();
  const announce = useAnnounce();
  const { showBoard } = useBoardView();

  return useMemo(() => {
    // Our own changes decide focus themselves; a place noted before them is out of date.
    const change = <T>(mutate: () => T): T => {
      forgetPlace();
      return mutate();
    };
    const afterMove = (cardId: string): void => {
      const card = readCard(doc, cardId);
      if (!card) return;
      const column = readBoards(doc)[card.board];
      const position = column.findIndex((c) => c.id === cardId) + 1;
      showBoard(card.board);
      focusWhenRendered(cardElementId(cardId));
      announce(`Card moved to ${BOARD_TITLES[card.board]}, position ${position} of ${column.length}.`);
    };
    const moveTo = (cardId: string, board: BoardId): void => {
      if (change(() => moveCard(doc, cardId, board, readBoards(doc)[board].length))) afterMove(cardId);
    };
    return {
      add(board) {
        const id = change(() => addCard(doc, { board, createdBy: user.name }));
        openWhenItArrives(id);
        showBoard(board);
        focusWhenRendered(headlineElementId(id));
      },
      moveBy(cardId, delta) {
        if (change(() => moveCardBy(doc, cardId, delta))) afterMove(cardId);
        else announce(delta < 0 ? 'This card is already at the top.' : 'This card is already at the bottom.');
      },
      moveTo,
      moveSideways(cardId, step) {
        const card = readCard(doc, cardId);
        if (!card) return;
        const target = BOARD_IDS[BOARD_IDS.indexOf(card.board) + step];
        if (target) moveTo(cardId, target);
        else announce(step < 0 ? 'This card is already in the first column.' : 'This card is already in the last column.');
      },
      remove(cardId) {
        const card = readCard(doc, cardId);
        if (!card) return;
        const column = readBoards(doc)[card.board];
        const i = column.findIndex((c) => c.id === cardId);
        const neighbour = column[i + 1] ?? column[i - 1];
        change(() => deleteCard(doc, cardId));
        focusWhenRendered(neighbour ? cardElementId(neighbour.id) : addButtonId(card.board));
        announce(`Card deleted from ${BOARD_TITLES[card.board]}.`);
      },
    };
  }, [doc, user.name, announce, showBoard]);
}
