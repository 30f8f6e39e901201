import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { COLLAB_PATH, type RefusalNotice } from '../../shared/protocol.js';
import { ConnectionStatusStore } from './connectionStatus.js';
import { RefusalNotices } from './refusalNotices.js';
import { rebaseOnto } from './rebase.js';
import { personKey } from '../session/personKey.js';

export interface WorkshopConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: ConnectionStatusStore;
  /** Why the server kept part of this person's changes out, per card: lives across rebuilds. */
  notices: RefusalNotices;
}

/** The WebSocket address of the collaboration endpoint, on the page's own host. */
export function collabServerUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${COLLAB_PATH}`;
}

/** The IndexedDB database that keeps one workshop's board on this device. */
export function deviceCopyName(workshopId: string): string {
  return `cairn-${workshopId}`;
}

/**
 * A copy of the board kept on this device, so that the workshop opens, and takes
 * changes, while the server cannot be reached; the provider sends those changes when
 * the connection is back. Null where the browser gives no IndexedDB (some locked-down
 * or private modes): the board then simply needs the server, as before.
 */
function keepOnDevice(workshopId: string, doc: Y.Doc, status: ConnectionStatusStore): IndexeddbPersistence | null {
  if (typeof indexedDB === 'undefined') return null;
  try {
    const persistence = new IndexeddbPersistence(deviceCopyName(workshopId), doc);
    // An empty copy (the first visit on this device) is not a board yet: wait for the server.
    void persistence.whenSynced.then(() => {
      if (doc.store.clients.size > 0) status.storedCopyLoaded();
    });
    return persistence;
  } catch {
    return null;
  }
}

/** How long refusals are gathered before the copy on this device is rebuilt once for all of them. */
const REBUILD_AFTER_MS = 150;

interface Live extends WorkshopConnection {
  persistence: IndexeddbPersistence | null;
}

type OnRefused = (notice: RefusalNotice, fromCairn: boolean) => void;

function openLive(workshopId: string, secret: string, doc: Y.Doc, persist: boolean, notices: RefusalNotices, onRefused: OnRefused): Live {
  const provider = new WebsocketProvider(collabServerUrl(), workshopId, doc, { params: { token: secret, person: personKey() } });
  const status = new ConnectionStatusStore(provider, onRefused);
  const persistence = persist ? keepOnDevice(workshopId, doc, status) : null;
  return { doc, provider, status, notices, persistence };
}

function closeLive(live: Live): void {
  live.status.destroy();
  live.provider.destroy();
  void live.persistence?.destroy().catch(() => undefined);
  live.doc.destroy();
}

/**
 * A connection opened as soon as the page's code has arrived, before React has drawn
 * anything: the server's copy of a 300-card board then arrives while the page is still
 * being drawn, instead of a round trip after it. The first workshop screen for the same
 * link takes it over; a screen for another link (a personal one given meanwhile) closes it.
 */
let early: { workshopId: string; secret: string; live: Live; onRefused: { current: OnRefused | null } } | null = null;

export function connectEarly(workshopId: string, secret: string): void {
  if (early) return;
  const notices = new RefusalNotices();
  const onRefused: { current: OnRefused | null } = { current: null };
  const live = openLive(workshopId, secret, new Y.Doc(), true, notices, (notice, fromCairn) => {
    if (onRefused.current) onRefused.current(notice, fromCairn);
    else notices.show(notice.card, notice.message);
  });
  early = { workshopId, secret, live, onRefused };
}

/** The early connection for this link, once; closed instead when it was for another. */
function takeEarly(workshopId: string, secret: string, onRefused: OnRefused): Live | null {
  const found = early;
  early = null;
  if (!found) return null;
  if (found.workshopId !== workshopId || found.secret !== secret) {
    dropConnection(found.live);
    return null;
  }
  found.onRefused.current = onRefused;
  return found.live;
}

function dropConnection(live: Live): void {
  closeLive(live);
  live.notices.destroy();
}

function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

/**
 * The live workshop document, its connection and its copy on this device. They are
 * made in an effect and destroyed in its cleanup: React's StrictMode mounts twice in
 * development, and a provider left behind would keep a second socket (and a ghost
 * presence) open, a persistence left behind a second database connection.
 *
 * When the server keeps part of a change out (the card was agreed meanwhile, a limit),
 * this device returns to the server's copy: a fresh document is synced from the server,
 * everything this device had not yet sent goes on top of it except what was refused,
 * and the copy kept on the device is replaced, so the refused part is never sent again.
 */
export function useWorkshopConnection(workshopId: string, secret: string): WorkshopConnection | null {
  const [connection, setConnection] = useState<WorkshopConnection | null>(null);
  useEffect(() => {
    let notices = new RefusalNotices();
    const refusedDeletes: [number, number, number][] = [];
    let disposed = false;
    let rebuildTimer: number | undefined;
    let rebuilding = false;
    let again = false;

    const onRefused = (notice: RefusalNotice, fromCairn: boolean) => {
      notices.show(notice.card, notice.message);
      // A plain reason (read-only link) needs no rebuild: nothing of the change was applied anywhere.
      if (!fromCairn) return;
      refusedDeletes.push(...notice.deletes);
      window.clearTimeout(rebuildTimer);
      rebuildTimer = window.setTimeout(() => void rebuild(), REBUILD_AFTER_MS);
    };

    const open = (doc: Y.Doc, persist: boolean): Live => openLive(workshopId, secret, doc, persist, notices, onRefused);
    const close = closeLive;

    const adopted = takeEarly(workshopId, secret, onRefused);
    if (adopted) {
      notices.destroy();
      notices = adopted.notices;
    }
    let current = adopted ?? open(new Y.Doc(), true);
    setConnection(current);

    const rebuild = async () => {
      if (rebuilding) {
        again = true;
        return;
      }
      rebuilding = true;
      const old = current;
      // Nothing more leaves the old copy; what it holds is carried over below.
      old.provider.disconnect();
      const next = open(new Y.Doc(), false);
      await whenSynced(next.provider);
      if (disposed) {
        close(next);
        return;
      }
      rebaseOnto(old.doc, next.doc, refusedDeletes.splice(0));
      // The copy on this device becomes the rebuilt one, so the refused part is never resent.
      await old.persistence?.clearData().catch(() => undefined);
      old.persistence = null;
      next.persistence = keepOnDevice(workshopId, next.doc, next.status);
      current = next;
      close(old);
      setConnection(next);
      rebuilding = false;
      if (again) {
        again = false;
        void rebuild();
      }
    };

    return () => {
      disposed = true;
      window.clearTimeout(rebuildTimer);
      close(current);
      notices.destroy();
    };
  }, [workshopId, secret]);
  return connection;
}
