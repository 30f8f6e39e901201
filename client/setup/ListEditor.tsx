import { useState, type KeyboardEvent } from 'react';
import { useAnnounce } from '../ui/Announcer.js';
import { LimitedInput } from '../ui/LimitedInput.js';
import type { TextLimit } from '../ui/textLimit.js';

interface ListEditorProps {
  id: string;
  /** What one item is called, for labels: "focus question", "partner organisation". */
  itemName: string;
  items: string[];
  /** How long one item may be. */
  limit: TextLimit;
  onChange: (items: string[]) => void;
  multiline?: boolean;
  suggestions?: readonly string[];
}

/**
 * An editable list of short texts. An item's edits are kept while you type and saved
 * when you leave it (or press Enter), so emptying it to retype does not remove it.
 */
export function ListEditor({ id, itemName, items, limit, onChange, multiline, suggestions }: ListEditorProps) {
  const [adding, setAdding] = useState('');
  const announce = useAnnounce();
  const listId = suggestions ? `${id}-suggestions` : undefined;
  const add = () => {
    if (!adding.trim()) return;
    onChange([...items, adding.trim()]);
    announce(`Added ${itemName}: ${adding.trim()}`);
    setAdding('');
  };
  const onAddKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      add();
    }
  };
  return (
    <div className="list-editor">
      {items.length > 0 ? (
        <ol className="list-editor__items">
          {items.map((item, i) => (
            <li key={`${i}-${item}`} className="list-editor__item">
              <ItemInput id={`${id}-${i}`} label={`${capitalise(itemName)} ${i + 1}`} value={item} limit={limit} multiline={multiline} list={listId}
                onCommit={(v) => onChange(items.map((x, j) => (j === i ? v : x)).filter((x) => x.trim()))} />
              <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => { onChange(items.filter((_, j) => j !== i)); announce(`Removed ${itemName} ${i + 1}`); }}>
                Remove<span className="visually-hidden"> {itemName} {i + 1}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="list-editor__add">
        <label className="ds_label" htmlFor={`${id}-new`}>
          Add a {itemName}
        </label>
        <div className="list-editor__add-row">
          <div className="list-editor__add-field">
            <LimitedInput id={`${id}-new`} className="ds_input" value={adding} limit={limit} list={listId} onValue={setAdding} onKeyDown={onAddKey} />
          </div>
          <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={add}>
            Add<span className="visually-hidden"> {itemName}</span>
          </button>
        </div>
      </div>
      {suggestions ? <datalist id={listId}>{suggestions.map((s) => <option key={s} value={s} />)}</datalist> : null}
    </div>
  );
}

function ItemInput(props: { id: string; label: string; value: string; limit: TextLimit; multiline?: boolean; list?: string; onCommit: (v: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft !== props.value) props.onCommit(draft);
    setDraft(null);
  };
  const common = {
    id: props.id,
    'aria-label': props.label,
    className: 'ds_input',
    value: draft ?? props.value,
    limit: props.limit,
    onValue: setDraft,
    onBlur: commit,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        commit();
      }
    },
  };
  return (
    <div className="list-editor__field">
      {props.multiline ? <LimitedInput multiline rows={2} {...common} /> : <LimitedInput list={props.list} {...common} />}
    </div>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
