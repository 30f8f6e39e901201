import { createContext, useContext } from 'react';
import type { BoardId } from '../../shared/model/index.js';

/**
 * How the board is laid out right now. On narrow screens only one column shows at a
 * time, so moving a card to another column must bring that column into view.
 */
export interface BoardView {
  showBoard: (board: BoardId) => void;
}

export const BoardViewContext = createContext<BoardView>({ showBoard: () => undefined });

export const useBoardView = (): BoardView => useContext(BoardViewContext);
