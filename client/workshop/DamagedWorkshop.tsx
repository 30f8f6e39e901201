import { useEffect, useState } from 'react';
import type { VersionInfoBody } from '../../shared/api.js';
import type { Role } from '../../shared/roles.js';
import { listVersions, restoreVersion } from '../history/historyRequests.js';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/**
 * What a person sees when the workshop's saved data could not be read or changed: the
 * server has set it aside (every other workshop carries on). The host can bring it back
 * from a saved version; everyone else is told to ask the host.
 */
export function DamagedWorkshop({ workshopId, secret, role, by }: { workshopId: string; secret: string; role: Role; by: string }) {
  const [versions, setVersions] = useState<VersionInfoBody[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const isHost = role === 'host';

  useEffect(() => {
    if (!isHost) return;
    void listVersions(workshopId, secret).then((r) => (r.ok ? setVersions(r.data.versions) : setError(r.message)));
  }, [isHost, workshopId, secret]);

  async function restore(version: VersionInfoBody) {
    setRestoring(version.id);
    setError(null);
    const r = await restoreVersion(workshopId, secret, version.id, by);
    if (!r.ok) {
      setError(r.message);
      setRestoring(null);
      return;
    }
    // The workshop is whole again: open it afresh.
    window.location.reload();
  }

  return (
    <section className="damaged" aria-labelledby="damaged-title">
      <h2 id="damaged-title" className="ds_h2">This workshop could not be opened</h2>
      <p className="ds_leader">
        Something in its saved data could not be read or changed, so Cairn has closed it to keep what is saved safe. Nothing else on this server is affected.
      </p>
      {!isHost ? (
        <p>Ask the host to restore a saved version. When they have, reload this page.</p>
      ) : (
        <>
          <p>
            Choose a saved version to bring the workshop back. What it holds now is kept as a version of its own first, so nothing is thrown away. Everyone can then reload
            the page and carry on.
          </p>
          {error ? (
            <p className="ds_error-message" role="alert">
              {error}
            </p>
          ) : null}
          {versions === null ? (
            <p>Reading the saved versions…</p>
          ) : versions.length === 0 ? (
            <p>This workshop has no saved versions. Export what you can from another copy, or contact whoever runs Cairn for your council.</p>
          ) : (
            <ul className="damaged__versions">
              {versions.map((v) => (
                <li key={v.id}>
                  <span>
                    {v.name} <span className="damaged__when">({when(v.createdAt)})</span>
                  </span>{' '}
                  <button type="button" className="ds_button ds_button--small" disabled={restoring !== null} onClick={() => void restore(v)}>
                    {restoring === v.id ? 'Restoring…' : 'Restore this version'}
                    <span className="visually-hidden">: {v.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
