const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2023-01-25" → "25 January 2023"; anything that is not such a date comes back as it was. */
export function formatDate(iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : null;
  return date && !Number.isNaN(date.getTime()) ? LONG_DATE.format(date) : iso;
}
