import '../styles/publish.css';
import type { PublicationResponse } from '../../shared/libraryApi.js';
import { longDate } from './publicationRequests.js';

/** Beside the workshop's menu, for everyone: the report is public, since when, and where. */
export function PublishedLink({ publication }: { publication: PublicationResponse | null }) {
  if (!publication?.published || !publication.path) return null;
  return (
    <a className="view-nav__published" href={publication.path} target="_blank" rel="noopener">
      Report published {longDate(publication.publishedAt!)}
      <span className="visually-hidden"> (opens the public page in a new tab)</span>
    </a>
  );
}
