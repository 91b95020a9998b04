/**
 * After an enrolment, when the browser has not granted access to the server's
 * pages: the button that asks (docs/architecture.md: host access per site,
 * asked for, never `<all_urls>`).
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n/t';

export function AccessPrompt({ origin, onDone }: { origin: string; onDone: (notice: string) => void }) {
  const host = new URL(origin).host;
  return (
    <div class="access">
      <p>{t('askAccess', { host })}</p>
      <button
        type="button"
        onClick={() =>
          // Called straight from the click: browsers grant permissions only during a user gesture.
          void browser.permissions
            .request({ origins: [`${origin}/*`] })
            .then((granted) => onDone(granted ? t('accessGranted', { host }) : t('accessRefused')))
        }
      >
        {t('allowOn', { host })}
      </button>
    </div>
  );
}
