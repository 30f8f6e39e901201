import type { Logger } from 'pino';
import type { Bus } from './bus.js';
import type { RoomManager } from '../collab/roomManager.js';
import type { WorkshopStore } from '../storage/stores.js';
import { CLOSE, SESSION_ROOM_SUFFIX } from '../../shared/protocol.js';

type Close = { code: number; reason: string };

/** What every server must do at once, whichever server was asked. */
type Notice =
  | { t: 'close-role'; w: string; role: string; close: Close }
  | { t: 'close-owner'; w: string; owner: string; close: Close }
  | { t: 'erase'; w: string }
  | { t: 'forget'; w: string };

const CHANNEL = 'control';

/**
 * The things that must happen on every server, not only the one asked: a changed link
 * closes that role's connections everywhere, a withdrawn personal link its person's, an
 * erased workshop is closed everywhere without being written back, and a changed phase
 * or link is forgotten from every server's memory. With one server, only here.
 */
export class Cluster {
  constructor(
    private readonly rooms: RoomManager,
    private readonly workshops: WorkshopStore,
    private readonly bus: Bus | null,
    private readonly log: Logger,
  ) {
    bus?.subscribe(CHANNEL, (message) => {
      try {
        void this.act(JSON.parse(Buffer.from(message).toString('utf8')) as Notice);
      } catch (err) {
        log.warn({ err }, 'Could not read a notice from another server');
      }
    });
  }

  /** Close every connection of one role (its link changed). */
  closeRole(workshop: string, role: string, close: Close = CLOSE.linkChanged): Promise<void> {
    return this.everywhere({ t: 'close-role', w: workshop, role, close });
  }

  /** Close one person's connections (their personal link was withdrawn). */
  closeOwner(workshop: string, owner: string, close: Close = CLOSE.linkWithdrawn): Promise<void> {
    return this.everywhere({ t: 'close-owner', w: workshop, owner, close });
  }

  /** Close an erased workshop everywhere, writing nothing back. */
  erased(workshop: string): Promise<void> {
    return this.everywhere({ t: 'erase', w: workshop });
  }

  /** Something about a workshop changed (its phase, a link): every server reads it afresh. */
  changed(workshop: string): Promise<void> {
    return this.everywhere({ t: 'forget', w: workshop });
  }

  private async everywhere(notice: Notice): Promise<void> {
    this.bus?.publish(CHANNEL, Buffer.from(JSON.stringify(notice), 'utf8'));
    await this.act(notice);
  }

  private async act(n: Notice): Promise<void> {
    switch (n.t) {
      case 'close-role':
        this.rooms.closeRole(n.w, n.role, n.close);
        this.rooms.closeRole(n.w + SESSION_ROOM_SUFFIX, n.role, n.close);
        return;
      case 'close-owner':
        this.rooms.closeOwner(n.w, n.owner, n.close);
        return;
      case 'erase':
        this.workshops.forget(n.w);
        for (const name of [n.w, n.w + SESSION_ROOM_SUFFIX]) await this.rooms.evict(name, CLOSE.notFound);
        return;
      case 'forget':
        this.workshops.forget(n.w);
        return;
    }
  }
}
