/**
 * The popup's line while an automatic backup fails (docs/otp-accounts.md §6): asked after the codes
 * are shown, never before, and its texts loaded only when there is a failure to say.
 */
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../../send-message';

export function BackupWarning() {
  const [line, setLine] = useState<string | null>(null);
  useEffect(() => {
    void sendMessage('otpBackupState', {}).then(
      async (state) => {
        if (!state.folder.status?.error && !state.dav?.status?.error) return;
        const { failingLine } = await import('./backup-lines');
        setLine(failingLine(state));
      },
      () => undefined,
    );
  }, []);
  if (!line) return null;
  return (
    <p class="error" role="alert" data-testid="backup-warning">
      {line}
    </p>
  );
}
