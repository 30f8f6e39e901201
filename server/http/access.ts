import type { Request, Response } from 'express';
import { WORKSHOP_ID_PATTERN } from '../../shared/protocol.js';
import type { Role } from '../../shared/roles.js';
import type { WorkshopRecord, WorkshopStore } from '../workshops/workshopStore.js';

function bearer(req: Request): string | null {
  const match = req.get('authorization')?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * The workshop and the caller's role from `Authorization: Bearer`, or null after
 * answering 401, 403 or 404 with a message that says what to do.
 */
export function workshopAccess(req: Request, res: Response, workshops: WorkshopStore, allowed?: readonly Role[]): { record: WorkshopRecord; role: Role } | null {
  const id = String(req.params.id);
  const token = bearer(req);
  if (!token) {
    res.status(401).json({ error: 'This request needs the workshop link’s key in an "Authorization: Bearer" header.' });
    return null;
  }
  const record = WORKSHOP_ID_PATTERN.test(id) ? workshops.get(id) : null;
  if (!record) {
    res.status(404).json({ error: 'No workshop exists at this address. Check the link you were given.' });
    return null;
  }
  const role = workshops.roleFor(id, token);
  if (!role) {
    res.status(401).json({ error: 'This link is not valid for this workshop. Ask the host for a new link.' });
    return null;
  }
  if (allowed && !allowed.includes(role)) {
    res.status(403).json({ error: `Only the ${allowed.join(' or ')} can do this. Ask the host.` });
    return null;
  }
  return { record, role };
}
