import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { Role } from '../../shared/roles.js';
import type { PresenceUser } from './presence.js';
import type { RefusalNotices } from './refusalNotices.js';

export interface Workshop {
  id: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  role: Role;
  canEdit: boolean;
  user: PresenceUser;
  /** The link's secret, for requests to the server (kept on this device, never shown). */
  secret: string;
  /** Why the server kept part of this person's changes out, per card. */
  notices: RefusalNotices;
}

export const WorkshopContext = createContext<Workshop | null>(null);

export function useWorkshop(): Workshop {
  const workshop = useContext(WorkshopContext);
  if (!workshop) throw new Error('useWorkshop is used outside an open workshop.');
  return workshop;
}
