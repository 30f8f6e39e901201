const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2023-01-25" → "25 January 2023"; anything that is not such a date comes back as it was. */
export function formatDate(iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : null;
  // A date that does not exist ("2023-02-30") would roll over into March: it is shown as written.
  return date && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? LONG_DATE.format(date) : iso;
}

/** "1 answer", "3 answers": a count with its noun, for interface text. */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
