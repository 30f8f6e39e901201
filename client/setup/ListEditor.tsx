import { useState, type KeyboardEvent } from 'react';
import { useAnnounce } from '../ui/Announcer.js';

interface ListEditorProps {
  id: string;
  /** What one item is called, for labels: "focus question", "partner organisation". */
  itemName: string;
  items: string[];
  onChange: (items: string[]) => void;
  multiline?: boolean;
  suggestions?: readonly string[];
}

/**
 * An editable list of short texts. An item's edits are kept while you type and saved
 * when you leave it (or press Enter), so emptying it to retype does not remove it.
 */
export function ListEditor({ id, itemName, items, onChange, multiline, suggestions }: ListEditorProps) {
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
              <ItemInput id={`${id}-${i}`} label={`${capitalise(itemName)} ${i + 1}`} value={item} multiline={multiline} list={listId}
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
          <input id={`${id}-new`} className="ds_input" value={adding} list={listId} onChange={(e) => setAdding(e.target.value)} onKeyDown={onAddKey} />
          <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={add}>
            Add<span className="visually-hidden"> {itemName}</span>
          </button>
        </div>
      </div>
      {suggestions ? <datalist id={listId}>{suggestions.map((s) => <option key={s} value={s} />)}</datalist> : null}
    </div>
  );
}

function ItemInput(props: { id: string; label: string; value: string; multiline?: boolean; list?: string; onCommit: (v: string) => void }) {
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
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: commit,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        commit();
      }
    },
  };
  return props.multiline ? <textarea rows={2} {...common} /> : <input list={props.list} {...common} />;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
