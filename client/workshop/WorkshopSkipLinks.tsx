import type { MouseEvent } from 'react';
import { BOARD_IDS, BOARD_TITLES, type BoardId } from '../../shared/model/index.js';
import { columnElementId } from '../board/elementIds.js';
import { focusWhenRendered } from '../lib/focus.js';
import { showColumn } from '../session/columnRequests.js';
import type { View } from './views.js';

/**
 * The design system's skip links, first on the page: to the board (or the section shown),
 * and on the board to each column, so "Add a finding" in the second column is two key
 * presses away instead of a walk through the first column's cards.
 */
export function WorkshopSkipLinks({ view }: { view: View }) {
  const toColumn = (e: MouseEvent<HTMLAnchorElement>, board: BoardId) => {
    e.preventDefault();
    // On a phone the columns are tabs: the column's tab is shown first.
    showColumn(board);
    focusWhenRendered(columnElementId(board));
  };
  return (
    <div className="ds_skip-links">
      <ul className="ds_skip-links__list">
        <li className="ds_skip-links__item">
          <a className="ds_skip-links__link" href="#board">
            {view === 'board' ? 'Skip to board' : 'Skip to main content'}
          </a>
        </li>
        {view === 'board'
          ? BOARD_IDS.map((b) => (
              <li key={b} className="ds_skip-links__item">
                <a className="ds_skip-links__link" href={`#${columnElementId(b)}`} onClick={(e) => toColumn(e, b)}>
                  Skip to {BOARD_TITLES[b]}
                </a>
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}
