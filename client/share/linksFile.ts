import { ROLES, ROLE_LABELS, type Role } from '../../shared/roles.js';
import { HOST_LINK_WARNING, WHO_IT_IS_FOR } from './roleLinks.js';

export interface LinksForFile {
  title: string;
  links: Record<Role, string | null>;
  /** Personal links of the core team, by name (null where one cannot be shown again). */
  people?: { name: string; link: string | null }[];
  at: Date;
}

const NOT_SHOWN = '(Cairn cannot show this link again. Make a new one from Links in the workshop if you need it.)';

/**
 * The links as a small plain-text file, readable in any editor on a council laptop.
 * Lines end CRLF so that older Windows editors show them as lines.
 */
export function linksFileText({ title, links, people = [], at }: LinksForFile): string {
  const when = at.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const lines = [
    `Links to the workshop “${title}”`,
    `Downloaded from Cairn on ${when}.`,
    '',
    'Keep this file safe. These links are the keys to the workshop: anyone who has one can open it, and the host link can change everything in it and delete it. Keep the file where only you can open it, and send each person only the link that is for them.',
    '',
    HOST_LINK_WARNING,
    '',
  ];
  for (const role of ROLES) {
    lines.push(`${ROLE_LABELS[role]} link`, WHO_IT_IS_FOR[role], links[role] ?? NOT_SHOWN, '');
  }
  if (people.length > 0) {
    lines.push('Personal links for the core team');
    for (const p of people) lines.push(`${p.name}: ${p.link ?? NOT_SHOWN}`);
    lines.push('');
  }
  return lines.join('\r\n');
}

/** A file name from the workshop's title: letters, digits and dashes only. */
export function linksFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60)
    .replace(/-$/, '');
  return `cairn-links${slug ? `-${slug}` : ''}.txt`;
}

/** Hand the browser a file to save, made on this device: the links never travel again to do it. */
export function saveTextFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the address is let go.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
