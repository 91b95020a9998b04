/**
 * The toolbar popup: which screen shows (home, enrolment PIN, sign-in PIN,
 * push approval, biometric offer), the messages above it, and what it asks
 * the background when it opens. Opened as a page with `?tab=<id>`, it acts on
 * that tab instead of the active one (the end-to-end tests do this; so can a
 * user who pops it out).
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AccountSummary, PendingPush, ResponseOf } from '../../core/messages';
import { currentLanguage, t } from '../i18n/t';
import { sendMessage } from '../send-message';
import { AccessPrompt } from './access-prompt';
import { BiometricOffer } from './biometric-offer';
import { firstPendingLogin } from './early-requests';
import { messageOf } from './message-of';
import { EnrolmentPin } from './enrolment-pin';
import { Home } from './home';
import { LoginPrompt } from './login-prompt';
import { Messages } from './messages';
import { PushApproval } from './push-approval';
import { targetTab } from './target-tab';

type Screen =
  | { name: 'home' }
  | { name: 'pin'; tabId: number; origin: string; payload: string }
  | { name: 'login'; pending: NonNullable<ResponseOf<'getPendingLogin'>['pending']> }
  | { name: 'push'; request: PendingPush }
  | { name: 'biometric'; accountId: string; email: string };

export function Popup() {
  const [screen, setScreen] = useState<Screen>({ name: 'home' });
  const [accounts, setAccounts] = useState<AccountSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState('');
  /** An origin just enrolled whose host access the user has not granted yet. */
  const [askAccess, setAskAccess] = useState<string | null>(null);

  const refresh = () =>
    sendMessage('listAccounts', {}).then(
      (r) => setAccounts(r.accounts),
      (e: unknown) => setError(messageOf(e)),
    );
  /** "Check for requests": asks every enrolled server, then shows the newest request waiting. */
  const checkRequests = (showNone: boolean) =>
    sendMessage('getPushRequests', { check: true }).then(
      ({ requests, problems }) => {
        const [first] = requests;
        // A request for the account of a QR prompt takes its place: that sign-in was left for another method.
        const replaces = (s: Screen) =>
          s.name === 'home' ||
          s.name === 'push' ||
          (s.name === 'login' && s.pending.origin === first?.serverOrigin && s.pending.email === first.email);
        if (first) setScreen((s) => (replaces(s) ? { name: 'push', request: first } : s));
        else if (showNone) setNotice(t('noRequests'));
        if (problems.length) setError(problems.join(' '));
      },
      (e: unknown) => setError(messageOf(e)),
    );

  // A layout effect, so the questions to the background leave right after the first render
  // rather than after the next paint: the PIN prompt is there a frame sooner.
  useLayoutEffect(() => {
    // The page says which language it speaks (screen readers pick their voice from it).
    document.documentElement.lang = currentLanguage();
    const asksServers = new URLSearchParams(location.search).get('check') !== 'no';
    // A sign-in waiting for its PIN first: that screen is what the user opened the popup for.
    const shown = firstPendingLogin.then(
      ({ pending, lastResult }) => {
        // The server's answer to the last code (docs/security-model.md, "Knowledge": only the server can tell a wrong PIN).
        if (pending) setScreen({ name: 'login', pending });
        else if (asksServers && lastResult?.code !== 'locked') void readSignInFromPage();
        if (lastResult?.code === 'wrong-code') {
          setError(t('codeRefused', { host: new URL(lastResult.origin).host, left: lastResult.attemptsLeft ?? 0 }));
        } else if (lastResult?.code === 'locked') {
          setError(t('deviceLocked', { host: new URL(lastResult.origin).host }));
        }
      },
      () => undefined,
    );
    // The rest once that is answered: the background answers the question the PIN field waits for
    // alone, and the servers are asked after the popup has shown it.
    void shown.then(() => {
      void refresh();
      // `?check=no`: a view of the popup that asks no server and reads no page (the end-to-end tests' probes).
      if (asksServers) void checkRequests(false);
      void sendMessage('getStatus', {}).then(
        (s) => setVersion(s.extensionVersion),
        () => undefined,
      );
    });
  }, []);

  /**
   * No sign-in reported by the page's watcher: the page may still show one it could not see (a
   * canvas drawn later; a cross-origin image, which the capture that opening the popup allows can read).
   */
  async function readSignInFromPage() {
    const tabId = await targetTab();
    if (tabId === undefined) return;
    const { accepted } = await sendMessage('readLoginQr', { tabId }).catch(() => ({ accepted: false }));
    if (!accepted) return;
    const { pending } = await sendMessage('getPendingLogin', {});
    if (pending) setScreen((s) => (s.name === 'home' ? { name: 'login', pending } : s));
  }

  async function readPage() {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      const tabId = await targetTab();
      if (tabId === undefined) throw new Error(t('noPageToRead'));
      const { origin, payload } = await sendMessage('readEnrolmentQr', { tabId });
      setScreen({ name: 'pin', tabId, origin, payload });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function enrolled(account: AccountSummary) {
    setScreen({ name: 'home' });
    setNotice(t('initialisedFor', { email: account.email }));
    if (!(await browser.permissions.contains({ origins: [`${account.serverOrigin}/*`] })))
      setAskAccess(account.serverOrigin);
    await refresh();
  }

  async function remove(account: AccountSummary) {
    setError(null);
    try {
      const { serverNotified } = await sendMessage('removeAccount', { id: account.id });
      setNotice(
        serverNotified
          ? t('removedEverywhere', { email: account.email })
          : t('removedHereOnly', { email: account.email }),
      );
      await refresh();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <main class="popup" aria-busy={busy}>
      <header>
        <h1>Sidekey</h1>
        <p class="tagline">{t('tagline')}</p>
      </header>
      <Messages error={error} notice={notice} errorId="popup-error" />
      {askAccess && screen.name === 'home' && (
        <AccessPrompt
          origin={askAccess}
          onDone={(message) => {
            setAskAccess(null);
            setNotice(message);
          }}
        />
      )}
      {screen.name === 'push' ? (
        <PushApproval
          key={screen.request.id}
          request={screen.request}
          onCancel={() => setScreen({ name: 'home' })}
          onDone={({ message, error: failed, offerBiometric }) => {
            const { accountId, email } = screen.request;
            setScreen(offerBiometric ? { name: 'biometric', accountId, email } : { name: 'home' });
            if (failed) setError(message);
            else setNotice(message);
            if (!offerBiometric) void checkRequests(false);
          }}
        />
      ) : screen.name === 'biometric' ? (
        <BiometricOffer
          accountId={screen.accountId}
          email={screen.email}
          onDone={(message) => {
            setScreen({ name: 'home' });
            if (message) setNotice(message);
            void refresh();
            void checkRequests(false);
          }}
        />
      ) : screen.name === 'login' ? (
        <LoginPrompt
          pending={screen.pending}
          onDone={() => setScreen({ name: 'home' })}
          onCancel={() => {
            setScreen({ name: 'home' });
            void sendMessage('cancelLogin', {}).catch(() => undefined);
          }}
        />
      ) : screen.name === 'pin' ? (
        <EnrolmentPin
          tabId={screen.tabId}
          origin={screen.origin}
          payload={screen.payload}
          describedBy={error ? 'popup-error' : undefined}
          onError={setError}
          onBusy={setBusy}
          onDone={(account) => void enrolled(account)}
          onCancel={() => setScreen({ name: 'home' })}
        />
      ) : (
        <Home
          accounts={accounts}
          busy={busy}
          onRemove={remove}
          onBiometricOff={(account) =>
            sendMessage('disableBiometric', { accountId: account.id }).then(
              () => {
                setNotice(t('biometricNowOff', { email: account.email }));
                return refresh();
              },
              (e: unknown) => setError(messageOf(e)),
            )
          }
          onReadPage={() => void readPage()}
          onCheckRequests={() => {
            setError(null);
            setNotice(null);
            void checkRequests(true);
          }}
        />
      )}
      {version && <p class="muted version">{t('version', { version })}</p>}
    </main>
  );
}
