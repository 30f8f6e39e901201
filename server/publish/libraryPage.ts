import { escapeHtml } from '../../shared/export/html.js';
import { BOARD_IDS } from '../../shared/model/schema.js';
import { LIBRARY_BOARDS, type LibraryResponse } from '../../shared/libraryApi.js';
import type { LibraryParams } from './libraryQuery.js';
import { MAX_QUERY_LENGTH } from './searchTerms.js';

const option = (value: string, label: string, chosen: string | undefined) =>
  `<option value="${escapeHtml(value)}"${chosen !== undefined && chosen.toLowerCase() === value.toLowerCase() ? ' selected' : ''}>${escapeHtml(label)}</option>`;

function select(name: string, label: string, all: string, values: { value: string; label: string }[], chosen: string | undefined): string {
  return `<div class="ds_question"><label class="ds_label" for="library-${name}">${label}</label><div class="ds_select-wrapper"><select class="ds_select" id="library-${name}" name="${name}">${option('', all, chosen ?? '')}${values
    .map((v) => option(v.value, v.label, chosen))
    .join('')}</select><span class="ds_select-arrow" aria-hidden="true"></span></div></div>`;
}

function form(p: Partial<LibraryParams>, facets: LibraryResponse['facets'], error: string | null): string {
  const errorSummary = error
    ? `<div class="ds_error-summary" aria-labelledby="library-error-title" role="alert"><h2 class="ds_error-summary__title" id="library-error-title">The search could not be run</h2><ul class="ds_error-summary__list"><li><a href="#library-q">${escapeHtml(error)}</a></li></ul></div>`
    : '';
  return `${errorSummary}<form class="library-search" method="get" action="/library" role="search" aria-label="The practice library">
<div class="ds_question"><label class="ds_label" for="library-q">Search findings and actions</label><p class="ds_hint-text" id="library-q-hint">Words from a headline or its text, such as “relationships” or “senior phase”.</p>
<input class="ds_input" type="search" id="library-q" name="q" maxlength="${MAX_QUERY_LENGTH}" value="${escapeHtml(p.q ?? '')}" aria-describedby="library-q-hint"></div>
<div class="library-form">
${select('theme', 'Theme', 'All themes', facets.themes.map((t) => ({ value: t, label: t })), p.theme)}
${select('board', 'Board', 'All boards', BOARD_IDS.map((b) => ({ value: b, label: LIBRARY_BOARDS[b] })), p.board)}
${select('authority', 'Host authority', 'All authorities', facets.authorities.map((a) => ({ value: a, label: a })), p.authority)}
${select('year', 'Year', 'All years', facets.years.map((y) => ({ value: String(y), label: String(y) })), p.year ? String(p.year) : undefined)}
</div>
${p.match === 'any' ? '<input type="hidden" name="match" value="any">' : ''}<button type="submit" class="ds_button">Search</button>
</form>`;
}

function results(body: LibraryResponse, p: Partial<LibraryParams>): string {
  const filtered = Boolean(p.q || p.theme || p.board || p.authority || p.year);
  if (body.total === 0) {
    return `<h2 id="library-results">No findings or actions found</h2><p>${filtered ? 'Try fewer words, or fewer filters.' : 'No report has been published on this server yet.'}</p>`;
  }
  const limit = p.limit ?? 20;
  const page = p.page ?? 1;
  const first = (page - 1) * limit + 1;
  const last = first + body.results.length - 1;
  const items = body.results.map((r) => {
    const snippet = r.snippet.map((s) => (s.match ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join('');
    const meta = [LIBRARY_BOARDS[r.board], r.theme ? `Theme: ${r.theme}` : ''].filter(Boolean).map(escapeHtml).join(' · ');
    return `<li class="library-result"><h3><a href="${escapeHtml(r.link)}">${escapeHtml(r.number)} ${escapeHtml(r.headline)}</a></h3>
<p>${snippet}</p><p class="library-meta">${meta}</p><p class="library-meta">From <a href="/reports/${escapeHtml(r.slug)}">${escapeHtml(r.reportTitle)}</a>, ${escapeHtml(r.hostAuthority)}, ${r.year}</p></li>`;
  });
  const pageLink = (n: number, label: string) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...p, page: n })) if (v !== undefined && v !== '') params.set(k, String(v));
    return `<a href="/library?${escapeHtml(params.toString())}">${label}</a>`;
  };
  const pages = [page > 1 ? pageLink(page - 1, 'Previous page') : '', last < body.total ? pageLink(page + 1, 'Next page') : ''].filter(Boolean);
  return `<h2 id="library-results">${body.total} ${body.total === 1 ? 'finding or action' : 'findings and actions'} found</h2>
${body.total > body.results.length ? `<p>Showing ${first} to ${last}.</p>` : ''}
<ol class="library-results">${items.join('')}</ol>
${pages.length ? `<nav aria-label="Pages of results"><p>${pages.join(' · ')}</p></nav>` : ''}`;
}

/** The practice library's page: the search form, then what it found (or what was wrong with the search). */
export function libraryMain(p: Partial<LibraryParams>, body: LibraryResponse | null, facets: LibraryResponse['facets'], error: string | null): string {
  return `<h1>Practice library</h1>
<p class="ds_leader">Findings and actions from every Collaborative Improvement report published on this server, to learn from before and after fieldwork.</p>
${form(p, facets, error)}
${body ? results(body, p) : ''}`;
}
