export type AddressCheck = { ok: true; href: string } | { ok: false; message: string };

const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/** Turn what someone typed into a safe link address, or say what to change. */
export function checkLinkAddress(raw: string): AddressCheck {
  const typed = raw.trim();
  if (!typed) return { ok: false, message: 'Enter a web address, or choose Cancel.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: 'That is not a web address. Check it, for example “https://education.gov.scot”.' };
  }
  if (!ALLOWED.has(url.protocol)) {
    return { ok: false, message: 'Links must start with https://, http:// or mailto:.' };
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname.includes('.') && url.hostname !== 'localhost') {
    return { ok: false, message: 'That address has no domain. Check it, for example “https://education.gov.scot”.' };
  }
  return { ok: true, href: url.href };
}
