import { QRCodeSVG } from 'qrcode.react';
import { CopyLinkButton } from '../start/CopyLinkButton.js';
import { surveyLink } from './requests.js';

/** The survey's own link and its QR code: it lets people answer and does nothing else. */
export function ShortLink({ code }: { code: string }) {
  const link = surveyLink(code);
  return (
    <div className="survey-link">
      <h3>The survey’s link</h3>
      <p>Anyone with this link or QR code can answer the survey while it is open, and do nothing else: it does not open the board.</p>
      <div className="survey-link__row">
        <label className="visually-hidden" htmlFor="survey-link-field">The survey’s link</label>
        <input id="survey-link-field" className="ds_input survey-link__field" readOnly value={link} onFocus={(e) => e.target.select()} />
        <CopyLinkButton text={link} fieldId="survey-link-field" what="survey’s link" />
      </div>
      <QRCodeSVG value={link} size={200} level="M" title={`QR code for the survey: ${link}`} className="survey-link__qr" />
    </div>
  );
}
