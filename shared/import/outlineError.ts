import type { LimitedField } from '../model/limits.js';

/**
 * A problem in an imported file, with the line it is on. `field` names the field that is
 * too long; `tooLarge` marks a file that holds more than a workshop may (answered 413).
 */
export class OutlineError extends Error {
  constructor(
    readonly line: number,
    message: string,
    readonly details: { field?: LimitedField; tooLarge?: boolean } = {},
  ) {
    super(`Line ${line}: ${message}`);
  }
}
