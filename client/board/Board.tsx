import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { BOARD_IDS, BOARD_TITLES, type BoardId, type BoardsSnapshot } from '../../shared/model/index.js';
import { useMediaQuery } from '../lib/useMediaQuery.js';
import { useBoards } from '../collab/useBoards.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { OffersSection } from '../offers/OffersSection.js';
import { ThemeToolbar } from '../themes/ThemeToolbar.js';
import { ALL_CARDS, type ThemeView } from '../themes/themeView.js';
import { useCardThemes, useThemes } from '../themes/useThemes.js';
import { BoardViewContext, type BoardView } from './boardView.js';
import { BoardLinksContext, useActivities, useAnsweredBy, useNumbers, type BoardLinks } from './boardLinks.js';
import { CARD_KEYS_HELP, CARD_KEYS_HELP_READING } from './boardText.js';
import { CARD_KEYS_HELP_ID } from './elementIds.js';
import { Column } from './Column.js';
import { rememberPlace, restorePlace } from './focusKeeper.js';
import { useColumnRequests } from '../session/columnRequests.js';
import '../styles/finding.css';
import '../styles/themes.css';
import '../styles/offers.css';

interface ColumnsProps {
  boards: BoardsSnapshot;
  view: ThemeView;
  cardThemes: Map<string, string | null>;
}

/**
 * The theme toolbar, three columns side by side (or one at a time behind tabs on
 * narrow screens), and the offers of collaboration underneath.
 */
export function Board() {
  const { doc, canEdit } = useWorkshop();
  const boards = useBoards(doc);
  const narrow = useMediaQuery('(max-width: 49.99em)');
  const [selected, setSelected] = useState<BoardId>('working-well');
  // "Follow me" brings a phone to the tab of the column it leads to.
  useColumnRequests(setSelected);
  const [themeView, setThemeView] = useState<ThemeView>(ALL_CARDS);
  const view = useMemo<BoardView>(() => ({ showBoard: setSelected }), []);

  const numbers = useNumbers(doc);
  const answeredBy = useAnsweredBy(doc);
  const themes = useThemes(doc);
  const activities = useActivities(doc);
  const links = useMemo<BoardLinks>(() => ({ numbers, answeredBy, themes, activities }), [numbers, answeredBy, themes, activities]);
  const cardThemes = useCardThemes(doc);

  // Someone else moving the card you are writing in must not take your caret away.
  useEffect(() => {
    const beforeReact = (transaction: Y.Transaction) => {
      if (!transaction.local) rememberPlace();
    };
    doc.on('afterTransaction', beforeReact);
    return () => doc.off('afterTransaction', beforeReact);
  }, [doc]);
  useLayoutEffect(restorePlace, [boards]);

  const columns = { boards, view: themeView, cardThemes };
  return (
    <BoardViewContext value={view}>
      <BoardLinksContext value={links}>
        <p id={CARD_KEYS_HELP_ID} hidden>
          {canEdit ? CARD_KEYS_HELP : CARD_KEYS_HELP_READING}
        </p>
        <ThemeToolbar themes={themes} view={themeView} onChange={setThemeView} />
        {narrow ? <TabbedColumns {...columns} selected={selected} onSelect={setSelected} /> : <SideBySide {...columns} />}
        <OffersSection />
      </BoardLinksContext>
    </BoardViewContext>
  );
}

function SideBySide({ boards, view, cardThemes }: ColumnsProps) {
  return (
    <div className="board">
      {BOARD_IDS.map((b) => (
        <Column key={b} board={b} cards={boards[b]} view={view} cardThemes={cardThemes} />
      ))}
    </div>
  );
}

function TabbedColumns({ boards, view, cardThemes, selected, onSelect }: ColumnsProps & { selected: BoardId; onSelect: (b: BoardId) => void }) {
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
          <Column board={b} cards={boards[b]} view={view} cardThemes={cardThemes} titleHidden />
        </TabPanel>
      ))}
    </Tabs>
  );
}
