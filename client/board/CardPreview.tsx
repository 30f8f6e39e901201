import type { CardDetails, CardSnapshot } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { ThemeChip } from '../themes/ThemeChip.js';
import { activityLabel, numberList, useBoardLinks } from './boardLinks.js';
import { bodyElements, useBodyNodes } from './bodyNodes.js';
import { ACTION_FIELDS } from './ActionGrid.js';
import { CardAuthor } from './CardAuthor.js';
import { statusWords } from './FindingStatus.js';

interface CardPreviewProps {
  card: CardSnapshot;
  number: string;
  details: CardDetails | null;
}

/**
 * A card away from the screen: all its words as plain elements (for find in page,
 * screen readers and printing), laid out like the card, with no fields, menus,
 * dialogs or listeners of its own. Card swaps in the real card's parts as it nears the
 * screen or takes focus, so nobody writes in or clicks on this.
 */
export function CardPreview({ card, number, details }: CardPreviewProps) {
  const { doc, canEdit } = useWorkshop();
  const { themes, numbers, activities } = useBoardLinks();
  const nodes = useBodyNodes(doc, card.id);
  const isAction = card.board === 'action';
  const quote = details?.quote.trim() ?? '';
  const theme = details?.themeId ? (themes.find((t) => t.id === details.themeId) ?? null) : null;
  const cited = details ? activities.filter((a) => details.evidence.some((e) => e.activityId === a.id)) : [];
  return (
    <>
      <div className="card__head">
        <span className="card__number" aria-hidden="true">
          {number}
        </span>
        <p className="card__headline card__headline--preview">{card.headline}</p>
      </div>
      {!isAction && quote ? (
        <div className="card__quote-wrap">
          <p className="card__quote card__quote--preview">{details!.quote}</p>
        </div>
      ) : null}
      <div className="card-body">
        <div className="card-body__editor">{bodyElements(nodes)}</div>
      </div>
      {details && isAction ? (
        <dl className="action-grid">
          {ACTION_FIELDS.filter((f) => canEdit || details[f.field].trim()).map((f) => (
            <div key={f.field} className={`action-grid__item${f.wide ? ' action-grid__item--wide' : ''}`}>
              <dt className="card-field__label">{f.label}</dt>
              <dd className="card-field card-field--preview">{details[f.field]}</dd>
            </div>
          ))}
          <div className="action-grid__item action-grid__item--wide">
            <dt className="card-field__label">Answers</dt> <dd className="action-answers">{numberList(details.answers, numbers).join(', ')}</dd>
          </div>
        </dl>
      ) : null}
      {details && !isAction && cited.length > 0 ? (
        <div className="finding-evidence">
          <p className="finding-evidence__line">
            <span className="finding-evidence__label">Evidence ({cited.length}):</span> {cited.map(activityLabel).join(', ')}
          </p>
        </div>
      ) : null}
      <div className="card__footer">
        {theme ? <ThemeChip theme={theme} /> : null}
        {details ? <p className="finding-status">{statusWords(details)}</p> : null}
        <CardAuthor createdBy={card.createdBy} />
      </div>
    </>
  );
}
