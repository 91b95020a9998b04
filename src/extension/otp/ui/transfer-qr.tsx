/**
 * Google Authenticator's transfer QR codes on screen (core/otp/export/transfer-codes.ts), one at a
 * time, to be scanned with Google Authenticator, Aegis or 2FAS ("Transfer accounts → Import"); the
 * accounts it cannot take are named. They hold the secrets: shown until the user hides them.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';

export interface TransferShown {
  images: string[];
  left: { issuer: string; label: string }[];
}

/** The codes as images (the qrcode package, loaded with the export's writers). */
export async function transferImages(codes: string[]): Promise<string[]> {
  const QRCode = (await import('qrcode')).default;
  return Promise.all(codes.map((code) => QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 4, scale: 5 })));
}

export function TransferQr({ shown, onHide }: { shown: TransferShown; onHide: () => void }) {
  const [index, setIndex] = useState(0);
  const count = shown.images.length;
  return (
    <div class="otp-transfer" role="group" aria-label={t('otpTransferHeading')} data-testid="otp-transfer">
      {count > 0 ? (
        <>
          <p>{t('otpTransferPage', { index: index + 1, count })}</p>
          <img src={shown.images[index]} alt={t('otpTransferPage', { index: index + 1, count })} width={300} />
          <div class="actions">
            <button type="button" class="secondary" disabled={index === 0} onClick={() => setIndex(index - 1)}>
              {t('otpTransferBack')}
            </button>{' '}
            <button type="button" class="secondary" disabled={index === count - 1} onClick={() => setIndex(index + 1)}>
              {t('otpTransferNext')}
            </button>
          </div>
        </>
      ) : null}
      {shown.left.length > 0 && (
        <>
          <p>{t('otpTransferLeft', { count: shown.left.length })}</p>
          <ul data-testid="otp-transfer-left">
            {shown.left.map((a, i) => (
              <li key={i}>
                <bdi>{a.issuer ? `${a.issuer} (${a.label})` : a.label}</bdi>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={onHide}>
        {t('otpTransferHide')}
      </button>
    </div>
  );
}
