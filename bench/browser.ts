/**
 * The browser scenario (Cairn only): in headless Chromium driven by Playwright, a board of
 * N cards of ~100 words each.
 *
 * - First render: time from navigation start to all N cards on the page with their words:
 *   each card's headline and body text in the page (a card drawn empty, or waiting for its
 *   editor, does not count), each load in a fresh browser context. Then to every card
 *   on the first screen being ready to write in (its headline a field).
 * - Key to other screen: a facilitator types into one card's body in context A at about
 *   ten keys a second; context B (a participant) records when each character appears in
 *   its copy of that card.
 *
 * Every time is taken inside the browsers, as performance.timeOrigin + performance.now()
 * (or + event.timeStamp), so neither Playwright's round trips nor Node's event loop are
 * in the figures; both contexts run on this machine, so their clocks agree.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readBoards } from '../shared/model/index.js';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium-path.mjs';
import { createWorkshop } from '../tests/helpers/server.js';
import { bigBoard } from './boardFixture.js';
import { CPU_PLAN, percentile, sleep, startPeer, within, yWebsocketClient } from './harness.js';
import { affinityOf, descendantsOf, sameCores } from './pinning.js';
import type { Figures } from './scenarios.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLIENT_INDEX = path.join(ROOT, 'dist', 'client', 'index.html');
/** What A types: letters and single spaces only, so no input rule or autocorrection changes it. */
const TYPED = 'the team agreed that relationships across schools and central officers are strong and improving ';
const CARD_SELECTOR = 'article.card';
const BODY_SELECTOR = '.card-body__editor';
const HEADLINE_SELECTOR = '.card__headline';
const CARET_SELECTOR = '.collaboration-carets__caret, .collaboration-carets__label';

/** The client is served from dist/client: build it when it is not there. */
function ensureClientBuilt(): void {
  if (fs.existsSync(CLIENT_INDEX)) return;
  process.stderr.write('(building the client: npx vite build) ');
  try {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    throw new Error(`The browser scenario needs the built client in dist/client, and "npx vite build" failed: ${(err as { stderr?: Buffer }).stderr ?? err}`);
  }
  if (!fs.existsSync(CLIENT_INDEX)) throw new Error('The browser scenario needs dist/client/index.html; run "npx vite build" and try again.');
}

const cardCount = (doc: Y.Doc) => Object.values(readBoards(doc)).reduce((n, b) => n + b.length, 0);

/** Puts the board on the server with the host's link, and waits until a fresh client sees all of it. */
async function seedBoard(wsUrl: string, room: string, hostToken: string, viewerToken: string, board: Y.Doc): Promise<void> {
  const target = cardCount(board);
  const seeder = yWebsocketClient(wsUrl, room, { token: hostToken });
  try {
    await within(10_000, 'the seeding client to connect', seeder.synced());
    Y.applyUpdate(seeder.doc, Y.encodeStateAsUpdate(board));
    await within(30_000, 'the seeded board to reach the server', (async () => {
      for (;;) {
        await sleep(100);
        const probe = yWebsocketClient(wsUrl, room, { token: viewerToken });
        try {
          await within(10_000, 'a probe to sync', probe.synced());
          if (cardCount(probe.doc) === target) return;
        } finally {
          probe.destroy();
        }
      }
    })());
  } finally {
    seeder.destroy();
  }
}

/** Runs in every page before the app: a remembered name (no name dialog) and the render clock. */
function renderClockScript({ target, cardSelector, bodySelector, headlineSelector }: { target: number; cardSelector: string; bodySelector: string; headlineSelector: string }) {
  try {
    if (!localStorage.getItem('cairn:name')) localStorage.setItem('cairn:name', 'Bench person');
  } catch {
    // No storage: the name dialog would show and the load would time out, saying so.
  }
  const w = window as unknown as { __cardsAt?: number; __bodiesAt?: number; __editableAt?: number };
  // Every card in the board has a headline and a body with words: the headline as a field
  // (its value) or as text, the body as the editor or as text.
  const headlineOf = (card: Element) => {
    const h = card.querySelector(headlineSelector);
    return h instanceof HTMLTextAreaElement ? h.value : (h?.textContent ?? '');
  };
  const drawn = (card: Element) => headlineOf(card).trim() !== '' && !!card.querySelector(bodySelector)?.textContent?.trim();
  const onScreen = (card: Element) => {
    const r = card.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
  };
  // Checked once per frame: a card counts when it is in the page, with its words, for the frame being drawn.
  const tick = () => {
    const now = performance.now();
    if (w.__cardsAt === undefined) {
      const cards = document.querySelectorAll(cardSelector);
      let n = 0;
      if (cards.length >= target) cards.forEach((c) => (n += drawn(c) ? 1 : 0));
      if (n >= target) w.__cardsAt = now;
    }
    if (w.__cardsAt !== undefined && w.__bodiesAt === undefined) {
      const bodies = document.querySelectorAll(bodySelector);
      let filled = 0;
      bodies.forEach((b) => (filled += b.textContent ? 1 : 0));
      if (filled >= target) w.__bodiesAt = now;
    }
    if (w.__cardsAt !== undefined && w.__editableAt === undefined) {
      const shown = [...document.querySelectorAll(cardSelector)].filter(onScreen);
      if (shown.length > 0 && shown.every((c) => c.querySelector(headlineSelector) instanceof HTMLTextAreaElement)) w.__editableAt = now;
    }
    if (w.__bodiesAt === undefined || w.__editableAt === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  // When the board's live connection sends and receives document updates (y-websocket:
  // message type 0 = sync, 2 = update), to split the delay into its parts. The session
  // document has its own socket and is left out.
  const sent: number[] = ((window as unknown as { __sent: number[] }).__sent = []);
  const received: number[] = ((window as unknown as { __received: number[] }).__received = []);
  const isUpdate = (d: Uint8Array) => d[0] === 0 && d[1] === 2;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (String(url).includes('/session')) return;
      // Added before the provider sets onmessage, so it runs first.
      this.addEventListener('message', (e) => {
        if (e.data instanceof ArrayBuffer && isUpdate(new Uint8Array(e.data))) received.push(performance.timeOrigin + performance.now());
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      if (!this.url.includes('/session') && ArrayBuffer.isView(data) && isUpdate(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))) {
        sent.push(performance.timeOrigin + performance.now());
      }
      super.send(data);
    }
  };
}

interface Load {
  context: BrowserContext;
  page: Page;
  /** Navigation start to all cards in the page, ms. */
  cardsMs: number;
  /** Navigation start to every card's body showing its text, ms. */
  bodiesMs: number;
  /** Navigation start to every card on the first screen having its fields, ms. */
  editableMs: number;
}

async function openBoard(browser: Browser, link: string, cards: number, name: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    context.setDefaultTimeout(60_000);
    // tsx compiles this file with esbuild's keepNames, whose __name(…) calls travel with every
    // function handed to the page: give the page a do-nothing __name first.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript(renderClockScript, { target: cards, cardSelector: CARD_SELECTOR, bodySelector: BODY_SELECTOR, headlineSelector: HEADLINE_SELECTOR });
    const page = await context.newPage();
    page.on('pageerror', (err) => process.stderr.write(`\n[${name}] page error: ${err.message}\n`));
    await page.goto(link, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => {
        const w = window as unknown as { __bodiesAt?: number; __editableAt?: number };
        return w.__bodiesAt !== undefined && w.__editableAt !== undefined;
      },
      undefined,
      { polling: 100, timeout: 60_000 },
    );
    const { cardsMs, bodiesMs, editableMs } = await page.evaluate(() => {
      const w = window as unknown as { __cardsAt: number; __bodiesAt: number; __editableAt: number };
      return { cardsMs: w.__cardsAt, bodiesMs: w.__bodiesAt, editableMs: w.__editableAt };
    });
    return { context, page, cardsMs, bodiesMs, editableMs };
  } catch (err) {
    await context.close().catch(() => undefined);
    throw new Error(`${name}: the board of ${cards} cards did not render: ${(err as Error).message}`);
  }
}

/** In B: watch one card and record, per character that arrives in its body, when it did. */
function watchCard({ cardId, bodySelector, caretSelector }: { cardId: string; bodySelector: string; caretSelector: string }) {
  const card = document.getElementById(`card-${cardId}`);
  if (!card) throw new Error(`card ${cardId} is not on the page`);
  // The body's own text, without other people's caret labels (Tiptap puts them inside it).
  const length = () => {
    const editor = card.querySelector(bodySelector);
    if (!editor) return 0;
    let n = 0;
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) if (!t.parentElement?.closest(caretSelector)) n += t.textContent?.length ?? 0;
    return n;
  };
  const base = length();
  const w = window as unknown as { __arrivals: number[]; __arrivalFrames: number[] };
  w.__arrivals = [];
  w.__arrivalFrames = [];
  new MutationObserver(() => {
    const at = performance.timeOrigin + performance.now();
    const from = w.__arrivals.length;
    const n = length() - base;
    if (n <= from) return;
    for (let k = from; k < n; k++) w.__arrivals.push(at);
    // And the frame that draws them.
    requestAnimationFrame(() => {
      const frame = performance.timeOrigin + performance.now();
      for (let k = from; k < n; k++) w.__arrivalFrames[k] = frame;
    });
  }).observe(card, { subtree: true, childList: true, characterData: true });
}

/** In A: record when each printable key went down in the typing card. */
function recordKeys({ cardId }: { cardId: string }) {
  const card = document.getElementById(`card-${cardId}`);
  const w = window as unknown as { __keys: number[] };
  w.__keys = [];
  document.addEventListener(
    'keydown',
    (e) => {
      if (e.key.length !== 1 || !card?.contains(e.target as Node)) return;
      const now = performance.now();
      // The event's own time is when the browser took the key; fall back to now if it is not on this clock.
      const t = e.timeStamp > 0 && e.timeStamp <= now && now - e.timeStamp < 1000 ? e.timeStamp : now;
      w.__keys.push(performance.timeOrigin + t);
    },
    { capture: true },
  );
}

/** Chromium inherits this process's cores (the clients'): checked, since its processes do the work measured. */
function assertChromiumOnClientCores(): void {
  const plan = CPU_PLAN;
  if (!plan.pinned) return;
  const name = (pid: number) => {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      return ''; // gone meanwhile
    }
  };
  const stray = descendantsOf(process.pid)
    .map((pid) => ({ pid, cores: affinityOf(pid), name: name(pid) }))
    .filter((p) => /chrom/i.test(p.name) && p.cores !== null && !sameCores(p.cores, plan.clients));
  if (stray.length > 0) throw new Error(`Chromium process ${stray[0]!.pid} runs on core(s) ${stray[0]!.cores}, not the clients' ${plan.clients}`);
}

export async function browserFigures(o: { cards: number; presses: number; loads?: number }): Promise<Figures> {
  const loads = Math.max(1, o.loads ?? 3);
  process.stderr.write(`browser, ${o.cards} cards, ${o.presses} key presses: Chromium… `);
  ensureClientBuilt();
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found. Run "apt-get install -y chromium" or set CHROMIUM_PATH.');

  let server: Awaited<ReturnType<typeof startPeer>> | undefined;
  let browser: Browser | undefined;
  try {
    // The real server, as its own process on the servers' core, with its default limits,
    // built as `npm start` runs it, like the other scenarios (see builtServer in harness.ts).
    server = await startPeer('cairn', {}, { inspect: false, ownLimits: true });
    const wsUrl = `${server.url!.replace(/^http/, 'ws')}/collab`;
    const workshop = await createWorkshop({ url: server.url! }, { title: 'Browser benchmark' });
    const board = bigBoard(o.cards);
    await seedBoard(wsUrl, workshop.id, workshop.tokens.host, workshop.tokens.viewer, board);
    // The typing card: the first finding, at the top of the first column on both screens.
    const cardId = readBoards(board)['working-well'][0]!.id;
    board.destroy();

    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    assertChromiumOnClientCores();
    // First render, each in a fresh context (nothing cached, no copy on the device); the last one stays as A.
    const firstRender: Load[] = [];
    for (let i = 0; i < loads; i++) {
      if (i > 0) await firstRender[i - 1]!.context.close();
      firstRender.push(await openBoard(browser, workshop.links.facilitator, o.cards, `load ${i + 1}`));
    }
    const a = firstRender[firstRender.length - 1]!;
    const b = await openBoard(browser, workshop.links.participant, o.cards, 'B');
    const cardsMs = firstRender.map((l) => l.cardsMs);
    const bodiesMs = firstRender.map((l) => l.bodiesMs);
    const editableMs = firstRender.map((l) => l.editableMs);

    await b.page.evaluate(watchCard, { cardId, bodySelector: BODY_SELECTOR, caretSelector: CARET_SELECTOR });
    await a.page.evaluate(recordKeys, { cardId });
    // Click into the body and wait until its editor has the caret (the client may load the editor on demand).
    await a.page.locator(`#card-${cardId}-body`).click();
    await a.page.waitForFunction(
      (id) => {
        const el = document.getElementById(`card-${id}-body`);
        return !!el && el.isContentEditable && el.contains(document.activeElement);
      },
      cardId,
      { polling: 50, timeout: 20_000 },
    );
    await a.page.keyboard.press('End');
    // Let the caret's presence reach B first, so the first key is not also drawing a new caret.
    await sleep(500);
    const sentBefore = await a.page.evaluate(() => (window as unknown as { __sent: number[] }).__sent.length);
    const receivedBefore = await b.page.evaluate(() => (window as unknown as { __received: number[] }).__received.length);
    const typed = Array.from({ length: o.presses }, (_, i) => TYPED[i % TYPED.length]!).join('');
    // About ten keys a second, as a person types.
    await a.page.keyboard.type(typed, { delay: 100 });
    await b.page
      .waitForFunction((n) => (window as unknown as { __arrivals: number[] }).__arrivals.length >= n, o.presses, { polling: 50, timeout: 15_000 })
      .catch(() => undefined);
    await sleep(100); // the last frame
    const keys = await a.page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
    const { arrivals, frames } = await b.page.evaluate(() => {
      const w = window as unknown as { __arrivals: number[]; __arrivalFrames: number[] };
      return { arrivals: w.__arrivals, frames: w.__arrivalFrames };
    });
    const sent = (await a.page.evaluate(() => (window as unknown as { __sent: number[] }).__sent)).slice(sentBefore);
    const received = (await b.page.evaluate(() => (window as unknown as { __received: number[] }).__received)).slice(receivedBefore);
    if (keys.length !== o.presses) throw new Error(`A recorded ${keys.length} of ${o.presses} key presses`);
    const delays = arrivals.slice(0, o.presses).map((t, k) => t - keys[k]!);
    const frameDelays = frames.slice(0, o.presses).map((t, k) => (t ?? NaN) - keys[k]!).filter((d) => !Number.isNaN(d));
    // The parts, when every key made exactly one update each way (else they cannot be paired).
    const paired = sent.length === o.presses && received.length === o.presses && arrivals.length >= o.presses;
    const part = (to: number[], from: number[]) => (paired ? percentile(to.map((t, k) => t - from[k]!), 50) : NaN);
    process.stderr.write('done\n');
    return {
      'first render of all cards p50 ms': percentile(cardsMs, 50),
      'first render of all cards max ms': percentile(cardsMs, 100),
      'all card bodies filled p50 ms': percentile(bodiesMs, 50),
      'first screen of cards ready to write in p50 ms': percentile(editableMs, 50),
      'key to other screen p50 ms': percentile(delays, 50),
      'key to other screen p99 ms': percentile(delays, 99),
      'key to other screen max ms': percentile(delays, 100),
      'key to other screen, drawn p99 ms': percentile(frameDelays, 99),
      'of which key to sent by A p50 ms': part(sent, keys),
      'of which sent to received by B p50 ms': part(received, sent),
      'of which received to B’s page p50 ms': part(arrivals, received),
      'keys arrived %': (100 * Math.min(arrivals.length, o.presses)) / o.presses,
    };
  } finally {
    await browser?.close().catch(() => undefined);
    // SIGTERM first, for a clean stop; SIGKILL if it does not stop in time (and at exit, by the harness, if all else fails).
    await server?.stop();
    if (server?.dataDir) fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}
