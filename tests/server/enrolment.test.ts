/** "Add mobile device" and the enrolment API, on each store. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signDeviceRequest } from '../../src/core/device-crypto';
import { parseEnrolmentQr } from '../../src/core/enrolment-qr';
import { FRESH_MS } from '../../src/server/web/plugins/session';
import { ENROLMENT_PIN_TRIES, ENROLMENT_TTL_MS } from '../../src/server/domain/enrolment';
import { completeEnrolment, confirm, qrFromPage } from '../fixtures/device';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { backends } from '../fixtures/stores';
import { createAccount, GOOD_PASSWORD, PUBLIC_URL, signIn, startTestApp, type TestApp } from '../fixtures/test-app';
import type { WebClient } from '../fixtures/web-client';

const sink = smtpSinkForThisFile();

for (const backend of backends) {
  describe(`enrolment [${backend.name}]`, () => {
    let t: TestApp;
    let client: WebClient;
    let uid: string;
    const email = 'frank@example.eu';
    beforeEach(async () => {
      t = await startTestApp(backend, sink);
      uid = await createAccount(t, sink, { firstName: 'Frank', lastName: 'Dubois', email });
      client = t.client();
      await signIn(client, email);
    });
    afterEach(() => t.close());

    async function showQr(pin = '4821', deviceName = 'Sidekey in Chromium') {
      await client.get('/cas/mobile');
      const res = await client.post('/cas/mobile', { deviceName, pin, pinConfirm: pin });
      expect(res.statusCode).toBe(200);
      return qrFromPage(res.body);
    }
    const status = async (id: string) => (await client.get(`/cas/mobile/enrolments/${id}/status`)).json().status;

    it('shows the guide’s form with its explanations', async () => {
      const res = await client.get('/cas/mobile');
      for (const text of [
        'Add a mobile device',
        'Please give a name to identify your mobile device and a PIN code to use for it.',
        'Your device name',
        'Your 4 digit PIN code',
        'Confirm your PIN code',
        'Submit',
        'Cancel',
      ]) {
        expect(res.body).toContain(text);
      }
    });

    it.each([
      [{ deviceName: '', pin: '1234', pinConfirm: '1234' }, 'Please give your device a name.'],
      [{ deviceName: 'x'.repeat(51), pin: '1234', pinConfirm: '1234' }, 'at most 50 characters'],
      [{ deviceName: 'A', pin: '12a4', pinConfirm: '12a4' }, 'The PIN code must be exactly 4 digits.'],
      [{ deviceName: 'A', pin: '12345', pinConfirm: '12345' }, 'The PIN code must be exactly 4 digits.'],
      [{ deviceName: 'A', pin: '1234', pinConfirm: '1243' }, 'The PIN codes do not match.'],
    ])('refuses %o', async (fields, message) => {
      await client.get('/cas/mobile');
      const res = await client.post('/cas/mobile', fields);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain(message);
    });

    it('asks for the password again when the sign-in is not fresh', async () => {
      t.clock.advance(FRESH_MS + 1);
      const res = await client.get('/cas/mobile');
      expect(res.body).toContain('please enter your password to continue');
      expect((await client.post('/cas/mobile/reauth', { password: 'Wrong one 1' })).statusCode).toBe(401);
      const ok = await client.post('/cas/mobile/reauth', { password: GOOD_PASSWORD });
      expect(ok.statusCode).toBe(303);
      expect((await client.get('/cas/mobile')).body).toContain('Your device name');
    });

    it('shows a QR that names this server, then enrols the device in two steps', async () => {
      const payload = await showQr();
      const qr = parseEnrolmentQr(payload);
      expect(qr.origin).toBe(PUBLIC_URL);
      expect(await status(qr.id)).toBe('waiting');

      const { res, device } = await completeEnrolment(t.app, payload, '4821');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        uid,
        email,
        deviceName: 'Sidekey in Chromium',
        ocraSuite: 'OCRA-1:HOTP-SHA256-8:QH64',
      });
      // Not yet a device: it has the secret but has not proved it holds its key.
      expect(await t.store.devices.listFor(uid)).toEqual([]);
      expect(await status(qr.id)).toBe('waiting');

      const confirmed = await confirm(t.app, device);
      expect(confirmed.statusCode).toBe(200);
      expect(await status(qr.id)).toBe('done');
      const [stored] = await t.store.devices.listFor(uid);
      expect(stored).toMatchObject({ name: 'Sidekey in Chromium', status: 'active', browser: 'Node test device' });
      // Secrets at rest: the OCRA key is sealed, the PIN proof is gone.
      expect(stored!.ocraKeyEnc).not.toContain(device.ocraKey!);
      expect(await t.store.sql.get('SELECT pin_proof_hash FROM enrolments WHERE id = ?', [qr.id])).toEqual({
        pin_proof_hash: null,
      });
      const account = await client.get('/cas/account');
      expect(account.body).toContain('Sidekey in Chromium');
      expect(account.body).toContain('Mobile device added');
      // With a device, signing in no longer says none was found.
      expect((await signIn(t.client(), email)).body).not.toContain('No mobile device found');
    });

    it('wakes the waiting page’s long poll by the store’s event when the device confirms, reading the enrolment once meanwhile', async () => {
      const payload = await showQr();
      const { id } = parseEnrolmentQr(payload);
      const { device } = await completeEnrolment(t.app, payload, '4821');
      const byId = t.store.enrolments.byId;
      let reads = 0;
      t.store.enrolments.byId = (...args) => (reads++, byId(...args));
      try {
        const poll = client.get(`/cas/mobile/enrolments/${id}/status?wait=1`);
        // Long enough for a page polling the database every 250 ms to have read it several times.
        await new Promise((resolve) => setTimeout(resolve, 1100));
        expect(reads).toBe(1);
        expect((await confirm(t.app, device)).statusCode).toBe(200);
        expect((await poll).json()).toEqual({ status: 'done' });
        expect(reads).toBe(2);
      } finally {
        t.store.enrolments.byId = byId;
      }
    });

    it('counts wrong PINs and cancels the enrolment after the last try', async () => {
      const payload = await showQr('4821');
      for (let i = 1; i < ENROLMENT_PIN_TRIES; i++) {
        const { res } = await completeEnrolment(t.app, payload, '0000');
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ code: 'wrong-pin', attemptsLeft: ENROLMENT_PIN_TRIES - i });
      }
      const last = await completeEnrolment(t.app, payload, '0000');
      expect(last.res.json().code).toBe('locked');
      // Even the right PIN no longer works, and the page learns it.
      expect((await completeEnrolment(t.app, payload, '4821')).res.statusCode).toBe(410);
      expect(await status(parseEnrolmentQr(payload).id)).toBe('cancelled');
    });

    it('uses a code once, and lets exactly one of two concurrent completions win', async () => {
      const payload = await showQr();
      const results = await Promise.all([
        completeEnrolment(t.app, payload, '4821'),
        completeEnrolment(t.app, payload, '4821'),
      ]);
      expect(results.map((r) => r.res.statusCode).sort()).toEqual([200, 409]);
      expect((await completeEnrolment(t.app, payload, '4821')).res.json().code).toBe('used');
    });

    it('lets the code expire, and the page says so', async () => {
      const payload = await showQr();
      t.clock.advance(ENROLMENT_TTL_MS + 1);
      expect((await completeEnrolment(t.app, payload, '4821')).res.json().code).toBe('expired');
      expect(await status(parseEnrolmentQr(payload).id)).toBe('expired');
    });

    it('refuses a forged token, a forged or replayed confirmation, and a stale signature', async () => {
      const payload = await showQr();
      const forged = payload.replace(/token=[^&]+/, `token=${'A'.repeat(43)}`);
      expect((await completeEnrolment(t.app, forged, '4821')).res.statusCode).toBe(404);
      const { device } = await completeEnrolment(t.app, payload, '4821');
      const intruder = {
        ...device,
        keys: (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
          'sign',
          'verify',
        ])) as CryptoKeyPair,
      };
      expect((await confirm(t.app, intruder)).statusCode).toBe(401);
      expect((await confirm(t.app, device, t.clock.now - 10 * 60_000)).statusCode).toBe(401);
      const body = await signDeviceRequest(device.keys.privateKey, 'confirm', device.deviceId!, t.clock.now);
      const first = await t.app.inject({
        method: 'POST',
        url: `/api/devices/${device.deviceId}/confirm`,
        payload: body,
      });
      expect(first.statusCode).toBe(200);
      const replay = await t.app.inject({
        method: 'POST',
        url: `/api/devices/${device.deviceId}/confirm`,
        payload: body,
      });
      expect(replay.statusCode).toBe(404); // no longer pending
    });

    it('leaves no device when the device never confirms (popup closed half-way)', async () => {
      const payload = await showQr();
      const { device } = await completeEnrolment(t.app, payload, '4821');
      t.clock.advance(ENROLMENT_TTL_MS + 1);
      expect((await confirm(t.app, device)).statusCode).toBe(410);
      expect(await t.store.devices.listFor(uid)).toEqual([]);
      // Starting again clears the pending one.
      t.clock.advance(0);
      await client.post('/cas/mobile/reauth', { password: GOOD_PASSWORD });
      await showQr();
      expect(await t.store.sql.get('SELECT COUNT(*) AS n FROM devices')).toMatchObject({ n: 0 });
    });

    it('asks for approval from the existing device before adding another', async () => {
      const { device } = await completeEnrolment(t.app, await showQr(), '4821');
      await confirm(t.app, device);
      const res = await client.get('/cas/mobile');
      expect(res.body).toContain('To add another one, approve the request on your registered device.');
      expect(
        (await client.post('/cas/mobile', { deviceName: 'Second', pin: '1111', pinConfirm: '1111' })).statusCode,
      ).toBe(403);
    });

    it('renames and removes a device (removal asks for the password) and logs both', async () => {
      const { device } = await completeEnrolment(t.app, await showQr(), '4821');
      await confirm(t.app, device);
      await client.get('/cas/account');
      expect((await client.post(`/cas/devices/${device.deviceId}/rename`, { name: 'Work laptop' })).statusCode).toBe(
        303,
      );
      expect((await t.store.devices.byId(device.deviceId!))!.name).toBe('Work laptop');
      expect(
        (await client.post(`/cas/devices/${device.deviceId}/remove`, { password: 'Wrong one 1' })).statusCode,
      ).toBe(401);
      expect(await t.store.devices.byId(device.deviceId!)).toBeDefined();
      expect(
        (await client.post(`/cas/devices/${device.deviceId}/remove`, { password: GOOD_PASSWORD })).statusCode,
      ).toBe(303);
      expect(await t.store.devices.byId(device.deviceId!)).toBeUndefined();
      const kinds = (await t.store.activity.recent(uid)).map((a) => a.kind);
      expect(kinds).toEqual(expect.arrayContaining(['device-added', 'device-renamed', 'device-removed']));
    });

    it('lets a device remove itself with a signed request', async () => {
      const { device } = await completeEnrolment(t.app, await showQr(), '4821');
      await confirm(t.app, device);
      const body = await signDeviceRequest(device.keys.privateKey, 'remove', device.deviceId!, t.clock.now);
      expect(
        (await t.app.inject({ method: 'POST', url: `/api/devices/${device.deviceId}/remove`, payload: body }))
          .statusCode,
      ).toBe(200);
      expect(await t.store.devices.listFor(uid)).toEqual([]);
    });

    it('never lets one user see another user’s enrolment status', async () => {
      const payload = await showQr();
      const other = t.client();
      await createAccount(t, sink, { firstName: 'G', lastName: 'H', email: 'gh@example.eu' });
      await signIn(other, 'gh@example.eu');
      expect((await other.get(`/cas/mobile/enrolments/${parseEnrolmentQr(payload).id}/status`)).statusCode).toBe(404);
    });

    it.each([
      ['not JSON', 'text', 415],
      ['an empty object', {}, 400],
      [
        'a private key',
        {
          token: 'A'.repeat(43),
          pinProof: 'A'.repeat(43),
          publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43), d: 'A'.repeat(43) },
          browser: 'x',
        },
        400,
      ],
      [
        'another curve',
        {
          token: 'A'.repeat(43),
          pinProof: 'A'.repeat(43),
          publicKey: { kty: 'EC', crv: 'P-384', x: 'A'.repeat(64), y: 'A'.repeat(64) },
          browser: 'x',
        },
        400,
      ],
      [
        'an oversized browser name',
        {
          token: 'A'.repeat(43),
          pinProof: 'A'.repeat(43),
          publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) },
          browser: 'x'.repeat(101),
        },
        400,
      ],
    ])('answers %s on the API with a clear JSON error and CORS headers', async (_name, payload, code) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/enrolments/${'A'.repeat(22)}/complete`,
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        headers: { 'content-type': typeof payload === 'string' ? 'text/plain' : 'application/json' },
      });
      expect(res.statusCode).toBe(code);
      expect(res.json().error).toEqual(expect.any(String));
      expect(res.headers['access-control-allow-origin']).toBe('*');
    });

    it('answers the CORS preflight', async () => {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: `/api/enrolments/${'A'.repeat(22)}/complete`,
        headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST' },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-methods']).toBe('POST');
    });
  });
}
