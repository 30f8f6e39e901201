import fs from 'node:fs';
import path from 'node:path';

/**
 * The client's index.html, for an address, with the page's own scripts and styles named
 * in its head. The entry script fetches a workshop page's code only once it has run; on a
 * busy two-core machine that waterfall held the board back by a tenth of a second or
 * more. Named in the head (modulepreload, stylesheet), they come alongside the entry
 * script. Read from Vite's manifest; without one (an older build), the page is as built.
 */
interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/** Source entry in Vite's manifest of the page each kind of address opens. */
const PAGES: { test: RegExp; entry: string }[] = [{ test: /^\/w\/[a-z0-9]+\/?$/, entry: 'workshop/WorkshopPage.tsx' }];

/** Tags for a chunk and the chunks it imports (not the entry, already in the page), each once, found without recursion. */
export function headTags(manifest: Record<string, ManifestChunk>, entry: string): string {
  const scripts: string[] = [];
  const styles: string[] = [];
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const key = stack.pop()!;
    const chunk = manifest[key];
    if (seen.has(key) || !chunk || key === 'index.html') continue;
    seen.add(key);
    scripts.push(chunk.file);
    for (const css of chunk.css ?? []) if (!styles.includes(css)) styles.push(css);
    stack.push(...(chunk.imports ?? []));
  }
  return [
    ...scripts.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
    ...styles.map((f) => `<link rel="stylesheet" crossorigin href="/${f}">`),
  ].join('');
}

/** index.html as built, read again when the build changes (a rebuild while the server runs). */
export function pageHtml(clientDir: string): (urlPath: string) => string | null {
  const indexHtml = path.join(clientDir, 'index.html');
  const manifestFile = path.join(clientDir, '.vite', 'manifest.json');
  let cached: { mtimeMs: number; html: string; pages: Map<string, string> } | null = null;
  const load = () => {
    const stat = fs.statSync(indexHtml, { throwIfNoEntry: false });
    if (!stat) return null;
    if (cached?.mtimeMs !== stat.mtimeMs) {
      const html = fs.readFileSync(indexHtml, 'utf8');
      const pages = new Map<string, string>();
      try {
        const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
        for (const page of PAGES) pages.set(page.entry, html.replace('</head>', `${headTags(manifest, page.entry)}</head>`));
      } catch {
        // No manifest: every address gets index.html as it is.
      }
      cached = { mtimeMs: stat.mtimeMs, html, pages };
    }
    return cached;
  };
  return (urlPath) => {
    const built = load();
    if (!built) return null;
    const page = PAGES.find((p) => p.test.test(urlPath));
    return (page && built.pages.get(page.entry)) ?? built.html;
  };
}
