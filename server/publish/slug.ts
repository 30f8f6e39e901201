const slugify = (text: string) =>
  text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** How long an address's last part may be; cut at a word. */
const MOST = 80;

/**
 * The first part of a published report's address: host authority, year, then the words
 * of the title that the authority does not already say ("dundee-city-council-2023-
 * collaborative-improvement"). The store adds -2, -3 … when it is taken, and keeps it
 * for good once given, so republishing never moves the page.
 */
export function reportSlug(title: string, hostAuthority: string, year: number): string {
  const authority = slugify(hostAuthority);
  let rest = slugify(title);
  if (authority) rest = rest.split(authority).join('-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  const slug = [authority, String(year), rest].filter(Boolean).join('-');
  if (slug.length <= MOST) return slug;
  const cut = slug.slice(0, MOST);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : MOST);
}

/** What an address's slug may look like: anything else is not looked up. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;
