/**
 * The automatic backup on the Manage codes page (docs/otp-accounts.md §6): where backups go, when
 * each target last succeeded or why it fails, the downloads folder on or off with the number of
 * files kept, and the user's WebDAV folder — its server's permission asked on the click that saves
 * it, checked by the background before it is kept, joined with another browser's passphrase when
 * the folder already holds that browser's backup.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BackupState } from '../../../core/messages';
import { FOLDER_KEEP_CHOICES } from '../../../core/otp/backup-status';
import { backupText } from '../../i18n/backup-texts';
import { davWhere, statusLine } from './backup-lines';
import { sendMessage } from '../../send-message';
import { messageOf } from '../../ui/message-of';
import type { Report } from './report';
import { TextField } from './text-field';
import { DavFields, type DavPlaceTyped } from './dav-fields';
import { davOrigin } from '../backup/webdav-client';

type Keep = (typeof FOLDER_KEEP_CHOICES)[number];

/** The pattern the folder's server needs, as the background computes it (webdav-client.ts). */
export function originOf(url: string): string | null {
  try {
    return davOrigin(url.trim());
  } catch {
    return null;
  }
}

export function AutomaticBackup({ report }: { report: Report }) {
  const [state, setState] = useState<BackupState | null>(null);
  const [place, setPlace] = useState<DavPlaceTyped>({ url: '', user: '', password: '' });
  const [passphrase, setPassphrase] = useState('');
  const [needsPassphrase, setNeedsPassphrase] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(
    () => void sendMessage('otpBackupState', {}).then(setState, (e: unknown) => report.error(messageOf(e))),
    [],
  );

  async function act(run: () => Promise<void>) {
    setBusy(true);
    try {
      await run();
    } catch (e) {
      report.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const saveDav = () =>
    act(async () => {
      // Asked on this click, for this server only; the background checks it again before sending anything.
      const origin = originOf(place.url);
      if (origin) await browser.permissions.request({ origins: [origin] }).catch(() => false);
      const answer = await sendMessage('otpBackupDavSet', { ...place, ...(needsPassphrase && { passphrase }) });
      setState(answer.state);
      setNeedsPassphrase(answer.needsPassphrase);
      if (answer.needsPassphrase) return report.notice(backupText('davNeedsPassphrase'));
      setPlace({ ...place, password: '' });
      setPassphrase('');
      // Joining a folder merges another browser's accounts in.
      report.changed();
      const failing = answer.state.dav?.status?.error;
      if (failing) report.error(statusLine(answer.state.dav!.status, davWhere(answer.state.dav!.url)).text);
      else report.notice(backupText('davSaved', { url: answer.state.dav!.url }));
    });

  if (!state) return null;
  const lines = [
    ...(state.folder.on ? [statusLine(state.folder.status, backupText('whereFolder'))] : []),
    ...(state.dav ? [statusLine(state.dav.status, davWhere(state.dav.url))] : []),
  ];
  return (
    <section class="otp-backup-auto" aria-labelledby="otp-backup-auto-heading" aria-busy={busy}>
      <h3 id="otp-backup-auto-heading">{backupText('title')}</h3>
      <p class="muted">{backupText('passphraseNote')}</p>
      <ul class="backup-status" data-testid="backup-status">
        {lines.map((line) => (
          <li key={line.text} class={line.failing ? 'error' : undefined}>
            {line.text}
          </li>
        ))}
      </ul>
      <p>
        <label>
          <input
            type="checkbox"
            data-testid="backup-folder-on"
            checked={state.folder.on}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              void act(async () =>
                setState(await sendMessage('otpBackupFolder', { on, keep: state.folder.keep as Keep })),
              );
            }}
          />{' '}
          {backupText('folderOn')}
        </label>{' '}
        <label>
          {backupText('keep')}{' '}
          <select
            data-testid="backup-folder-keep"
            value={state.folder.keep}
            onChange={(e) => {
              const keep = Number(e.currentTarget.value) as Keep;
              void act(async () => setState(await sendMessage('otpBackupFolder', { on: state.folder.on, keep })));
            }}
          >
            {FOLDER_KEEP_CHOICES.map((n) => (
              <option key={n} value={n}>
                {backupText('keepFiles', { n })}
              </option>
            ))}
          </select>
        </label>
      </p>
      <p class="muted">{backupText('askNote')}</p>
      <form
        class="otp-backup-dav"
        onSubmit={(e) => {
          e.preventDefault();
          void saveDav();
        }}
      >
        <h4>{backupText('davTitle')}</h4>
        {state.dav && (
          <p>
            {backupText('davSaved', { url: state.dav.url })}{' '}
            <button
              type="button"
              class="link"
              onClick={() => void act(async () => setState(await sendMessage('otpBackupDavOff', {})))}
            >
              {backupText('davOff')}
            </button>
          </p>
        )}
        <DavFields idPrefix="backup-dav" place={place} onInput={setPlace} />
        {needsPassphrase && (
          <TextField
            id="backup-dav-passphrase"
            label={backupText('davPassphrase')}
            type="password"
            autocomplete="off"
            value={passphrase}
            onInput={setPassphrase}
          />
        )}
        <button type="submit" disabled={busy}>
          {backupText('davSave')}
        </button>
      </form>
      <button
        type="button"
        class="secondary"
        disabled={busy}
        onClick={() =>
          void act(async () => {
            setState(await sendMessage('otpBackupNow', {}));
            // What another browser added or deleted is in the list now.
            report.changed();
          })
        }
      >
        {backupText('now')}
      </button>
    </section>
  );
}
