import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_NAMES, LIMITS, STRUCTURE_LIMITS } from '../../shared/model/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { readImportInWorker } from '../../server/import/importInWorker.js';
import { RICH_TEXT_DEPTH } from '../../shared/model/richText.js';

/**
 * Issue 14, findings 2, 3 and 7 (import): files made to hurt the server. Each is answered
 * with what is wrong and where, and the server goes on answering everyone else meanwhile.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function importFile(body: string, type = 'text/markdown') {
  const res = await fetch(`${server.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, body: (await res.json()) as { error?: string; line?: number; field?: string; id?: string } };
}

const BOARD = '# Workshop\n\n## What is working well\n\n';

/** Imports `text`, asking /healthz again and again until the import is answered. */
async function whileImporting(text: string) {
  let settled = false;
  const pending = importFile(text).finally(() => (settled = true));
  let answeredMeanwhile = 0;
  while (!settled) {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    if (!settled) answeredMeanwhile++;
  }
  return { res: await pending, answeredMeanwhile };
}

describe('a file made to freeze the server', () => {
  it('reads a 120,000-character line of "[" through, off the event loop, and says the title is too long (finding 2)', async () => {
    const { res, answeredMeanwhile } = await whileImporting(`# ${'['.repeat(120_000)}\n\n## What is working well\n`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ line: 1, field: 'title' });
    expect(res.body.error).toMatch(/^Line 1: The title is too long: 120,000 characters/);
    // Five /healthz answers, one after another, while the import was still open: a parse on
    // the event loop would have held them all until the import's own answer.
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(5);
  });

  it('goes on answering other requests while a file is read, and stops a file that takes too long', async () => {
    // One 4.9 MB paragraph of unclosed links: the CommonMark parser's time on it grows with
    // the square of its length, so reading it runs into the deadline, in a worker thread.
    const slow = BOARD + '### Links\n\n' + Array.from({ length: 270 }, () => '[a](b '.repeat(3000)).join('\n') + '\n';
    const { res, answeredMeanwhile } = await whileImporting(slow);
    // The deadline is a timer on the event loop: that it fired at all shows the loop was free.
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/took too long to read \(more than 5 seconds\)/);
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(5);
  });
});

describe('names that are also JavaScript’s own', () => {
  it.each(['constructor', '__proto__', 'toString'])('refuses a file sent as "%s" with 415, and reads headings so named as any other', async (name) => {
    const res = await importFile(BOARD, name);
    expect(res.status).toBe(415);
    const outline = await importFile(`# W\n\n## ${name}\n\n### Card\n\n- **${name}:** x\n\n## What is working well\n\n### ${name}\n`);
    expect(outline.status).toBe(201);
  });
});

describe('the import worker', () => {
  const outline = new TextEncoder().encode(`${BOARD}### Card\n\nText.\n`);

  it('reads a file into a new workshop’s state', async () => {
    const answer = await readImportInWorker('markdown', outline);
    expect(answer).toMatchObject({ ok: true, title: 'Workshop' });
  });

  it('is stopped at its deadline, and says the file took too long', async () => {
    const slow = new TextEncoder().encode(`${BOARD}### Links\n\n${Array.from({ length: 50 }, () => '[a](b '.repeat(1000)).join('\n')}\n`);
    const answer = await readImportInWorker('markdown', slow, { deadlineMs: 200 });
    expect(answer).toMatchObject({ ok: false, status: 400 });
    expect(!answer.ok && answer.error).toMatch(/took too long to read \(more than 0.2 seconds\)/);
  });

  it('is stopped when it runs out of memory, answering 413, and the server process carries on', async () => {
    // A limit the worker starts and reads a small outline within, but 900 long cards not.
    // The deadline is set far off: near its memory limit a worker collects garbage almost
    // constantly, and on a busy machine the usual 5 s passed first (answered 400, in CI).
    const limits = { heapMb: 20, deadlineMs: 120_000, startMs: 60_000 };
    expect(await readImportInWorker('markdown', outline, limits)).toMatchObject({ ok: true });
    const big = new TextEncoder().encode(BOARD + Array.from({ length: 900 }, (_, i) => `### Card ${i}\n\n${'Some words. '.repeat(400)}\n`).join('\n'));
    const answer = await readImportInWorker('markdown', big, limits);
    expect(answer).toMatchObject({ ok: false, status: 413 });
    expect(!answer.ok && answer.error).toMatch(/more memory/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('a list nested 2,500 deep (finding 3)', () => {
  it.each([
    ['indented one more space each line', Array.from({ length: 2500 }, (_, i) => `${' '.repeat(i)}- level ${i}`).join('\n')],
    ['indented two more spaces each line, as far as 5 MB allows', Array.from({ length: 1500 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')],
    ['all on one line', `${'- '.repeat(2500)}deep`],
    ['as quotes', `${'> '.repeat(2500)}deep`],
  ])('is refused with 400 naming the line: %s', async (_name, list) => {
    const res = await importFile(`${BOARD}### Deep\n\n${list}\n`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/nested too deeply/);
    expect(res.body.error).toContain(`at most ${RICH_TEXT_DEPTH} levels deep`);
    expect(res.body.line).toBeGreaterThan(6);
    expect(res.body.error).toMatch(new RegExp(`^Line ${res.body.line}: `));
  });
});

describe('text longer than a field holds (finding 7, import)', () => {
  const long = (field: keyof typeof LIMITS) => 'x'.repeat(LIMITS[field] + 1);
  it.each([
    ['title', `# ${long('title')}\n\n## What is working well\n`, 1],
    ['headline', `${BOARD}### ${long('headline')}\n`, 5],
    ['quote', `${BOARD}### Card\n\n> ${long('quote')}\n`, 7],
    ['body', `${BOARD}### Card\n\n${Array.from({ length: 5 }, () => 'y'.repeat(LIMITS.body / 4)).join('\n\n')}\n`, 5],
    ['lead', `# W\n\n## Towards action\n\n### Act\n\n- **Lead:** ${long('lead')}\n`, 7],
    ['timescale', `# W\n\n## Towards action\n\n### Act\n\n- **Timescale:** ${long('timescale')}\n`, 7],
  ] as const)('refuses a %s that is too long, naming the line and the field', async (field, text, line) => {
    const res = await importFile(text);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ line, field });
    expect(res.body.error).toContain(`The ${FIELD_NAMES[field]} is too long`);
    expect(res.body.error).toContain(LIMITS[field].toLocaleString('en-GB'));
  });

  it(`refuses more than ${STRUCTURE_LIMITS.maxCards} cards, naming the first one over`, async () => {
    const cards = Array.from({ length: STRUCTURE_LIMITS.maxCards + 1 }, (_, i) => `### Card ${i}`).join('\n');
    const res = await importFile(BOARD + cards + '\n');
    expect(res.status).toBe(413);
    expect(res.body.line).toBe(5 + STRUCTURE_LIMITS.maxCards);
    expect(res.body.error).toContain(STRUCTURE_LIMITS.maxCards.toLocaleString('en-GB'));
  });

  it('still takes a file whose every field is exactly at its limit', async () => {
    const text = `# ${'t'.repeat(LIMITS.title)}\n\n## What is working well\n\n### ${'h'.repeat(LIMITS.headline)}\n\n> ${'q'.repeat(LIMITS.quote)}\n\n${'b'.repeat(LIMITS.body)}\n`;
    const res = await importFile(text);
    expect(res.status).toBe(201);
  });
});
