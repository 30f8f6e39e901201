import type { Request } from 'express';
import type * as z from 'zod';

/** A request's parameters as checked: their values, or the message for a 400. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** "a", "a and b", "a, b and c" (or "a, b or c"): for messages people read. */
export function inWords(words: readonly string[], last: 'and' | 'or' = 'and'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}

/** Enough of a name the caller sent to recognise it, and no more. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * The query string of an address that takes the parameters `schema` names, each with a
 * message that says what it accepts. Checked before any work: a name the address does
 * not take (including `__proto__`), a parameter given twice (express makes that an
 * array) and a value not on its list are each a 400 that says what is allowed. Only
 * own properties of the query are read, so nothing comes from Object.prototype.
 */
export function checkQuery<S extends z.ZodObject>(req: Request, schema: S): Checked<z.output<S>> {
  const query = req.query as Record<string, unknown>;
  const names = Object.keys(schema.shape);
  const given: Record<string, unknown> = {};
  for (const name of Object.keys(query)) {
    if (!Object.hasOwn(schema.shape, name)) {
      return { ok: false, error: `This address does not take "${clip(name)}". It takes ${inWords(names)}.` };
    }
    given[name] = query[name];
  }
  const parsed = schema.safeParse(given);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? '');
  const message = issue?.message ?? 'The address could not be read.';
  return { ok: false, error: Array.isArray(given[name]) ? `Give "${name}" only once. ${message}` : message };
}
