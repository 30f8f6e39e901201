import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headTags, pageHtml } from '../../server/http/pageHead.js';

const MANIFEST = {
  'index.html': { file: 'assets/index-a.js', imports: ['_react-b.js'] },
  '_react-b.js': { file: 'assets/react-b.js' },
  '_roles-c.js': { file: 'assets/roles-c.js', imports: ['_react-b.js', 'index.html'], css: ['assets/roles-c.css'] },
  'workshop/WorkshopPage.tsx': { file: 'assets/WorkshopPage-d.js', imports: ['index.html', '_roles-c.js', '_react-b.js'], css: ['assets/WorkshopPage-d.css'] },
};
const INDEX = '<!doctype html><html><head><title>Cairn</title></head><body></body></html>';

function builtClient(withManifest: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-client-'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  if (withManifest) {
    fs.mkdirSync(path.join(dir, '.vite'));
    fs.writeFileSync(path.join(dir, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
  }
  return dir;
}

describe('the page a workshop address is served', () => {
  it('names the workshop page’s scripts and styles in its head, each once, and not the entry script', () => {
    const tags = headTags(MANIFEST, 'workshop/WorkshopPage.tsx');
    expect(tags.match(/modulepreload/g)).toHaveLength(3);
    expect(tags).toContain('href="/assets/WorkshopPage-d.js"');
    expect(tags).toContain('href="/assets/roles-c.js"');
    expect(tags).toContain('href="/assets/react-b.js"');
    expect(tags).not.toContain('index-a.js');
    expect(tags).toContain('<link rel="stylesheet" crossorigin href="/assets/WorkshopPage-d.css">');
    expect(tags).toContain('href="/assets/roles-c.css"');
  });

  it('gives other addresses index.html as built, and every address that when there is no manifest', () => {
    const withManifest = pageHtml(builtClient(true));
    expect(withManifest('/w/abcdefgh')).toContain('WorkshopPage-d.js');
    expect(withManifest('/w/abcdefgh')).toMatch(/<\/title><link rel="modulepreload"[^]*<\/head>/);
    expect(withManifest('/')).toBe(INDEX);
    expect(withManifest('/w/abc/def')).toBe(INDEX);
    expect(pageHtml(builtClient(false))('/w/abcdefgh')).toBe(INDEX);
    expect(pageHtml(path.join(os.tmpdir(), 'no-such-client'))('/w/abcdefgh')).toBeNull();
  });
});
