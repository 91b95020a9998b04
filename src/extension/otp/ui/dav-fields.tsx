/**
 * The WebDAV folder's three fields, where backups go (automatic-backup.tsx) and where a restore
 * reads from (restore-backup.tsx): its address, the user name and an app password — never kept by
 * the browser's password manager (`autocomplete="off"`: it is the server's, not this page's).
 */
import { backupText } from '../../i18n/backup-texts';
import { TextField } from './text-field';

export interface DavPlaceTyped {
  url: string;
  user: string;
  password: string;
}

export function DavFields({
  idPrefix,
  place,
  onInput,
}: {
  idPrefix: string;
  place: DavPlaceTyped;
  onInput: (place: DavPlaceTyped) => void;
}) {
  return (
    <>
      <TextField
        id={`${idPrefix}-url`}
        label={backupText('davUrl')}
        value={place.url}
        onInput={(url) => onInput({ ...place, url })}
        maxLength={2048}
      />
      <TextField
        id={`${idPrefix}-user`}
        label={backupText('davUser')}
        value={place.user}
        onInput={(user) => onInput({ ...place, user })}
        maxLength={256}
      />
      <TextField
        id={`${idPrefix}-password`}
        label={backupText('davPassword')}
        type="password"
        autocomplete="off"
        value={place.password}
        onInput={(password) => onInput({ ...place, password })}
        maxLength={1024}
      />
    </>
  );
}
