import { CharacterCount, type CharacterCountOptions } from '@tiptap/extension-character-count';
import { Plugin, type Transaction } from '@tiptap/pm/state';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { overLimit } from '../ui/textLimit.js';

export interface CharacterLimitOptions extends CharacterCountOptions {
  /** Called when typing, a paste or a drop is refused for going past the limit. */
  onRefused: () => void;
}

/** Counted as CharacterCount counts ('textSize'), so the note and the refusal agree. */
const size = (doc: ProseMirrorNode): number => doc.textBetween(0, doc.content.size, undefined, ' ').length;

/** A change that came from the shared document (someone else's, or an undo): already made, so always shown. */
const fromSharedDocument = (tr: Transaction): boolean => tr.getMeta(ySyncPluginKey) !== undefined;

/**
 * Tiptap's CharacterCount with its limit, made safe for a shared document, and told to
 * say when it refuses:
 * - what arrives from Yjs is never filtered, or this editor would stop showing the
 *   document everyone else has (two people typing at the limit at once can pass it);
 * - a paste or drop that does not fit is refused whole, where CharacterCount would cut
 *   it to fit without a word;
 * - text already over the limit (written before limits were kept) is never trimmed on
 *   opening (autoTrim would delete it for everyone), only kept from growing.
 */
export const CharacterLimit = CharacterCount.extend<CharacterLimitOptions>({
  addOptions() {
    return { ...this.parent!(), autoTrim: false, onRefused: () => undefined };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return (this.parent?.() ?? []).map((plugin) => {
      const filter = plugin.spec.filterTransaction;
      if (!filter) return plugin;
      return new Plugin({
        ...plugin.spec,
        filterTransaction(tr, state) {
          const max = options.limit;
          if (!tr.docChanged || !max || fromSharedDocument(tr)) return true;
          const uiEvent = tr.getMeta('uiEvent') as string | undefined;
          if (tr.getMeta('paste') || uiEvent === 'paste' || uiEvent === 'drop') {
            if (!overLimit(size(state.doc), size(tr.doc), max)) return true;
            options.onRefused();
            return false;
          }
          const kept = filter.call(plugin, tr, state);
          if (!kept) options.onRefused();
          return kept;
        },
      });
    });
  },
});
