import { useState, type Key } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover, Separator } from 'react-aria-components';
import { BOARD_IDS, BOARD_TITLES, type CardSnapshot } from '../../shared/model/index.js';
import { DeleteCardDialog } from './DeleteCardDialog.js';
import { useCardCommands } from './useCardCommands.js';
import { useMay } from '../session/useMay.js';
import { useCardDetails } from './useCardDetails.js';
import { useWorkshop } from '../collab/WorkshopContext.js';

interface CardActionsProps {
  card: CardSnapshot;
  number: string;
  isFirst: boolean;
  isLast: boolean;
}

/** Move and delete, from one menu; the same moves are on Alt+arrow keys. */
export function CardActions({ card, number, isFirst, isLast }: CardActionsProps) {
  const commands = useCardCommands();
  const [confirming, setConfirming] = useState(false);
  const allowed = useMay();
  const agreed = useCardDetails(useWorkshop().doc, card.id)?.status === 'agreed';
  // Only the boards this person may move a card to now, as the rules table says (a closed board is not offered).
  const otherBoards = BOARD_IDS.filter((b) => b !== card.board && allowed({ kind: 'card.move', agreed, to: b }));
  const mayDelete = allowed({ kind: 'card.remove', agreed });
  const disabled = [...(isFirst ? ['up'] : []), ...(isLast ? ['down'] : [])];

  function onAction(key: Key) {
    const action = String(key);
    if (action === 'up') commands.moveBy(card.id, -1);
    else if (action === 'down') commands.moveBy(card.id, 1);
    else if (action === 'delete') setConfirming(true);
    else if (action.startsWith('to:')) {
      const board = BOARD_IDS.find((b) => `to:${b}` === action);
      if (board) commands.moveTo(card.id, board);
    }
  }

  return (
    <>
      <MenuTrigger>
        <Button className="card__menu-button" aria-label={`Move or delete card ${number}`}>
          Move or delete
        </Button>
        <Popover className="menu-popover" placement="bottom end">
          <Menu className="menu" aria-label={`Move or delete card ${number}`} disabledKeys={disabled} onAction={onAction}>
            <MenuItem id="up" className="menu__item">
              Move up
            </MenuItem>
            <MenuItem id="down" className="menu__item">
              Move down
            </MenuItem>
            <Separator className="menu__separator" />
            {otherBoards.map((b) => (
              <MenuItem key={b} id={`to:${b}`} className="menu__item">
                {`Move to ${BOARD_TITLES[b]}`}
              </MenuItem>
            ))}
            {mayDelete ? (
              <>
                <Separator className="menu__separator" />
                <MenuItem id="delete" className="menu__item menu__item--danger">
                  Delete card…
                </MenuItem>
              </>
            ) : null}
          </Menu>
        </Popover>
      </MenuTrigger>
      <DeleteCardDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        number={number}
        headline={card.headline}
        onConfirm={() => commands.remove(card.id)}
      />
    </>
  );
}
