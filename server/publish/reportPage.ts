import { escapeHtml } from '../../shared/export/html.js';
import type { PublicationInfo } from '../storage/publishStore.js';

const LONG = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** "5 December 2026" */
export const publishedDate = (iso: string) => LONG.format(new Date(iso));

/** The main part of a published report's page: when it was published, then the report as the exporter made it. */
export function reportMain(info: PublicationInfo, body: string): string {
  const first = info.firstPublishedAt.slice(0, 10) !== info.publishedAt.slice(0, 10) ? ` (first published ${publishedDate(info.firstPublishedAt)})` : '';
  return `<p class="public-note">Published by ${escapeHtml(info.hostAuthority || 'the host authority')} on <time datetime="${escapeHtml(info.publishedAt)}">${publishedDate(info.publishedAt)}</time>${first}.</p>
<p class="public-actions"><a href="/library">Search the practice library</a> for findings from every published report.</p>
${body}`;
}

/** What an address that held a report says once the host has withdrawn it (sent with 410). */
export function withdrawnMain(info: PublicationInfo): string {
  return `<h1>This report has been withdrawn</h1>
<p class="ds_leader">${escapeHtml(info.hostAuthority || 'The host authority')} withdrew the report that was published at this address${info.withdrawnAt ? ` on ${publishedDate(info.withdrawnAt)}` : ''}.</p>
<p>Its findings and actions are no longer in the practice library. <a href="/library">Search the practice library</a> for other published reports.</p>`;
}

export const NOT_FOUND_MAIN = `<h1>There is no published report at this address</h1>
<p class="ds_leader">Check the address you were given.</p>
<p><a href="/library">Search the practice library</a> for published reports.</p>`;
