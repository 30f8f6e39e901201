import { useEffect, useState } from 'react';
import { joinAsPerson } from '../lib/api.js';
import { loadIdentity, saveName, type Identity } from '../lib/identity.js';
import { NameDialog } from './NameDialog.js';
import { PlainPage } from './PlainPage.js';
import { useWorkshopAccess } from './useWorkshopAccess.js';
import { WorkshopScreen } from './WorkshopScreen.js';

/**
 * Opening a workshop link: check the link, ask for a name once, then the live board.
 * Someone who came through the shared participant link becomes a person of their own
 * first (their dots and cards are then theirs alone); if that cannot be done now (no
 * server, or the link has let in all it can), they still join through the shared link.
 */
export function WorkshopPage({ workshopId }: { workshopId: string }) {
  const [access, retry, switchSecret] = useWorkshopAccess(workshopId);
  const [identity, setIdentity] = useState<Identity | null>(loadIdentity);
  const [joinTried, setJoinTried] = useState<string | null>(null);
  const [joinNote, setJoinNote] = useState<string | null>(null);
  const needsPerson = access.state === 'ready' && access.info.role === 'participant' && !access.info.person && !!identity && joinTried !== access.secret;

  useEffect(() => {
    if (!needsPerson || access.state !== 'ready' || !identity) return;
    const shared = access.secret;
    setJoinTried(shared);
    void joinAsPerson(workshopId, shared, identity.name).then((r) => {
      if (r.ok) switchSecret(r.data.token);
      else if (r.status !== 0) setJoinNote(r.message);
    });
  }, [needsPerson, access, identity, workshopId, switchSecret]);

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
      if (needsPerson) {
        return (
          <PlainPage title={access.info.title}>
            <p role="status">Joining the workshop…</p>
          </PlainPage>
        );
      }
      if (!identity) {
        return (
          <PlainPage title={access.info.title}>
            <p>Give your name to join the workshop.</p>
            <NameDialog isOpen firstTime onSave={(name) => setIdentity(saveName(name))} />
          </PlainPage>
        );
      }
      return (
        <>
          {joinNote ? (
            <p className="ds_inset-text join-note" role="status">
              {joinNote}
            </p>
          ) : null}
          <WorkshopScreen
          workshopId={workshopId}
          secret={access.secret}
          info={access.info}
          identity={identity}
          onRename={(name) => setIdentity(saveName(name))}
          />
        </>
      );
  }
}
