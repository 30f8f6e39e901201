import { useState } from 'react';
import { loadIdentity, saveName, type Identity } from '../lib/identity.js';
import { NameDialog } from './NameDialog.js';
import { PlainPage } from './PlainPage.js';
import { useWorkshopAccess } from './useWorkshopAccess.js';
import { WorkshopScreen } from './WorkshopScreen.js';

/** Opening a workshop link: check the link, ask for a name once, then the live board. */
export function WorkshopPage({ workshopId }: { workshopId: string }) {
  const [access, retry] = useWorkshopAccess(workshopId);
  const [identity, setIdentity] = useState<Identity | null>(loadIdentity);

  switch (access.state) {
    case 'checking':
      return (
        <PlainPage title="Opening the workshop">
          <p role="status">Opening the workshop…</p>
        </PlainPage>
      );
    case 'refused':
      return (
        <PlainPage title={access.heading}>
          <p className="ds_leader">{access.message}</p>
          <p>
            <a href="/">Start a new workshop instead</a>
          </p>
        </PlainPage>
      );
    case 'unreachable':
      return (
        <PlainPage title="The workshop could not be opened">
          <p className="ds_leader">{access.message}</p>
          <button type="button" className="ds_button" onClick={retry}>
            Try again
          </button>
        </PlainPage>
      );
    case 'ready':
      if (!identity) {
        return (
          <PlainPage title={access.info.title}>
            <p>Give your name to join the workshop.</p>
            <NameDialog isOpen firstTime onSave={(name) => setIdentity(saveName(name))} />
          </PlainPage>
        );
      }
      return (
        <WorkshopScreen
          workshopId={workshopId}
          secret={access.secret}
          info={access.info}
          identity={identity}
          onRename={(name) => setIdentity(saveName(name))}
        />
      );
  }
}
