import { useEffect, useState } from 'react';
import { ModalDialog } from '../ui/ModalDialog.js';
import { QRCodeSVG } from 'qrcode.react';
import type { JoinCodeResponse } from '../../shared/api.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useSession } from './SessionContext.js';
import { apiCall, withKey } from '../lib/api.js';

/** "K7MX Q2PA ZR": easier to read off a screen in groups. */
const grouped = (code: string) => code.replace(/(.{4})/g, '$1 ').trim();

/**
 * A QR code and a short link for joining as a participant from a phone in the room.
 * Each opening makes a fresh code that works for four hours; the participant link's own
 * secret is never shown (the server keeps only its hash).
 */
export default function JoinCodeDialog({ onClose }: { onClose: () => void }) {
  const { id } = useWorkshop();
  const { secret } = useSession();
  const [join, setJoin] = useState<JoinCodeResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void apiCall<JoinCodeResponse>(`/api/workshops/${encodeURIComponent(id)}/join-code`, withKey(secret, { method: 'POST' })).then((r) => {
      if (r.ok) setJoin(r.data);
      else setError(r.message);
    });
  }, [id, secret]);
  const until = join ? new Date(join.expiresAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }) : '';
  return (
    <ModalDialog title="Join from your phone" isOpen onOpenChange={(open) => (open ? undefined : onClose())} wide className="join-code">
          {error ? <p className="ds_question__error-message" role="alert">{error}</p> : null}
          {join ? (
            <>
              <QRCodeSVG value={join.link} size={280} level="M" title={`QR code for ${join.link}`} className="join-code__qr" />
              <p className="join-code__link">
                Or go to <strong>{join.link.replace(/^https?:\/\//, '').replace(/\/j\/.*$/, '/j')}</strong> and enter
              </p>
              <p className="join-code__code" aria-label={`Code: ${join.code.split('').join(' ')}`}>{grouped(join.code)}</p>
              <p className="ds_hint-text">Joins as a participant. Works until {until}.</p>
            </>
          ) : error ? null : (
            <p role="status">Making a join code…</p>
          )}
    </ModalDialog>
  );
}
