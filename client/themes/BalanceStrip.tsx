import type { ThemeBalance } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { WarningIcon } from '../board/icons.js';
import { useBoardLinks } from '../board/boardLinks.js';
import { stripe } from './ThemeChip.js';
import { useBalance } from './useThemes.js';
import { useFold } from '../ui/useFold.js';

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * A theme with strengths but nothing to develop, or areas with no action, is the
 * imbalance reviews warn about ("always celebrating successes"): say so in words.
 */
export function balanceGap(row: ThemeBalance): string | null {
  if (row.strengths > 0 && row.areas === 0) return 'No areas for development yet';
  if (row.areas > 0 && row.actions === 0) return 'No actions yet';
  return null;
}

/**
 * Per theme: how many strengths, areas for development and actions the board holds.
 * Folded by default, so the cards come first; folded, it still says how many gaps there are.
 */
export function BalanceStrip() {
  const { doc } = useWorkshop();
  const { themes } = useBoardLinks();
  const [open, toggle] = useFold('balance', false);
  const rows = useBalance(doc).filter((r) => r.themeId !== null || r.strengths + r.areas + r.actions > 0);
  const gaps = rows.filter((r) => balanceGap(r) !== null).length;
  return (
    <div className="balance">
      <h2 className="balance__title" id="balance-title">
        <button type="button" className="fold-toggle" aria-expanded={open} aria-controls="balance-list" onClick={toggle}>
          Balance by theme
          {gaps > 0 ? <span className="balance__gaps">{`: ${count(gaps, 'gap', 'gaps')}`}</span> : null}
        </button>
      </h2>
      <ul id="balance-list" className="balance__list" aria-labelledby="balance-title" hidden={!open}>
        {rows.map((row) => {
          const gap = balanceGap(row);
          const theme = themes.find((t) => t.id === row.themeId) ?? null;
          return (
            <li key={row.themeId ?? 'none'} className={`balance__item${gap ? ' balance__item--gap' : ''}`} style={stripe(theme)}>
              <span className="balance__name">{row.name}</span>
              <span className="balance__counts">
                {count(row.strengths, 'strength', 'strengths')} · {count(row.areas, 'area', 'areas')} · {count(row.actions, 'action', 'actions')}
              </span>
              {gap ? (
                <span className="flag">
                  <WarningIcon />
                  {gap}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
