import * as Y from 'yjs';
import type { Role } from '../../shared/roles.js';
import type { Phase } from '../../shared/session/phases.js';
import type { StructureLimits } from '../../shared/model/limits.js';
import { refusal } from '../../shared/rules/rules.js';
import { inspectUpdate } from '../../shared/model/inspect/inspect.js';
import { MalformedUpdate, type DeleteRange } from '../../shared/model/inspect/decode.js';
import { declaredPieces, endsWithItsDeletions } from '../../shared/model/inspect/pieceCount.js';
import { placeholdersOnly, withoutRefused } from '../../shared/model/inspect/rewrite.js';
import type { Resolved } from '../../shared/model/inspect/places.js';

/** Who sent a change: their role, the phase now, and who they are (for the Yjs client ids they may write under). */
export interface Writer {
  role: Role;
  phase: Phase;
  /** The person (or, for a link without personal identity, the link) a connection speaks for. */
  owner: string;
}

/** One refused part of a change, to tell its sender. */
export interface Refusal {
  message: string;
  /** The card it was in, to show the message beside it. */
  card: string | null;
  /** Deletions that were not kept: the sender's copy must not send them again. */
  deletes: DeleteRange[];
}

export type Verdict =
  /**
   * Apply `update` (the change as sent, or without its refused parts), then tell the
   * sender of any refusals. `asSent`: nothing was refused, and the change is typing that
   * holds only what is new to the workshop, in bytes that end where the change does; the
   * others may be sent it as it came, before it is applied (room.ts).
   */
  | { kind: 'apply'; update: Uint8Array; refusals: Refusal[]; claims: number[]; asSent: boolean }
  /**
   * The change builds on what this workshop does not have: apply nothing, bring the
   * sender back in step. `lookup`: a client id this server has not seen claimed, which
   * another server may have: ask the store before the sender's next try.
   */
  | { kind: 'missing'; message: string; lookup?: number }
  /**
   * Refused as a whole. `fill` (placeholders for the sender's own new structs) is applied
   * so that its later changes still follow on; it is null when the change was written
   * under someone else's ids, which must stay theirs.
   */
  | { kind: 'refuse'; refusals: Refusal[]; fill: Uint8Array | null; claims: number[] };

export interface CheckContext {
  doc: Y.Doc;
  /** Who writes under each Yjs client id in this workshop. */
  owners: ReadonlyMap<number, string>;
  /**
   * Whether an id the document already holds changes of, with no one recorded as its
   * writer, may be claimed now (legacy data, one server). With several servers another
   * may have recorded it: false until the store has been asked.
   */
  mayClaimExisting: (client: number) => boolean;
  /** The workshop's size as stored, and the most it may grow to. */
  storedBytes: number;
  maxWorkshopBytes: number;
  limits: StructureLimits;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Decides a client's change before any of it is applied. The server's document, the
 * log, and every other client only ever see what passes: there is nothing to take back.
 * Throws MalformedUpdate for bytes no real client sends (the connection is closed).
 */
export function checkUpdate(ctx: CheckContext, writer: Writer, update: Uint8Array): Verdict {
  const { doc } = ctx;
  const tooMany = (held: number): string =>
    `One change can hold at most ${ctx.limits.maxItemsPerUpdate.toLocaleString('en-GB')} pieces; this one held ${held.toLocaleString('en-GB')}, so it was not kept. Make it in smaller steps.`;
  // Far too big is refused before it is read (nothing of it is kept, not even placeholders).
  const declared = declaredPieces(update, ctx.limits.maxItemsPerUpdate);
  if (declared > ctx.limits.maxItemsPerUpdate) {
    // Every piece takes at least two bytes: declaring more than the bytes could hold is not a change at all.
    if (declared * 2 > update.length) throw new MalformedUpdate('a change declares more pieces than it holds bytes');
    return { kind: 'refuse', fill: null, claims: [], refusals: [{ message: tooMany(declared), card: null, deletes: [] }] };
  }
  const inspection = inspectUpdate(doc, update, ctx.limits);
  if (inspection.missing) return { kind: 'missing', message: `This change was not kept yet: ${inspection.missing}.` };

  // Each Yjs client id belongs to the person who first wrote under it.
  const claims: number[] = [];
  for (const client of inspection.clients.keys()) {
    const owner = ctx.owners.get(client);
    if (owner === writer.owner) continue;
    if (owner === undefined && client !== doc.clientID) {
      if (Y.getState(doc.store, client) > 0 && !ctx.mayClaimExisting(client)) {
        return { kind: 'missing', message: 'This change was not kept yet: checking who writes it.', lookup: client };
      }
      claims.push(client);
      continue;
    }
    return {
      kind: 'refuse',
      fill: null,
      claims: [],
      refusals: [{ message: 'This change was written as if by someone else, so it was not kept. Reload the page to carry on.', card: null, deletes: [] }],
    };
  }
  const own = new Set(inspection.clients.keys());
  const whole = (message: string): Verdict => ({
    kind: 'refuse',
    fill: inspection.resolved.length > 0 ? placeholdersOnly(inspection.resolved, own) : null,
    claims,
    refusals: [{ message, card: null, deletes: [...inspection.units.values()].flatMap((u) => u.deletes) }],
  });
  if (inspection.itemCount > ctx.limits.maxItemsPerUpdate) {
    return whole(tooMany(inspection.itemCount));
  }
  if (ctx.storedBytes + update.length > ctx.maxWorkshopBytes && inspection.resolved.length > 0) {
    return whole(`This workshop has reached its size limit (${mb(ctx.maxWorkshopBytes)} MB), so the change was not kept. Ask the host to export it and start a new one.`);
  }

  const refusals: Refusal[] = [];
  const refusedItems = new Set<Resolved>();
  const refusedDeletes: DeleteRange[] = [];
  for (const unit of inspection.units.values()) {
    const reason = unit.problems[0] ?? firstRefusal(writer, unit.actions);
    if (reason === null) continue;
    refusals.push({ message: reason, card: unit.cardId, deletes: unit.deletes });
    for (const r of unit.items) refusedItems.add(r);
    refusedDeletes.push(...unit.deletes);
  }
  if (refusals.length === 0) {
    const changes = inspection.resolved.length > 0 || inspection.deletes.length > 0;
    const typing = inspection.clients.size <= 1 && typingOnly(inspection.resolved) && inspection.deletesOnlyText;
    return { kind: 'apply', update, refusals, claims, asSent: changes && typing && inspection.onlyNew && endsWithItsDeletions(update) };
  }
  return { kind: 'apply', update: withoutRefused(inspection.resolved, refusedItems, inspection.deletes, refusedDeletes), refusals, claims, asSent: false };
}

/**
 * Whether every new piece is text put in a place the check found and judged (a keystroke,
 * a paste of words): with one writer and deletions of text only, the only kind of change
 * relayed before the server has applied it. Anything else (a card, a paragraph, a mark,
 * text that lands nowhere and that Yjs turns into a placeholder) waits for Yjs to apply it
 * here first: should the check ever pass something Yjs cannot apply, the server fails on
 * it before any browser sees it, and nothing unjudged travels.
 */
function typingOnly(resolved: readonly Resolved[]): boolean {
  return resolved.every((r) => r.parent !== null && r.place !== null && r.ns.struct instanceof Y.Item && r.ns.struct.content instanceof Y.ContentString);
}

function firstRefusal(writer: Writer, actions: Parameters<typeof refusal>[2][]): string | null {
  for (const action of actions) {
    const reason = refusal(writer.role, writer.phase, action);
    if (reason !== null) return reason;
  }
  return null;
}
