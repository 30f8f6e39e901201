import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('the schema module owns every Yjs key', () => {
  it('no file outside shared/model opens a Yjs root by name', () => {
    const offenders = ['client', 'server', 'shared']
      .flatMap((d) => sourceFiles(path.join(root, d)))
      .filter((f) => !f.startsWith(path.join(root, 'shared', 'model')))
      .filter((f) => /\.(getMap|getArray|getText|getXmlFragment)\(\s*['"`]/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('the raw root accessors are not exported from the model', async () => {
    const model = await import('../../shared/model/index.js');
    expect(Object.keys(model)).not.toContain('cardsMap');
    expect(Object.keys(model)).not.toContain('metaMap');
  });
});
