/**
 * "EU Login Mobile App PIN Code": push requests over the device channel, the
 * two proofs, number matching, deny and report, the counters, step-up for a
 * second device, and several instances on one PostgreSQL — on each store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE, type PushRequestView } from '../../src/core/push-api';
import { buildApp } from '../../src/server/app';
import { PUSH_TTL_MS } from '../../src/server/domain/push-requests';
import { CODE_TRIES_PER_SIGN_IN, DEVICE_LOCK_AFTER } from '../../src/server/domain/qr-sign-in';
import { openChannel, listenUrl } from '../fixtures/channel';
import { testConfig } from '../fixtures/config';
import {
  answerPush,
  completeEnrolment,
  confirm,
  pendingRequests,
  pushAnswerBody,
  qrFromPage,
  type TestDevice,
  enrolDevice,
} from '../fixtures/device';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { backends } from '../fixtures/stores';
import { GOOD_PASSWORD, PUBLIC_URL, signIn, startTestApp, ticketFor, type TestApp } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';
import { WebClient } from '../fixtures/web-client';
import type { WebSocket } from 'ws';

const EUROPASS = `${PUBLIC_URL}/europass/callback`;
const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

const sink = smtpSinkForThisFile();

for (const backend of backends) {
  describe(`PIN Code sign-in [${backend.name}]`, () => {
    let t: TestApp;
    let user: { uid: string; email: string };
    let device: TestDevice;

    const enrol = (client: WebClient, name: string, pin: string) => enrolDevice(t.app, client, { name, pin });

    beforeEach(async () => {
      t = await startTestApp(backend, sink);
      user = await seedUser(t.store, GOOD_PASSWORD);
      const client = t.client();
      await signIn(client, user.email);
      device = await enrol(client, 'Sidekey', '1234');
    });
    afterEach(() => t.close());

    /** The password with the PIN Code method; the client is on the waiting page (or the device choice). */
    async function pinStep(service: string | undefined = EUROPASS, client = t.client({ 'user-agent': FIREFOX_UA })) {
      const extra: Record<string, string> = service ? { service } : {};
      await client.get(service ? `/cas/login?service=${encodeURIComponent(service)}` : '/cas/login');
      await client.post('/cas/login', { step: 'identifier', identifier: user.email, ...extra });
      const res = await client.post('/cas/login', {
        step: 'password',
        identifier: user.email,
        method: 'mobile-pin',
        password: GOOD_PASSWORD,
        ...extra,
      });
      return { client, res, tx: client.attr(/name="tx" value="([^"]+)"/) };
    }
    const shownNumber = (body: string) => Number(/data-sidekey-push-number>(\d\d)</.exec(body)![1]);
    async function requestsOf(d: TestDevice): Promise<PushRequestView[]> {
      const res = await pendingRequests(t.app, d, t.clock.now);
      expect(res.statusCode).toBe(200);
      return res.json().requests;
    }
    const approve = async (d: TestDevice, r: PushRequestView, number: number, otp?: string) =>
      answerPush(t.app, r.id, await pushAnswerBody(d, r, 'approve', { number, otp, timestamp: t.clock.now }));
    const finish = (client: WebClient, tx: string, service: string | undefined = EUROPASS) =>
      client.post('/cas/login/push', { tx, ...(service ? { service } : {}) });

    it('sends the request with what the user needs to judge it, and signs in at PASSWORD_MOBILE_APP once approved', async () => {
      const { client, res, tx } = await pinStep();
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('A notification was sent to <strong>Sidekey</strong>');
      expect(res.body).toContain('data-sidekey-push="waiting"');
      const number = shownNumber(res.body);
      const [request] = await requestsOf(device);
      expect(request).toMatchObject({
        id: tx,
        purpose: 'sign-in',
        service: 'Europass (demo)',
        browser: 'Firefox 128',
        os: 'Linux',
        ip: '127.0.0.1',
      });
      expect(request!.choices).toContain(number);
      expect(new Set(request!.choices).size).toBe(3);
      expect(request!.expiresAt - request!.createdAt).toBe(PUSH_TTL_MS);

      expect((await client.get(`/cas/login/push/status?tx=${tx}`)).json()).toEqual({ status: 'waiting' });
      const answer = await approve(device, request!, number);
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({ status: 'approved' });
      expect((await client.get(`/cas/login/push/status?tx=${tx}`)).json()).toEqual({ status: 'approved' });

      const done = await finish(client, tx);
      // Nothing to tell: straight on to the service, with its ticket.
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toMatch(ticketFor(EUROPASS));
      const welcome = await client.get((done.headers.location as string).slice(PUBLIC_URL.length));
      expect(welcome.body).toContain('data-testid="strength">PASSWORD_MOBILE_APP<');
      expect((await t.store.activity.recent(user.uid))[0]).toMatchObject({
        kind: 'sign-in',
        detail: 'EU Login Mobile App PIN Code (Sidekey) to Europass (demo)',
      });
      // Used up: the same page cannot sign in twice, and the device has nothing left to answer.
      expect((await finish(client, tx)).statusCode).toBe(410);
      expect(await requestsOf(device)).toEqual([]);
    });

    it('wakes the waiting page’s long poll as soon as the device answers', async () => {
      const { client, tx, res } = await pinStep();
      const [request] = await requestsOf(device);
      const poll = client.get(`/cas/login/push/status?tx=${tx}&wait=1`);
      let answered = false;
      const polled = poll.then((r) => ({ body: r.json(), answeredFirst: answered }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      answered = true;
      await approve(device, request!, shownNumber(res.body));
      expect(await polled).toEqual({ body: { status: 'approved' }, answeredFirst: true });
    });

    it('ends the sign-in at once when denied, and tells the page', async () => {
      const { client, tx } = await pinStep();
      const [request] = await requestsOf(device);
      const res = await answerPush(
        t.app,
        request!.id,
        await pushAnswerBody(device, request!, 'deny', { timestamp: t.clock.now }),
      );
      expect(res.json()).toEqual({ status: 'denied' });
      expect((await client.get(`/cas/login/push/status?tx=${tx}`)).json()).toEqual({ status: 'denied' });
      const page = await finish(client, tx);
      expect(page.statusCode).toBe(401);
      expect(page.body).toContain('The sign-in was denied on your device.');
      expect(page.headers['set-cookie']?.toString()).not.toContain('sk_session=');
      expect((await t.store.activity.recent(user.uid))[0]).toMatchObject({ kind: 'sign-in-denied' });
    });

    it('"This wasn’t me" ends the sign-in, records it and mails the user', async () => {
      const { client, tx } = await pinStep();
      const [request] = await requestsOf(device);
      const res = await answerPush(
        t.app,
        request!.id,
        await pushAnswerBody(device, request!, 'report', { timestamp: t.clock.now }),
      );
      expect(res.json()).toEqual({ status: 'reported' });
      const mail = await sink.nextFor(user.email);
      expect(mail.subject).toBe('EU Login: a sign-in you did not ask for was stopped');
      expect(mail.text).toContain('Browser: Firefox 128 on Linux');
      expect(mail.text).toContain('Service: Europass (demo)');
      expect((await t.store.activity.recent(user.uid))[0]).toMatchObject({ kind: 'sign-in-reported' });
      expect((await finish(client, tx)).body).toContain('You reported this sign-in as not made by you.');
    });

    it('refuses a wrong number and ends the request (number matching)', async () => {
      const { client, tx, res } = await pinStep();
      const [request] = await requestsOf(device);
      const wrong = request!.choices.find((n) => n !== shownNumber(res.body))!;
      const answer = await approve(device, request!, wrong);
      expect(answer.statusCode).toBe(409);
      expect(answer.json()).toMatchObject({ code: 'wrong-number' });
      // The right number afterwards is too late.
      expect((await approve(device, request!, shownNumber(res.body))).json()).toMatchObject({ code: 'used' });
      expect((await finish(client, tx)).body).toContain('did not match the one on this page');
    });

    it(`counts wrong PINs: attempts left, the request ends after ${CODE_TRIES_PER_SIGN_IN}, the device locks after ${DEVICE_LOCK_AFTER} in a row (shared with the QR method)`, async () => {
      const { client, tx, res } = await pinStep();
      const [request] = await requestsOf(device);
      const number = shownNumber(res.body);
      for (let left = CODE_TRIES_PER_SIGN_IN - 1; left >= 0; left--) {
        const answer = await approve(device, request!, number, '00000000');
        expect(answer.statusCode).toBe(401);
        expect(answer.json()).toMatchObject({ code: 'wrong-pin', attemptsLeft: left });
      }
      expect((await client.get(`/cas/login/push/status?tx=${tx}`)).json()).toEqual({ status: 'failed' });
      expect((await approve(device, request!, number)).json()).toMatchObject({ code: 'used' });

      // Two more wrong codes through the QR method lock the device.
      let failures = CODE_TRIES_PER_SIGN_IN;
      const qrClient = t.client();
      await signIn(qrClient, user.email, GOOD_PASSWORD, undefined, 'mobile-qr');
      const qrTx = qrClient.attr(/name="tx" value="([^"]+)"/);
      while (failures < DEVICE_LOCK_AFTER - 1) {
        await qrClient.post('/cas/login/qr', { tx: qrTx, otp: '11111111' });
        failures++;
      }
      const second = await pinStep();
      const [next] = await requestsOf(device);
      const locked = await approve(device, next!, shownNumber(second.res.body), '00000000');
      expect(locked.statusCode).toBe(423);
      expect(locked.json()).toMatchObject({ code: 'locked' });
      expect((await t.store.devices.byId(device.deviceId!))!.status).toBe('locked');
      expect((await finish(second.client, second.tx)).statusCode).toBe(423);
    });

    it('accepts exactly one of two approvals sent at once', async () => {
      const { res } = await pinStep();
      const [request] = await requestsOf(device);
      const number = shownNumber(res.body);
      const answers = await Promise.all([approve(device, request!, number), approve(device, request!, number)]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    });

    it('refuses forged, replayed, stale and misaddressed answers, and approvals after expiry', async () => {
      const { res, client, tx } = await pinStep();
      const [request] = await requestsOf(device);
      const number = shownNumber(res.body);
      const stranger = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
      const forged = await pushAnswerBody(device, request!, 'approve', {
        number,
        key: stranger.privateKey,
        timestamp: t.clock.now,
      });
      expect((await answerPush(t.app, request!.id, forged)).json()).toMatchObject({ code: 'invalid' });
      // The signature covers the decision and the number: changing either breaks it.
      const signedDeny = await pushAnswerBody(device, request!, 'deny', { timestamp: t.clock.now });
      expect((await answerPush(t.app, request!.id, { ...signedDeny, decision: 'report' })).json()).toMatchObject({
        code: 'invalid',
      });
      const stale = await pushAnswerBody(device, request!, 'approve', { number, timestamp: t.clock.now - 600_000 });
      expect((await answerPush(t.app, request!.id, stale)).json()).toMatchObject({ code: 'invalid' });
      // Another device's request: indistinguishable from an unknown one.
      const otherUser = await seedUser(t.store, GOOD_PASSWORD);
      const otherClient = t.client();
      await signIn(otherClient, otherUser.email);
      const otherDevice = await enrol(otherClient, 'Other', '9999');
      const misaddressed = await pushAnswerBody(otherDevice, request!, 'approve', { number, timestamp: t.clock.now });
      expect((await answerPush(t.app, request!.id, misaddressed)).statusCode).toBe(404);
      // Malformed bodies.
      for (const body of [
        {},
        { ...forged, extra: 1 },
        { ...forged, number: 100 },
        { ...forged, otp: null },
        { ...forged, decision: 'deny' },
        [],
      ]) {
        expect((await answerPush(t.app, request!.id, body as object)).statusCode).toBe(400);
      }
      expect((await answerPush(t.app, 'not-an-id', forged)).statusCode).toBe(400);
      // Replayed: the same signed approval twice gets through once at most.
      const good = await pushAnswerBody(device, request!, 'approve', { number, timestamp: t.clock.now });
      t.clock.advance(PUSH_TTL_MS + 1);
      expect((await answerPush(t.app, request!.id, good)).json()).toMatchObject({ code: 'expired' });
      expect((await client.get(`/cas/login/push/status?tx=${tx}`)).json()).toEqual({ status: 'expired' });
      expect((await finish(client, tx)).statusCode).toBe(410);
    });

    it('refuses a replayed answer', async () => {
      const { res } = await pinStep();
      const [request] = await requestsOf(device);
      const body = await pushAnswerBody(device, request!, 'approve', {
        number: shownNumber(res.body),
        otp: '00000000',
        timestamp: t.clock.now,
      });
      expect((await answerPush(t.app, request!.id, body)).json()).toMatchObject({ code: 'wrong-pin' });
      expect((await answerPush(t.app, request!.id, body)).json()).toMatchObject({ code: 'invalid' });
      expect((await t.store.devices.byId(device.deviceId!))!.pinFailures).toBe(1);
    });

    it('binds the waiting page to the browser that gave the password', async () => {
      const { tx } = await pinStep();
      const other = t.client();
      await other.get('/cas/login');
      expect((await other.get(`/cas/login/push/status?tx=${tx}`)).statusCode).toBe(404);
      expect((await finish(other, tx)).statusCode).toBe(410);
      expect((await other.get('/cas/login/push/status?tx=../../x')).statusCode).toBe(404);
    });

    it('asks for approval from the existing device before adding another, then lets the user choose the device at sign-in', async () => {
      const client = t.client();
      await signIn(client, user.email);
      const ask = await client.get('/cas/mobile');
      expect(ask.body).toContain('To add another one, approve the request on your registered device.');
      expect((await client.post('/cas/mobile', { deviceName: 'X', pin: '1111', pinConfirm: '1111' })).statusCode).toBe(
        403,
      );
      const wait = await client.post('/cas/mobile/approval', { device: device.deviceId! });
      expect(wait.body).toContain('to approve adding a mobile device');
      const tx = client.attr(/name="tx" value="([^"]+)"/);
      const [request] = await requestsOf(device);
      expect(request).toMatchObject({ purpose: 'add-device', service: null });
      await approve(device, request!, shownNumber(wait.body));
      const done = await client.post('/cas/login/push', { tx });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/cas/mobile');
      expect((await client.get('/cas/mobile')).body).toContain('Your device name');
      const page = await client.post('/cas/mobile', { deviceName: 'Second', pin: '5678', pinConfirm: '5678' });
      const { device: second } = await completeEnrolment(t.app, qrFromPage(page.body), '5678');
      expect((await confirm(t.app, second)).statusCode).toBe(200);
      // The approval allowed one device.
      expect((await client.get('/cas/mobile')).body).toContain('approve the request on your registered device');

      // Two devices: the sign-in asks which one.
      const picker = await pinStep();
      expect(picker.res.body).toContain('Select the device you would like to use');
      expect(await requestsOf(second)).toEqual([]);
      const sent = await picker.client.post('/cas/login/push/device', {
        tx: picker.tx,
        device: second.deviceId!,
        service: EUROPASS,
      });
      expect(sent.body).toContain('A notification was sent to <strong>Second</strong>');
      const [toSecond] = await requestsOf(second);
      expect(toSecond!.id).toBe(picker.tx);
      expect(await requestsOf(device)).toEqual([]);
      // Only the chosen device can answer.
      const fromFirst = await pushAnswerBody(device, toSecond!, 'approve', {
        number: shownNumber(sent.body),
        timestamp: t.clock.now,
      });
      expect((await answerPush(t.app, toSecond!.id, fromFirst)).statusCode).toBe(404);
      expect((await approve(second, toSecond!, shownNumber(sent.body))).statusCode).toBe(200);
    });

    it('refuses a device choice that is not one of the account’s devices', async () => {
      const client = t.client();
      await signIn(client, user.email);
      const res = await client.post('/cas/mobile/approval', { device: 'AAAAAAAAAAAAAAAAAAAAAA' });
      expect(res.statusCode).toBe(422);
      expect(await requestsOf(device)).toEqual([]);
    });

    describe('the request channel', () => {
      let base: string;
      beforeEach(async () => {
        base = await listenUrl(t.app);
      });

      it('authenticates the device, sends its pending requests, and each new one at once', async () => {
        const channel = await openChannel(base, device, { timestamp: t.clock.now });
        expect(await channel.next()).toEqual({ type: 'requests', requests: [] });
        const { tx } = await pinStep();
        const frame = await channel.next();
        expect(frame.type === 'requests' && frame.requests.map((r) => r.id)).toEqual([tx]);
        channel.socket.send(JSON.stringify({ type: 'ping' }));
        expect(await channel.next()).toEqual({ type: 'pong' });
        // Answered: the list empties on the channel too (the extension clears its notification).
        const [request] = frame.type === 'requests' ? frame.requests : [];
        await answerPush(t.app, tx, await pushAnswerBody(device, request!, 'deny', { timestamp: t.clock.now }));
        expect(await channel.next()).toEqual({ type: 'requests', requests: [] });
        channel.close();
      });

      it('gives an offline device its pending requests when it connects', async () => {
        const { tx } = await pinStep();
        const channel = await openChannel(base, device, { timestamp: t.clock.now });
        const frame = await channel.next();
        expect(frame.type === 'requests' && frame.requests.map((r) => r.id)).toEqual([tx]);
        channel.close();
      });

      it('closes sockets that do not authenticate properly', async () => {
        const cases: ((s: WebSocket) => void)[] = [
          (s) => s.send('not json'),
          (s) => s.send(JSON.stringify({ type: 'ping' })),
          (s) => s.send(JSON.stringify({ type: 'auth', deviceId: device.deviceId })),
          (s) => s.send(Buffer.from([1, 2, 3])),
          (s) => s.send('x'.repeat(10_000)),
        ];
        for (const act of cases) {
          const channel = await openChannel(base);
          act(channel.socket);
          expect([CLOSE.refused, 1009]).toContain(await channel.closed);
        }
        const stranger = {
          ...device,
          keys: await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']),
        };
        expect(await (await openChannel(base, stranger as TestDevice, { timestamp: t.clock.now })).closed).toBe(
          CLOSE.refused,
        );
        expect(await (await openChannel(base, device, { timestamp: t.clock.now - 600_000 })).closed).toBe(
          CLOSE.refused,
        );
      });

      it('closes the channel of a device removed while connected, and drops its requests', async () => {
        const channel = await openChannel(base, device, { timestamp: t.clock.now });
        await channel.next();
        await pinStep();
        await channel.next();
        const client = t.client();
        await signIn(client, user.email);
        await client.get('/cas/account');
        const removed = await client.post(`/cas/devices/${device.deviceId}/remove`, { password: GOOD_PASSWORD });
        expect(removed.statusCode).toBe(303);
        expect(await channel.closed).toBe(CLOSE.removed);
        expect((await pendingRequests(t.app, device, t.clock.now)).statusCode).toBe(404);
      });
    });

    if (backend.name === 'postgres') {
      it('shares the work between two instances: made on one, approved through the other, learnt on the first', async () => {
        const open = await backend.open(() => t.clock.now);
        // The test app above has its own store; run both instances on one new database here.
        const storeB = await open.another!();
        const config = testConfig({ PUBLIC_URL, SMTP_URL: sink.url, CAPTCHA_TEST_MODE: '1' });
        const appA = await buildApp({ config, store: open.store, now: () => t.clock.now });
        const appB = await buildApp({ config, store: storeB, now: () => t.clock.now });
        try {
          const other = await seedUser(open.store, GOOD_PASSWORD);
          const a = new WebClient(appA);
          await signIn(a, other.email);
          await a.get('/cas/mobile');
          const page = await a.post('/cas/mobile', { deviceName: 'Shared', pin: '2468', pinConfirm: '2468' });
          const { device: d } = await completeEnrolment(appA, qrFromPage(page.body), '2468');
          expect((await confirm(appB, d)).statusCode).toBe(200);

          const channel = await openChannel(await listenUrl(appB), d, { timestamp: t.clock.now });
          expect(await channel.next()).toEqual({ type: 'requests', requests: [] });
          const b = new WebClient(appA, { 'user-agent': FIREFOX_UA });
          const wait = await signIn(b, other.email, GOOD_PASSWORD, undefined, 'mobile-pin');
          const tx = b.attr(/name="tx" value="([^"]+)"/);
          const frame = await channel.next(); // reached instance B through NOTIFY
          const request = frame.type === 'requests' ? frame.requests[0]! : undefined;
          expect(request?.id).toBe(tx);
          const poll = b.get(`/cas/login/push/status?tx=${tx}&wait=1`); // waits on instance A
          const body = await pushAnswerBody(d, request!, 'approve', {
            number: shownNumber(wait.body),
            timestamp: t.clock.now,
          });
          expect((await answerPush(appB, tx, body)).statusCode).toBe(200);
          expect((await poll).json()).toEqual({ status: 'approved' });
          expect((await b.post('/cas/login/push', { tx })).statusCode).toBe(303);
          channel.close();
        } finally {
          await appA.close();
          await appB.close();
          await open.dispose();
        }
      });
    }
  });
}
