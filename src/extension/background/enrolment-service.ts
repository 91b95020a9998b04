/**
 * Initialising this browser as a device (docs/protocol.md §3): read the QR in
 * the tab, check it names the tab's own origin (origin binding), prove the PIN,
 * store the PIN-wrapped secret and the non-extractable key, then confirm with a
 * signature. Any failure after the server handed out the secret removes the
 * local record again, so neither side keeps a half-enrolled device.
 */
import { exportPublicKey, generateDeviceKey, pinProof, signDeviceRequest } from '../../core/device-crypto';
import { completeEnrolmentResponse } from '../../core/enrolment-api';
import { parseEnrolmentQr, QrFormatError, type EnrolmentQr } from '../../core/enrolment-qr';
import { fromBase64url } from '../../core/encoding';
import { MessageError } from '../../core/messages';
import type { MessageHandlers } from '../messaging';
import { summary, type Vault } from '../vault/vault';
import { wrapSecret } from '../vault/pin-wrap';
import { ApiCallError, postJson } from './server-api';
import * as z from 'zod/mini';
import { t } from '../i18n/t';

export interface EnrolmentDeps {
  vault: () => Promise<Vault>;
  /** Asks the content script in the tab for its origin and the QR it sees. */
  readTabQr: (tabId: number) => Promise<{ origin: string; payload: string | null }>;
  browserName: string;
  /** Called once the account is stored and confirmed (keeps host access in step with the vault). */
  afterEnrol?: () => Promise<unknown>;
}

/** Origin binding: the code must name the very origin of the page it was read from. */
export function bindToTab(payload: string, tabOrigin: string): EnrolmentQr {
  let qr: EnrolmentQr;
  try {
    qr = parseEnrolmentQr(payload);
  } catch (error) {
    if (error instanceof QrFormatError) throw new MessageError(t('notInitialisationCode'));
    throw error;
  }
  if (qr.origin !== tabOrigin) {
    throw new MessageError(t('refusedOrigin', { origin: qr.origin, tab: tabOrigin }));
  }
  return qr;
}

export function createEnrolmentService(deps: EnrolmentDeps) {
  async function readBound(tabId: number) {
    let seen: { origin: string; payload: string | null };
    try {
      seen = await deps.readTabQr(tabId);
    } catch {
      throw new MessageError(t('cannotReadPage'));
    }
    if (!seen.payload) throw new MessageError(t('noQr'));
    return { origin: seen.origin, payload: seen.payload, qr: bindToTab(seen.payload, seen.origin) };
  }

  const readEnrolmentQr: MessageHandlers['readEnrolmentQr'] = async ({ tabId }) => {
    const { origin, payload } = await readBound(tabId);
    return { origin, payload };
  };

  const enrol: MessageHandlers['enrol'] = async ({ tabId, payload, pin }) => {
    // Read again: the page must still show this very code, at this origin.
    const current = await readBound(tabId);
    if (current.payload !== payload) throw new MessageError(t('qrChanged'));
    const { qr } = current;

    const keys = await generateDeviceKey();
    const result = await postJson(
      qr.origin,
      `/api/enrolments/${qr.id}/complete`,
      {
        token: qr.token,
        pinProof: await pinProof(pin, qr.id),
        publicKey: await exportPublicKey(keys.publicKey),
        browser: deps.browserName,
      },
      completeEnrolmentResponse,
    ).catch((error: unknown) => {
      if (error instanceof ApiCallError && error.code === 'wrong-pin') {
        const left = error.attemptsLeft ?? 0;
        throw new MessageError(t(left === 1 ? 'oneAttemptLeft' : 'attemptsLeft', { message: error.message, left }));
      }
      throw error;
    });

    const vault = await deps.vault();
    const account = {
      id: result.deviceId,
      serverOrigin: qr.origin,
      uid: result.uid,
      email: result.email,
      deviceName: result.deviceName,
      createdAt: Date.now(),
      signingKey: keys.privateKey,
      ocraSuite: result.ocraSuite,
      wrappedSecret: await wrapSecret(fromBase64url(result.ocraKey), pin),
    };
    await vault.put(account);
    try {
      await postJson(
        qr.origin,
        `/api/devices/${result.deviceId}/confirm`,
        await signDeviceRequest(keys.privateKey, 'confirm', result.deviceId),
        z.object({ status: z.literal('active') }),
      );
    } catch (error) {
      await vault.remove(account.id);
      throw error;
    }
    await deps.afterEnrol?.();
    return { account: summary(account) };
  };

  return { readEnrolmentQr, enrol };
}
