import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { PresenceUser } from '../collab/presence.js';
import { CharacterLimit } from './characterLimit.js';

/** How long the text may grow, and what to do when more is refused. */
export interface BodyLimit {
  max: number;
  onRefused: () => void;
}

/**
 * What a card body can hold: paragraphs, bold, italic, lists, quotes and links: what
 * the published reports use. Undo comes from the Collaboration extension (Yjs), which
 * only undoes this person's own changes. The recording sheet uses the same, with its
 * own (longer) limit.
 */
export function bodyExtensions(fragment: Y.XmlFragment, provider: WebsocketProvider, user: PresenceUser, limit: BodyLimit) {
  return [
    StarterKit.configure({
      undoRedo: false,
      // Imported reports can have sub-headings inside a finding (level 4, under the
      // finding's own heading). Without the node the editor would delete them from the
      // shared document the first time someone opens that card.
      heading: { levels: [4] },
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      // Both add content on their own, in every open copy of the card, a viewer's too;
      // on a shared document that means duplicate paragraphs and refused changes.
      trailingNode: false,
      link: { openOnClick: false, autolink: false, defaultProtocol: 'https' },
    }),
    Collaboration.configure({ fragment }),
    CollaborationCaret.configure({ provider, user }),
    CharacterLimit.configure({ limit: limit.max, onRefused: limit.onRefused }),
  ];
}
