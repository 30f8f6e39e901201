import { useAnnounce } from '../ui/Announcer.js';
import { linksFileName, linksFileText, saveTextFile, type LinksForFile } from './linksFile.js';

/** "Download the links as a file", with what the file holds and how to keep it. */
export function DownloadLinksButton({ title, links, people }: Omit<LinksForFile, 'at'>) {
  const announce = useAnnounce();
  function download() {
    const name = linksFileName(title);
    saveTextFile(name, linksFileText({ title, links, people, at: new Date() }));
    announce(`Downloaded the links as ${name}.`);
  }
  return (
    <div className="links-download">
      <p className="ds_hint-text" id="links-download-hint">
        A small text file with every link. It holds the keys to the workshop: keep it somewhere only you can open, and do not send it to anyone.
      </p>
      <button type="button" className="ds_button ds_button--secondary" aria-describedby="links-download-hint" onClick={download}>
        Download the links as a file
      </button>
    </div>
  );
}
