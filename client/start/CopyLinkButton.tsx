import { useEffect, useRef, useState } from 'react';
import { useAnnounce } from '../ui/Announcer.js';

async function copyText(text: string, fieldId: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The Clipboard API needs a secure page and permission; the old way works on plain
    // http inside many council networks.
    const field = document.getElementById(fieldId);
    if (field instanceof HTMLInputElement) {
      field.select();
      try {
        return document.execCommand('copy');
      } catch {
        return false;
      }
    }
    return false;
  }
}

export function CopyLinkButton({ text, fieldId, what, label = 'Copy link' }: { text: string; fieldId: string; what: string; label?: string }) {
  const announce = useAnnounce();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  async function copy() {
    const ok = await copyText(text, fieldId);
    setState(ok ? 'copied' : 'failed');
    announce(ok ? `Copied the ${what}.` : `Could not copy the ${what}. It is selected: press Ctrl+C to copy it.`);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState('idle'), 4000);
  }

  return (
    <>
      <button type="button" className="ds_button ds_button--secondary join-links__copy" onClick={copy}>
        {state === 'copied' ? 'Copied' : label}
        <span className="visually-hidden"> ({what})</span>
      </button>
      {state === 'failed' ? (
        <p className="ds_hint-text join-links__copy-failed">Copying is blocked here. The link is selected: press Ctrl+C.</p>
      ) : null}
    </>
  );
}
