import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface ModalDialogProps {
  title: string;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
  /** Wide for tables and previews. */
  wide?: boolean;
  /** A Close button at the foot (react-aria closes on Escape either way). */
  closeButton?: boolean;
  isDismissable?: boolean;
  className?: string;
}

/** Cairn's dialog frame: react-aria's focus handling, the title as its name, a Close button. */
export function ModalDialog({ title, isOpen, onOpenChange, children, wide, closeButton = true, isDismissable = true, className }: ModalDialogProps) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={isDismissable}>
      <Modal className={wide ? 'modal modal--wide' : 'modal'}>
        <Dialog className={className ? `modal__dialog ${className}` : 'modal__dialog'}>
          <Heading slot="title" className="modal__title">{title}</Heading>
          {children}
          {closeButton ? (
            <div className="ds_button-group">
              <button type="button" className="ds_button ds_button--secondary" onClick={() => onOpenChange(false)}>Close</button>
            </div>
          ) : null}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
