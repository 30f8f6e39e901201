import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export const SESSION_DRAWER_ID = 'session-drawer';
export const SESSION_TOGGLE_ID = 'session-drawer-toggle';

interface DrawerProps {
  open: boolean;
  onClose: () => void;
  /** Set when someone has just opened it, so focus goes in with them. */
  takeFocus: boolean;
  children: ReactNode;
}

/**
 * The facilitator's controls, to one side of the board on a wide screen and over it on a
 * narrow one, so the board is what the page opens on. Folded away, it keeps what was typed
 * in it; the toggle in the session strip (or Escape, or "Hide") folds and opens it.
 */
export function SessionDrawer({ open, onClose, takeFocus, children }: DrawerProps) {
  const self = useRef<HTMLElement>(null);
  useEffect(() => {
    if (open && takeFocus) self.current?.focus();
  }, [open, takeFocus]);
  const close = () => {
    onClose();
    document.getElementById(SESSION_TOGGLE_ID)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    // A select's own list, or a dialog opened from here, has Escape first.
    if (e.key !== 'Escape' || e.defaultPrevented || !self.current?.contains(e.target as Node)) return;
    e.preventDefault();
    close();
  };
  return (
    <aside id={SESSION_DRAWER_ID} ref={self} className="session-drawer" aria-label="Session controls" tabIndex={-1} hidden={!open} onKeyDown={onKeyDown}>
      <button type="button" className="link-button session-drawer__hide" onClick={close}>
        Hide<span className="visually-hidden"> the session controls</span>
      </button>
      {children}
    </aside>
  );
}
