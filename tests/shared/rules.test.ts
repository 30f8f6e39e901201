// Issue 15, case 9: one table of rules, read by the interface and by the server.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, may, refusal, type Action } from '../../shared/rules/rules.js';
import { PHASES } from '../../shared/session/phases.js';
import { ROLES } from '../../shared/roles.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const read = (dir: string): string[] =>
  fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? read(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));

describe('the rules table', () => {
  it('covers the Agreed phase, agreed cards, setup, fieldwork, offers, boards per phase, versions and the session', () => {
    const participant = (phase: (typeof PHASES)[number], a: Action) => may('participant', phase, a);
    expect(participant('part1', { kind: 'card.add', board: 'working-well' })).toBe(true);
    expect(participant('part1', { kind: 'card.add', board: 'action' })).toBe(false);
    expect(participant('part1', { kind: 'card.move', agreed: false, to: 'action' })).toBe(false);
    expect(participant('part2', { kind: 'card.edit', agreed: true })).toBe(false);
    expect(participant('part2', { kind: 'card.edit', agreed: false })).toBe(true);
    for (const kind of ['card.agree', 'setup.edit', 'fieldwork.edit', 'offers.edit', 'version.restore', 'links.manage'] as const) {
      expect(participant('preparing', { kind } as Action)).toBe(false);
    }
    expect(participant('preparing', { kind: 'fieldwork.notes' })).toBe(true);
    expect(may('facilitator', 'agreed', { kind: 'card.edit', agreed: false })).toBe(false);
    expect(may('facilitator', 'agreed', { kind: 'version.restore' })).toBe(false);
    expect(may('facilitator', 'agreed', { kind: 'session.run', what: 'round' })).toBe(false);
    expect(may('facilitator', 'agreed', { kind: 'session.run', what: 'phase' })).toBe(true);
    expect(may('host', 'agreed', { kind: 'card.edit', agreed: true })).toBe(true);
    for (const role of ROLES) for (const phase of PHASES) expect(refusal(role, phase, { kind: 'card.add', board: 'development' }) === null).toBe(role === 'host' || (role !== 'viewer' && phase !== 'agreed' && (role === 'facilitator' || phase !== 'part2')));
    // Every refusal says why, in words for the person.
    for (const kind of Object.keys(RULES)) expect(typeof kind).toBe('string');
    expect(refusal('participant', 'part1', { kind: 'card.add', board: 'action' })).toMatch(/^During Part 1/);
  });

  it('is the only place the interface and the server read who may do what', () => {
    const offenders = [...read('client'), ...read('server')].filter((f) => {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      // The old helpers, and role checks standing in for a rule.
      return /\b(mayAddTo|mayEditCard|canSetUp|refusalFor)\b/.test(text) || /role === 'host' \|\| role === 'facilitator'/.test(text);
    });
    expect(offenders).toEqual([]);
    expect(fs.existsSync(path.join(root, 'server/collab/editRules.ts'))).toBe(false);
  });
});
