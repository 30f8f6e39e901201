import { useLayoutEffect, useRef } from 'react';
import type { ConnectionState } from '../collab/connectionStatus.js';
import { SessionBar } from '../session/SessionBar.js';
import { SESSION_DRAWER_ID, SESSION_TOGGLE_ID } from '../session/SessionDrawer.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';

interface StatusProps {
  connection: ConnectionState;
  /** For those who run the session: whether their controls are showing, and the toggle. */
  drawer: { open: boolean; toggle: () => void } | null;
}

/**
 * What everyone needs in sight however far down the board they are: the phase and what
 * it asks, the timer, anything running, and whether their work is saved. It stays at the
 * top of the screen; its height is shared as --status-height, so that what is scrolled to
 * (a card brought into view, a field given focus) is never left underneath it.
 */
export function WorkshopStatus({ connection, drawer }: StatusProps) {
  const self = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = self.current;
    if (!el) return;
    const share = () => document.documentElement.style.setProperty('--status-height', `${Math.ceil(el.getBoundingClientRect().height)}px`);
    share();
    const watcher = new ResizeObserver(share);
    watcher.observe(el);
    return () => {
      watcher.disconnect();
      document.documentElement.style.removeProperty('--status-height');
    };
  }, []);
  return (
    <div ref={self} className="workshop-status">
      <div className="workshop-status__inner">
        <SessionBar />
        <ConnectionIndicator state={connection} />
        {drawer ? (
          <button
            id={SESSION_TOGGLE_ID}
            type="button"
            className="ds_button ds_button--small ds_button--secondary workshop-status__toggle"
            aria-expanded={drawer.open}
            aria-controls={SESSION_DRAWER_ID}
            onClick={drawer.toggle}
          >
            Run the session
          </button>
        ) : null}
      </div>
    </div>
  );
}
