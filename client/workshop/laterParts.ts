import { later, laterComponent, retryFailed } from '../lib/later.js';

/**
 * Everything on the workshop page whose code is fetched after the board has drawn: the
 * card editor (Tiptap and ProseMirror, the largest part by far), the Setup and Fieldwork
 * sections, and the dialogs and screens opened now and then. The board itself, and what
 * a first-time visitor sees before it (the name dialog), never wait for any of these.
 */

/** The card editor: a card body shows its text without it until someone writes there. */
export const cardEditor = later(() => import('../board/LiveCardBody.js'));

export const SetupView = laterComponent(() => import('../setup/SetupView.js').then((m) => m.SetupView));
export const FieldworkView = laterComponent(() => import('../fieldwork/FieldworkView.js').then((m) => m.FieldworkView));
export const HistoryDialog = laterComponent(() => import('../history/HistoryDialog.js').then((m) => m.HistoryDialog));
export const ShareDialog = laterComponent(() => import('../share/ShareDialog.js').then((m) => m.ShareDialog));
export const LanguagePanel = laterComponent(() => import('../export/LanguagePanel.js').then((m) => m.LanguagePanel));
export const ExportDialog = laterComponent(() => import('../export/ExportDialog.js').then((m) => m.ExportDialog));
export const PublishDialog = laterComponent(() => import('../publish/PublishDialog.js').then((m) => m.PublishDialog));
export const FollowupView = laterComponent(() => import('../followup/FollowupView.js').then((m) => m.FollowupView));
export const Presentation = laterComponent(() => import('../session/Presentation.js').then((m) => m.Presentation));
/** Not fetched ahead with the rest: it carries the charts, and is needed once a workshop, if at all. */
export const SurveyView = laterComponent(() => import('../survey/SurveyView.js').then((m) => m.SurveyView));

const ALL = [cardEditor, SetupView, FieldworkView, FollowupView, HistoryDialog, ShareDialog, LanguagePanel, ExportDialog, PublishDialog, Presentation];

/**
 * Fetch every later part, once the board is on the screen: so that the editor is
 * usually here before anyone clicks into a card, and so that the copy of the page kept
 * for offline use (saveOfflineShell) has all of it. A part that fails here is fetched
 * again when it is first needed.
 */
export async function fetchLaterParts(): Promise<void> {
  await Promise.allSettled(ALL.map((part) => part.load()));
  retryFailed();
}
