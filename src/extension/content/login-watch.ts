/**
 * Notices a login QR the moment the page draws it: one look when the page is
 * ready, then a MutationObserver for elements added or changed later (no
 * polling). Each distinct code is reported once.
 */
import { isLoginQr, parseLoginQr } from '../../core/login-qr';
import { fillCode, type FillResult } from '../fill/type-code';
import { decodeElement, qrCandidates } from '../qr/read-page-qr';
import { t } from '../i18n/t';

export function watchLoginQr(doc: Document, onLoginQr: (payload: string) => void): () => void {
  const reported = new Set<string>();
  let scheduled = false;

  async function scan() {
    scheduled = false;
    for (const el of qrCandidates(doc)) {
      const payload = await decodeElement(el, doc).catch(() => null);
      if (payload && isLoginQr(payload) && !reported.has(payload)) {
        reported.add(payload);
        onLoginQr(payload);
      }
    }
  }
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => void scan());
  };

  const observer = new MutationObserver((mutations) => {
    const relevant = mutations.some((m) =>
      m.type === 'attributes'
        ? true
        : [...m.addedNodes].some(
            (n) => n instanceof Element && (n.matches('img, canvas, svg') || n.querySelector('img, canvas, svg')),
          ),
    );
    if (relevant) schedule();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] });
  schedule();
  return () => observer.disconnect();
}

/** The sign-in (tx) the page shows now, read again from its QR: the page may have swapped it. */
export async function currentLoginTx(doc: Document): Promise<string | null> {
  for (const el of qrCandidates(doc)) {
    const payload = await decodeElement(el, doc).catch(() => null);
    if (payload && isLoginQr(payload)) {
      try {
        return parseLoginQr(payload).tx;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The server's verdict on a code, as the page marks it (`data-sidekey-result`). */
export function pageLoginResult(doc: Document): { code: string; attemptsLeft: number | null } | null {
  const el = doc.querySelector('[data-sidekey-result]');
  if (!el) return null;
  const left = el.getAttribute('data-attempts-left');
  return {
    code: el.getAttribute('data-sidekey-result')!.slice(0, 32),
    attemptsLeft: left && /^\d+$/.test(left) ? Number(left) : null,
  };
}

/** Fills the code only while the page still shows the sign-in it was computed for. */
export async function fillForSignIn(
  doc: Document,
  request: { code: string; tx: string; origin: string; submit: boolean },
): Promise<FillResult> {
  // The background checked the tab's origin; the page checks its own too (it may have moved since).
  if (doc.location?.origin !== request.origin || (await currentLoginTx(doc)) !== request.tx) {
    return {
      filled: false,
      submitted: false,
      problem: t('otherSignIn'),
    };
  }
  return fillCode(doc, request.code, request.submit);
}
