import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { BOARD_IDS, BOARD_TITLES, type BoardId, type BoardsSnapshot } from '../../shared/model/index.js';
import { useMediaQuery } from '../lib/useMediaQuery.js';
import { useBoards } from '../collab/useBoards.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { BoardViewContext, type BoardView } from './boardView.js';
import { CARD_KEYS_HELP } from './boardText.js';
import { CARD_KEYS_HELP_ID } from './elementIds.js';
import { Column } from './Column.js';
import { rememberPlace, restorePlace } from './focusKeeper.js';

/** Three columns side by side; on narrow screens, one column at a time behind tabs. */
export function Board() {
  const { doc, canEdit } = useWorkshop();
  const boards = useBoards(doc);
  const narrow = useMediaQuery('(max-width: 49.99em)');
  const [selected, setSelected] = useState<BoardId>('working-well');
  const view = useMemo<BoardView>(() => ({ showBoard: setSelected }), []);

  // Someone else moving the card you are writing in must not take your caret away.
  useEffect(() => {
    const beforeReact = (transaction: Y.Transaction) => {
      if (!transaction.local) rememberPlace();
    };
    doc.on('afterTransaction', beforeReact);
    return () => doc.off('afterTransaction', beforeReact);
  }, [doc]);
  useLayoutEffect(restorePlace, [boards]);

  return (
    <BoardViewContext value={view}>
      {canEdit ? (
        <p id={CARD_KEYS_HELP_ID} hidden>
          {CARD_KEYS_HELP}
        </p>
      ) : null}
      {narrow ? <TabbedColumns boards={boards} selected={selected} onSelect={setSelected} /> : <SideBySide boards={boards} />}
    </BoardViewContext>
  );
}

function SideBySide({ boards }: { boards: BoardsSnapshot }) {
  return (
    <div className="board">
      {BOARD_IDS.map((b) => (
        <Column key={b} board={b} cards={boards[b]} />
      ))}
    </div>
  );
}

function TabbedColumns({ boards, selected, onSelect }: { boards: BoardsSnapshot; selected: BoardId; onSelect: (b: BoardId) => void }) {
  return (
    <Tabs className="board-tabs" selectedKey={selected} onSelectionChange={(key) => onSelect(key as BoardId)}>
      <TabList className="board-tabs__list" aria-label="Columns">
        {BOARD_IDS.map((b) => (
          <Tab key={b} id={b} className={`board-tabs__tab board-tabs__tab--${b}`}>
            {BOARD_TITLES[b]} <span className="board-tabs__count">({boards[b].length})</span>
          </Tab>
        ))}
      </TabList>
      {BOARD_IDS.map((b) => (
        <TabPanel key={b} id={b} className="board-tabs__panel">
          <Column board={b} cards={boards[b]} titleHidden />
        </TabPanel>
      ))}
    </Tabs>
  );
}
