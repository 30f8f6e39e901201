import fs from 'node:fs';
import path from 'node:path';
import { escapeHtml } from '../../shared/export/html.js';

/**
 * The frame of Cairn's public pages (a published report, the practice library), drawn on
 * the server: they open fast, work without JavaScript, and look like the rest of Cairn
 * because they use the client's own built stylesheet (the design system and Cairn's
 * frame), found in the built index.html.
 */
export function stylesheets(clientDir: string): () => string {
  const indexHtml = path.join(clientDir, 'index.html');
  let cached: { mtimeMs: number; tags: string } | null = null;
  return () => {
    const stat = fs.statSync(indexHtml, { throwIfNoEntry: false });
    if (!stat) return '';
    if (cached?.mtimeMs !== stat.mtimeMs) {
      const html = fs.readFileSync(indexHtml, 'utf8');
      const hrefs = [...html.matchAll(/<link rel="stylesheet"[^>]*href="(\/assets\/[\w.-]+\.css)"/g)].map((m) => m[1]!);
      cached = { mtimeMs: stat.mtimeMs, tags: hrefs.map((h) => `<link rel="stylesheet" href="${escapeHtml(h)}">`).join('\n') };
    }
    return cached.tags;
  };
}

// What a published report needs beyond the design system; and a clean printout.
const STYLE = `
.public-main { padding-bottom: 2rem; }
.public-note { border-left: 4px solid var(--cairn-brand, #0065bd); padding-left: .75rem; }
.report-head h1 { margin-top: 0; }
.report-body blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 4px solid #0065bd; }
.report-body table, .public-main table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
.public-main caption { text-align: left; font-weight: bold; }
.public-main th, .public-main td { border: 1px solid #555; padding: .35rem .5rem; text-align: left; vertical-align: top; }
.public-main thead th { background: #ebebeb; }
.public-main .contents ol { list-style: none; padding-left: 1.25rem; } .public-main .contents > ol { padding-left: 0; }
.public-main section[id^="s"]:target { outline: 3px solid #fdd522; outline-offset: 4px; }
.public-main th, .public-main td { overflow-wrap: break-word; }
.table-scroll { overflow-x: auto; margin: 1rem 0; } .table-scroll table { margin: 0; min-width: 36rem; }
.table-scroll:focus { outline: 3px solid #fdd522; outline-offset: 2px; }
.library-form { display: grid; gap: 0 1.5rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); align-items: end; }
.library-form .ds_question { margin-bottom: 1rem; }
.library-results { list-style: none; padding: 0; margin-left: 0; }
.library-form .ds_select-wrapper, .library-form .ds_select { width: 100%; }
.library-result { border-top: 1px solid #b3b3b3; padding: 1rem 0; }
.library-result h3 { margin: 0 0 .25rem; font-size: 1.1875rem; }
.library-result p { margin: 0 0 .25rem; }
.library-result mark { background: #fdd522; color: #000; }
.library-meta { color: #5e5e5e; font-size: .9375rem; }
@page { size: A4; margin: 2cm; }
@media print {
  .ds_skip-links, .app-header, .ds_site-footer, .public-actions { display: none !important; }
  body { font-size: 11pt; } .ds_wrapper { max-width: none; padding: 0; }
  .table-scroll { overflow: visible; } .table-scroll table { min-width: 0; }
  h2, h3 { break-after: avoid; } tr, blockquote { break-inside: avoid; } thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; } .contents { break-after: page; }
}`;

export interface PageParts {
  /** The <title>, "… – Cairn" added. */
  title: string;
  /** What goes inside <main>. */
  main: string;
  css: string;
}

export function publicPage({ title, main, css }: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} – Cairn</title>
${css}
<style>${STYLE}</style>
</head>
<body>
<div class="ds_skip-links"><ul class="ds_skip-links__list"><li class="ds_skip-links__item"><a class="ds_skip-links__link" href="#main-content">Skip to main content</a></li></ul></div>
<header class="app-header"><div class="ds_wrapper app-header__inner"><a class="app-header__brand" href="/library">Cairn</a><span class="app-header__strap">Published Collaborative Improvement reports</span></div></header>
<main id="main-content" class="ds_wrapper public-main" tabindex="-1">
${main}
</main>
<footer class="ds_site-footer site-footer"><div class="ds_wrapper"><div class="ds_site-footer__content"><ul class="ds_site-footer__site-items"><li class="ds_site-items__item"><a href="/library">Practice library</a></li><li class="ds_site-items__item"><a href="/accessibility">Accessibility statement</a></li></ul><div class="ds_site-footer__copyright"><p>Reports published with Cairn by their host authorities. Only the reports themselves are public: nothing else of a workshop is.</p></div></div></div></footer>
</body>
</html>
`;
}
