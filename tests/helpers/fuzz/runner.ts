import type { Role } from '../../../shared/roles.js';
import { attackActor, churnActor, honestActor, phaseActor, type Stage } from './actors.js';
import { seat, type FuzzWorkshop } from './cast.js';
import { HealthProbe } from './healthProbe.js';
import type { Person } from './people.js';
import { Random } from './random.js';
import { Tally } from './tally.js';

export interface FuzzOptions {
  seed: number;
  seconds: number;
  scale: 'light' | 'full';
  workshops: number;
  /** Stock clients of each role in every workshop, besides the host who watches. */
  people: Record<Role, number>;
  attackersPerWorkshop: number;
  /** Crafted messages per second per attacker, and honest operations per second per workshop (the server may slow both). */
  attackRate: number;
  honestRate: number;
  /** How often some workshop's phase is moved, and how often someone's connection drops. */
  phaseEveryMs: number;
  churnEveryMs: number;
  maxMessageBytes: number;
  /** Stop early once this many messages have gone (the short run in the test suite). */
  stopAfterMessages?: number;
}

/** Sizes for `npm run fuzz` (full) and the short run in `npm test` (light). */
export const FULL: Omit<FuzzOptions, 'seed' | 'seconds'> = {
  scale: 'full',
  workshops: 4,
  people: { host: 1, facilitator: 2, participant: 3, viewer: 2 },
  attackersPerWorkshop: 4,
  attackRate: 40,
  honestRate: 20,
  phaseEveryMs: 3_000,
  churnEveryMs: 6_000,
  maxMessageBytes: 2 * 1024 * 1024,
};

export const LIGHT: Omit<FuzzOptions, 'seed' | 'seconds'> = {
  ...FULL,
  scale: 'light',
  workshops: 3,
  people: { host: 1, facilitator: 1, participant: 2, viewer: 1 },
  attackersPerWorkshop: 2,
  attackRate: 30,
  honestRate: 12,
  phaseEveryMs: 2_000,
  churnEveryMs: 4_000,
};

/**
 * A fuzz run against a server already started: workshops with people of every role,
 * attackers beside them, the phase moving, and /healthz asked every 100 ms throughout
 * (from a thread of its own). `run` returns once the time is up and every actor has
 * stopped; the people and the probe stay until `leave` and `probe.stop`, for the checks.
 */
export class FuzzSession {
  readonly tally = new Tally();
  readonly problems: string[] = [];
  readonly log: Stage['log'] = [];
  startedAt = 0;
  endedAt = 0;

  private constructor(
    readonly server: { url: string; wsUrl: string },
    readonly options: FuzzOptions,
    readonly random: Random,
    readonly workshops: FuzzWorkshop[],
    readonly probe: HealthProbe,
  ) {}

  static async start(server: { url: string; wsUrl: string }, options: FuzzOptions): Promise<FuzzSession> {
    const random = new Random(options.seed);
    const probe = new HealthProbe(server.url);
    try {
      const workshops = await seat(server, random.stream('seating'), options.workshops, options.people);
      return new FuzzSession(server, options, random, workshops, probe);
    } catch (err) {
      await probe.stop();
      throw err;
    }
  }

  async run(): Promise<void> {
    const o = this.options;
    this.startedAt = Date.now();
    const stage: Stage = {
      url: this.server.url,
      wsUrl: this.server.wsUrl,
      until: this.startedAt + o.seconds * 1000,
      enough: () => o.stopAfterMessages !== undefined && this.tally.sentBy('crafted') + this.honestSent() >= o.stopAfterMessages,
      scale: o.scale,
      maxMessageBytes: o.maxMessageBytes,
      tally: this.tally,
      problems: this.problems,
      log: this.log,
    };
    const actors: Promise<void>[] = [phaseActor(stage, this.workshops, this.random.stream('phases'), o.phaseEveryMs)];
    this.workshops.forEach((w, i) => {
      actors.push(honestActor(stage, w, this.random.stream(`honest ${i}`), o.honestRate));
      actors.push(churnActor(stage, w, this.random.stream(`churn ${i}`), o.churnEveryMs));
      for (let k = 0; k < o.attackersPerWorkshop; k++) actors.push(attackActor(stage, w, this.random.stream(`attacker ${i}.${k}`), o.attackRate));
    });
    await Promise.all(actors);
    this.endedAt = Date.now();
    // Everyone whose connection was dropped on purpose is back before anything is compared.
    for (const w of this.workshops) for (const p of w.people) if (!p.provider.shouldConnect) p.provider.connect();
    for (const w of this.workshops) {
      for (const p of [w.watcher, ...w.people]) {
        this.tally.count(this.tally.sent, 'honest messages', p.sent);
        for (const refusal of p.refusals) this.tally.refused(refusal);
        for (const code of p.closes) this.tally.count(this.tally.closes, `honest ${code}`);
      }
    }
  }

  private honestSent(): number {
    let n = 0;
    for (const w of this.workshops) for (const p of [w.watcher, ...w.people]) n += p.sent;
    return n;
  }

  /** Messages sent in all: crafted ones, and one per honest change a connected person made. */
  get messages(): number {
    return this.tally.sentBy('crafted') + (this.tally.sent.get('honest messages') ?? 0);
  }

  private left = new Set<Person>();

  /** Everyone but the watching hosts goes: after this nothing changes the workshops but the watchers. */
  leavePeople(): void {
    for (const w of this.workshops) for (const p of w.people) this.goes(p);
  }

  leave(): void {
    for (const w of this.workshops) for (const p of [w.watcher, ...w.people]) this.goes(p);
  }

  private goes(p: Person): void {
    if (this.left.has(p)) return;
    this.left.add(p);
    p.leave();
  }
}
