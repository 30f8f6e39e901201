import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { WorkshopInfoResponse } from '../../shared/api.js';
import { canEdit } from '../../shared/roles.js';
import type { Identity } from '../lib/identity.js';
import { WorkshopSkipLinks } from './WorkshopSkipLinks.js';
import { Board } from '../board/Board.js';
import { connectEarly, useWorkshopConnection, type WorkshopConnection } from '../collab/useWorkshopConnection.js';
import { whenLinkLetIn } from '../lib/workshopOpening.js';
import { WorkshopContext, type Workshop } from '../collab/WorkshopContext.js';
import { announceSelf, keepPresenceAcrossReconnects } from '../collab/presence.js';
import { useMeta } from '../collab/useBoards.js';
import { NameDialog } from './NameDialog.js';
import { saveOfflineShell } from '../lib/offlineShell.js';
import { ReadOnlyBanner } from './ReadOnlyBanner.js';
import { DamagedWorkshop } from './DamagedWorkshop.js';
import { CLOSE } from '../../shared/protocol.js';
import { WorkshopHeader } from './WorkshopHeader.js';
import { ViewNav } from './ViewNav.js';
import { SessionContext } from '../session/SessionContext.js';
import { useSessionConnection } from '../session/useSessionConnection.js';
import { WorkshopStatus } from './WorkshopStatus.js';
import { SessionDrawer } from '../session/SessionDrawer.js';
import { FocusQuestion } from './FocusQuestion.js';
import { useFold } from '../ui/useFold.js';
import { useMediaQuery } from '../lib/useMediaQuery.js';
import '../styles/layout.css';
import { FacilitatorPanel } from '../session/FacilitatorPanel.js';
import { SilentRound } from '../session/SilentRound.js';
import { FollowBar } from '../session/FollowBar.js';
import { ViewContext, useViewState } from './views.js';
import { LaterBoundary } from '../lib/later.js';
import { FieldworkView, FollowupView, Presentation, SetupView, SurveyView, fetchLaterParts } from './laterParts.js';
import { ReviewDueNotice } from '../followup/ReviewDueNotice.js';
import { SectionFault } from './SectionFault.js';

// The board's connection opens as this code arrives (or the link is let in, if later),
// not after the page has drawn. Not for someone who came through the shared participant
// link and is to become a person of their own first (WorkshopPage): they connect as that person.
whenLinkLetIn((workshopId, secret, info) => {
  if (info.role !== 'participant' || info.person) connectEarly(workshopId, secret);
});

interface ScreenProps {
  workshopId: string;
  secret: string;
  info: WorkshopInfoResponse;
  identity: Identity;
  onRename: (name: string) => void;
}

export function WorkshopScreen(props: ScreenProps) {
  const connection = useWorkshopConnection(props.workshopId, props.secret);
  if (!connection) return null;
  // A new connection (StrictMode's second mount, a new link) starts a fresh subtree.
  return <LiveWorkshop key={connection.doc.guid} connection={connection} {...props} />;
}

function LiveWorkshop({ connection, workshopId, secret, info, identity, onRename }: ScreenProps & { connection: WorkshopConnection }) {
  const { doc, provider, status, notices } = connection;
  const state = useSyncExternalStore(status.subscribe, status.getSnapshot);
  const meta = useMeta(doc);
  const [renaming, setRenaming] = useState(false);
  const navigation = useViewState();
  // Once the board has arrived it stays on screen through any later reconnection.
  const loaded = useSyncExternalStore(status.subscribe, () => status.loaded);

  const user = useMemo(() => ({ name: identity.name, color: identity.color, role: info.role }), [identity, info.role]);
  useEffect(() => announceSelf(provider.awareness, user), [provider, user]);
  useEffect(() => keepPresenceAcrossReconnects(provider), [provider]);

  const workshop = useMemo<Workshop>(
    () => ({ id: workshopId, doc, provider, role: info.role, canEdit: canEdit(info.role), user, notices, secret }),
    [workshopId, doc, provider, info.role, user, notices, secret],
  );
  const session = useSessionConnection(workshopId, secret);
  const [presenting, setPresenting] = useState(false);
  const runsSession = info.role === 'host' || info.role === 'facilitator';
  // The facilitator's controls sit beside the board where there is room for both, and
  // start folded where there is not, so the board is what the page opens on.
  const roomy = useMediaQuery('(min-width: 64em)');
  const [drawerOpen, toggleDrawer] = useFold('session-controls', roomy);
  const [drawerOpened, setDrawerOpened] = useState(false);
  // The controls are beside the board only: Setup and Fieldwork have the page to themselves.
  const damaged = state.kind === 'refused' && status.refusedWith === CLOSE.damaged.code;
  const drawer = runsSession && loaded && !damaged && navigation.view === 'board' ? { open: drawerOpen, toggle: () => { setDrawerOpened(!drawerOpen); toggleDrawer(); } } : null;
  const title = meta.title || info.title;
  useEffect(() => {
    document.title = `${title} – Cairn`;
  }, [title]);
  // The page's own files, kept on this device so it opens again without the server,
  // with the parts fetched later: all once the board has been drawn (after its frame),
  // since fetching and storing them meanwhile held up the board on a slow machine.
  useEffect(() => {
    if (!loaded) return;
    let timer: number | undefined;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => void fetchLaterParts().then(saveOfflineShell));
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [loaded]);

  return (
    <WorkshopContext value={workshop}>
      <SessionContext value={session}>
      <ViewContext value={navigation}>
        <WorkshopSkipLinks view={navigation.view} />
        <WorkshopHeader title={title} hostAuthority={meta.hostAuthority} onChangeName={() => setRenaming(true)} />
        <WorkshopStatus connection={state} drawer={drawer} />
        <ViewNav secret={secret} readersMayExport={info.readersMayExport} />
        <FollowBar />
        <main id="board" className="workshop-main" tabIndex={-1}>
          {workshop.canEdit ? null : <ReadOnlyBanner />}
          <SectionFault view={navigation.view} toBoard={() => navigation.go('board', 'board')}>
          {damaged ? (
            <DamagedWorkshop workshopId={workshopId} secret={secret} role={info.role} by={identity.name} />
          ) : !loaded ? (
            state.kind === 'refused' ? (
              <p className="ds_leader">{state.message}</p>
            ) : (
              <p className="workshop-main__loading">Opening the workshop…</p>
            )
          ) : navigation.view === 'setup' ? (
            <LaterBoundary waiting="Opening the setup…" className="workshop-main__loading">
              <SetupView />
            </LaterBoundary>
          ) : navigation.view === 'fieldwork' ? (
            <LaterBoundary waiting="Opening the fieldwork…" className="workshop-main__loading">
              <FieldworkView />
            </LaterBoundary>
          ) : navigation.view === 'followup' ? (
            <LaterBoundary waiting="Opening the follow-up…" className="workshop-main__loading">
              <FollowupView readersMayExport={info.readersMayExport} />
            </LaterBoundary>
          ) : navigation.view === 'survey' ? (
            <LaterBoundary waiting="Opening the survey…" className="workshop-main__loading">
              <SurveyView />
            </LaterBoundary>
          ) : (
            <div className={`workshop-layout${drawer?.open ? ' workshop-layout--with-drawer' : ''}`}>
              <div className="workshop-layout__board">
                <h2 className="visually-hidden">Board</h2>
                <ReviewDueNotice />
                {meta.focusQuestion ? <FocusQuestion text={meta.focusQuestion} /> : null}
                {session.state.round && workshop.canEdit ? <SilentRound key={session.state.round.id} /> : null}
                <Board />
              </div>
              {drawer ? (
                <SessionDrawer open={drawer.open} onClose={drawer.toggle} takeFocus={drawerOpened}>
                  <FacilitatorPanel onPresent={() => setPresenting(true)} />
                </SessionDrawer>
              ) : null}
            </div>
          )}
          </SectionFault>
        </main>
        <NameDialog isOpen={renaming} onOpenChange={setRenaming} currentName={identity.name} onSave={onRename} />
        {presenting ? (
          <LaterBoundary waiting="Opening the presentation…">
            <Presentation onClose={() => setPresenting(false)} />
          </LaterBoundary>
        ) : null}
      </ViewContext>
      </SessionContext>
    </WorkshopContext>
  );
}
