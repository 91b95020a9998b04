/**
 * Adding accounts: the setup QR on the tab (the page's elements, then the capture the toolbar
 * click allows), an image file, a pasted `otpauth://` link or transfer code, or a key typed by
 * hand. What was added and what was already there (duplicates, never overwritten) are both said.
 * An account whose site Sidekey may not fill on yet gets the button that asks for that site only.
 */
import { useState } from 'preact/hooks';
import type { OtpKind } from '../../../core/otp/kinds';
import { browser } from 'wxt/browser';
import type { ResponseOf } from '../../../core/messages';
import { sitePatterns } from '../../../core/otp/site-patterns';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { messageOf } from '../../ui/message-of';
import type { Report } from './report';
import { OtpConfirmSite, type SiteQuestion } from './confirm-site';
import { TextField } from './text-field';

type Added = ResponseOf<'otpAddText'> & Partial<Pick<ResponseOf<'otpAddFromTab'>, 'choices' | 'confirmSite'>>;

/** The text of the QR code in an image file, read here (the decoder is loaded only for this). */
async function readImageQr(file: File): Promise<string | null> {
  const { decodeCapture } = await import('../../qr/decode-capture');
  const bitmap = await createImageBitmap(file);
  try {
    return decodeCapture(
      bitmap,
      { captureWidth: bitmap.width, captureHeight: bitmap.height, viewportWidth: bitmap.width },
      [],
    );
  } finally {
    bitmap.close();
  }
}

export function OtpAdd({ tabId, report }: { tabId: number | null; report: Report }) {
  const [way, setWay] = useState<'paste' | 'manual' | null>(null);
  const [text, setText] = useState('');
  const [manual, setManual] = useState({ issuer: '', label: '', secret: '', kind: 'totp' as OtpKind });
  const [busy, setBusy] = useState(false);
  const [askSite, setAskSite] = useState<string | null>(null);
  /** The page shows several setup codes: which one to add. */
  const [choices, setChoices] = useState<NonNullable<Added['choices']>>([]);
  /** A code read from the picture of the tab: the site it is for, asked before it is added. */
  const [question, setQuestion] = useState<SiteQuestion | null>(null);

  async function run(add: () => Promise<Added>) {
    setBusy(true);
    try {
      const { added, duplicates, choices: several = [], confirmSite = null } = await add();
      setChoices(several);
      setQuestion(confirmSite);
      if (several.length) return report.notice(t('otpSeveralCodes'));
      if (confirmSite) return report.notice(t('otpConfirmSiteRead'));
      const names = (list: { issuer: string; label: string }[]) =>
        list.map((a) => (a.issuer ? `${a.issuer} (${a.label})` : a.label)).join(', ');
      const parts = [];
      if (added.length) parts.push(t('otpAdded', { names: names(added) }));
      if (duplicates.length) parts.push(t('otpAlreadyThere', { names: names(duplicates) }));
      report.notice(parts.join(' '));
      report.changed();
      setText('');
      setManual({ issuer: '', label: '', secret: '', kind: 'totp' });
      const site = added.find((a) => a.site)?.site;
      if (site && !(await browser.permissions.contains({ origins: sitePatterns(site) }))) setAskSite(site);
    } catch (e) {
      report.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="otp-add" aria-busy={busy}>
      {askSite && (
        <div class="access">
          <p>{t('otpAskSite', { site: askSite })}</p>
          <button
            type="button"
            onClick={() =>
              // Straight from the click: permissions are granted only during a user gesture.
              void browser.permissions.request({ origins: sitePatterns(askSite) }).then((granted) => {
                setAskSite(null);
                report.notice(granted ? t('otpSiteGranted', { site: askSite }) : t('accessRefused'));
              })
            }
          >
            {t('allowOn', { host: askSite })}
          </button>
        </div>
      )}
      {choices.length > 0 && tabId !== null && (
        <ul class="otp-choices" aria-label={t('otpSeveralCodes')}>
          {choices.map((c, i) => (
            <li key={i}>
              <button
                type="button"
                onClick={() => void run(() => sendMessage('otpAddFromTab', { tabId, choice: i, site: null }))}
              >
                {t('otpAddChoice', {
                  name: c.issuer ? `${c.issuer} (${c.label})` : c.label,
                  more: c.count > 1 ? t('otpAndMore', { count: c.count - 1 }) : '',
                })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {question && tabId !== null && (
        <OtpConfirmSite
          question={question}
          busy={busy}
          onConfirm={(site) => void run(() => sendMessage('otpAddFromTab', { tabId, choice: null, site }))}
          onCancel={() => setQuestion(null)}
        />
      )}
      <div class="actions wrap">
        <button
          type="button"
          disabled={busy || tabId === null}
          onClick={() =>
            tabId !== null && void run(() => sendMessage('otpAddFromTab', { tabId, choice: null, site: null }))
          }
        >
          {t('otpAddFromPage')}
        </button>
        <label class="button secondary">
          {t('otpAddFromImage')}
          <input
            type="file"
            accept="image/*"
            class="visually-hidden"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (!file) return;
              void run(async () => {
                const found = await readImageQr(file).catch(() => null);
                if (!found) throw new Error(t('otpNoCodeInImage'));
                return sendMessage('otpAddText', { text: found, tabId });
              });
            }}
          />
        </label>
        <button
          type="button"
          class="secondary"
          aria-expanded={way === 'paste'}
          onClick={() => setWay(way === 'paste' ? null : 'paste')}
        >
          {t('otpPaste')}
        </button>
        <button
          type="button"
          class="secondary"
          aria-expanded={way === 'manual'}
          onClick={() => setWay(way === 'manual' ? null : 'manual')}
        >
          {t('otpTypeKey')}
        </button>
      </div>
      {way === 'paste' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => sendMessage('otpAddText', { text, tabId }));
          }}
        >
          <div class="field text">
            <label for="otp-uri">{t('otpPasteLabel')}</label>
            <textarea
              id="otp-uri"
              rows={3}
              value={text}
              maxLength={16384}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </div>
          <button type="submit" disabled={busy || !text.trim()}>
            {t('otpAddButton')}
          </button>
        </form>
      )}
      {way === 'manual' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => sendMessage('otpAddManual', { ...manual, tabId }));
          }}
        >
          {(['issuer', 'label', 'secret'] as const).map((key) => (
            <TextField
              key={key}
              id={`otp-new-${key}`}
              label={t(key === 'issuer' ? 'otpIssuer' : key === 'label' ? 'otpAccountName' : 'otpSecret')}
              autocomplete="off"
              value={manual[key]}
              onInput={(value) => setManual({ ...manual, [key]: value })}
            />
          ))}
          <div class="field text">
            <label for="otp-new-kind">{t('otpKind')}</label>
            <select
              id="otp-new-kind"
              value={manual.kind}
              onChange={(e) => setManual({ ...manual, kind: e.currentTarget.value as OtpKind })}
            >
              <option value="totp">{t('otpKindTotp')}</option>
              <option value="hotp">{t('otpKindHotp')}</option>
              <option value="steam">{t('otpKindSteam')}</option>
            </select>
          </div>
          <button type="submit" disabled={busy}>
            {t('otpAddButton')}
          </button>
        </form>
      )}
    </div>
  );
}
