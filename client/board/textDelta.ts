/** One step of a Y.Text change, as Yjs reports it in `event.delta`. */
export interface DeltaOp {
  insert?: unknown;
  retain?: number;
  delete?: number;
}

/**
 * Where a caret at `index` belongs after someone else's change, so that a remote edit
 * earlier in a headline does not throw your caret to the end while you type.
 */
export function mapIndexThroughDelta(index: number, delta: DeltaOp[]): number {
  let pos = 0;
  let mapped = index;
  for (const op of delta) {
    if (op.retain !== undefined) {
      pos += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (pos < mapped) mapped += length;
      pos += length;
    } else if (op.delete !== undefined) {
      if (pos < mapped) mapped -= Math.min(op.delete, mapped - pos);
    }
    if (pos > mapped) break;
  }
  return mapped;
}
