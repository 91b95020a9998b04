/** The toolbar popup's root screen. Later screens (PIN entry, approvals, accounts) hang off it. */
import { useEffect, useState } from 'preact/hooks';
import type { ResponseOf } from '../../core/messages';
import { sendMessage } from '../messaging';

type Status = ResponseOf<'getStatus'>;

export function Popup() {
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    sendMessage('getStatus', {}).then(setStatus, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  return (
    <main class="popup" aria-busy={!status && !error}>
      <header>
        <h1>Sidekey</h1>
        <p class="tagline">Your browser as your second device</p>
      </header>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {status && (
        <section aria-label="Status" data-testid="status">
          <p>No account is initialised yet. Open your login service's “Add mobile device” page to start.</p>
          <p class="muted">
            {status.lastServerPage
              ? `Last server page: ${status.lastServerPage.origin}`
              : 'No Sidekey server page seen in this browser session.'}
          </p>
          <p class="muted">Version {status.extensionVersion}</p>
        </section>
      )}
    </main>
  );
}
