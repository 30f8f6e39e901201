import type { Request, Response } from 'express';
import { WORKSHOP_ID_PATTERN } from '../../shared/protocol.js';
import type { Role } from '../../shared/roles.js';
import { refusal, type Action } from '../../shared/rules/rules.js';
import type { Person, WorkshopRecord, WorkshopStore } from '../storage/stores.js';

/** The key a request carries in `Authorization: Bearer <key>` (a workshop's or a programme's link), or null. */
export function bearer(req: Request): string | null {
  const match = req.get('authorization')?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * The workshop and the caller's role from `Authorization: Bearer`, or null after
 * answering 401, 403 or 404 with a message that says what to do.
 */
export interface Access {
  record: WorkshopRecord;
  role: Role;
  /** The person, for a personal link; null for a role's own link. */
  person: Person | null;
  /** The secret the request came with (the host's opens the sealed links). */
  token: string;
}

/**
 * Who the caller is, for their own budget (dots, silent-round cards) and the Yjs ids they
 * write under: the person for a personal link, otherwise the role's link itself.
 */
export function callerKey(access: Pick<Access, 'role' | 'person'>): string {
  return access.person ? `person:${access.person.id}` : `link:${access.role}`;
}

export async function workshopAccess(req: Request, res: Response, workshops: WorkshopStore, allowed?: readonly Role[]): Promise<Access | null> {
  const id = String(req.params.id);
  const token = bearer(req);
  if (!token) {
    res.status(401).json({ error: 'This request needs the workshop link’s key in an "Authorization: Bearer" header.' });
    return null;
  }
  const record = WORKSHOP_ID_PATTERN.test(id) ? await workshops.get(id) : null;
  if (!record) {
    res.status(404).json({ error: 'No workshop exists at this address. Check the link you were given.' });
    return null;
  }
  const identity = await workshops.identify(id, token);
  if (!identity) {
    res.status(401).json({ error: 'This link is not valid for this workshop. Ask the host for a new link.' });
    return null;
  }
  const { role, person } = identity;
  if (allowed && !allowed.includes(role)) {
    res.status(403).json({ error: `Only the ${allowed.join(' or ')} can do this. Ask the host.` });
    return null;
  }
  return { record, role, person, token };
}

/**
 * workshopAccess, then the rules table (shared/rules/rules.ts): 403 with the rule's own
 * words when this role may not do `action` in the workshop's phase now.
 */
export async function accessFor(req: Request, res: Response, workshops: WorkshopStore, action: Action): Promise<Access | null> {
  const access = await workshopAccess(req, res, workshops);
  if (!access) return null;
  const refused = refusal(access.role, workshops.phaseOf(access.record.id), action);
  if (refused) {
    res.status(403).json({ error: refused });
    return null;
  }
  return access;
}
