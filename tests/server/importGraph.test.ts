// Issue 17: the server's core had connection.ts, room.ts and roomManager.ts importing each
// other in a circle (types included). This keeps every circle out of server/ and shared/: a module's place
// in the life of a document (load, check, apply, store, relay, unload) is one-way.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  const stack = [path.join(ROOT, dir)];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (/\.tsx?$/.test(e.name)) out.push(p);
    }
  }
  return out;
}

/** Relative imports, types included: a circle of types still ties modules into one knot. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/gms)) {
    const target = path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts'));
    found.push(fs.existsSync(target) ? target : target.replace(/\.ts$/, '.tsx'));
  }
  return found;
}

/** One circle, if there is any: an iterative depth-first walk (three colours). */
function findCircle(graph: Map<string, string[]>): string[] | null {
  const colour = new Map<string, 1 | 2>();
  for (const start of graph.keys()) {
    if (colour.has(start)) continue;
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    colour.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edges = graph.get(top.node) ?? [];
      if (top.next >= edges.length) {
        colour.set(top.node, 2);
        stack.pop();
        continue;
      }
      const to = edges[top.next++]!;
      if (colour.get(to) === 1) return [...stack.slice(stack.findIndex((s) => s.node === to)).map((s) => s.node), to];
      if (!colour.has(to)) {
        colour.set(to, 1);
        stack.push({ node: to, next: 0 });
      }
    }
  }
  return null;
}

describe('imports in server/ and shared/', () => {
  const files = [...sources('server'), ...sources('shared')];
  const graph = new Map(files.map((f) => [f, importsOf(f)]));

  it('sees the imports it should (the walk is not blind)', () => {
    const room = graph.get(path.join(ROOT, 'server/collab/room.ts'))!;
    expect(room).toContain(path.join(ROOT, 'server/collab/check.ts'));
    expect(findCircle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
  });

  it('go one way: no module imports itself through others', () => {
    const circle = findCircle(graph);
    expect(circle?.map((f) => path.relative(ROOT, f)) ?? null).toBeNull();
  });
});
