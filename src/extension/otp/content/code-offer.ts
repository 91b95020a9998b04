/**
 * The fill script's page side (docs/otp-accounts.md §4): beside each one-time-code field of a
 * page whose site holds accounts, a small Sidekey button; a trusted click asks the background for
 * the code of this site's account (or lets the user choose among several) and types it in. The
 * button lives in a closed shadow root, styled through the CSSOM only (a page's CSP cannot block
 * it, its styles cannot reach it), under a host in the top layer; a click counts only when the mark
 * was really there to see and unmoved for a while (mark-guard.ts: the clickjacking defences); a
 * click the page synthesised (`isTrusted` false) does nothing.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ResponseOf } from '../../../core/messages';
import { t } from '../../i18n/t';
import { fillTarget } from '../../fill/type-code';
import { findCodeTargets, targetForFill, type CodeTarget } from '../../fill/code-fields';
import { BUTTON_SIZE, BUTTON_STYLE, boxInTop, ITEM_STYLE, keyIcon, MENU_STYLE } from '../../content/mark-look';
import { createMarkHost, type MarkGuard, type MarkHost, type Refusal } from '../../content/mark-guard';

export interface OfferPort {
  offer(): Promise<ResponseOf<'otpOffer'>>;
  code(id: string): Promise<string>;
}

/**
 * Fills a target, if its fields are still there for the user to see (Sidekey's own marks set aside
 * while it looks, or the mark at a field's end would count as covering it: inside the shadow root,
 * so the host itself is not touched).
 */
function fillBesideMarks(target: CodeTarget, code: string, marks: ShadowRoot): boolean {
  const own = [...marks.children] as HTMLElement[];
  const displays = own.map((element) => element.style.display);
  own.forEach((element) => (element.style.display = 'none'));
  try {
    return fillTarget(target, code);
  } finally {
    own.forEach((element, i) => (element.style.display = displays[i]!));
  }
}

/** What the mark says when a click did not count (a page's own click is not answered at all). */
const REFUSALS: Record<Exclude<Refusal, 'not-a-click'>, () => string> = {
  'too-soon': () => t('otpMarkTooSoon'),
  'not-shown': () => t('otpMarkHidden'),
  changed: () => t('otpMarkHidden'),
  covered: () => t('otpMarkHidden'),
};

/**
 * Starts the offer on `doc`. Everything it starts — its observer, listeners, timers and marks — ends
 * with `ctx` (WXT's content script context): when the extension is reloaded or updated, or the
 * script is injected into the page again, the old instance leaves nothing behind.
 */
export function startOtpOffer(doc: Document, ctx: ContentScriptContext, port: OfferPort) {
  const offered = new Map<HTMLInputElement, { target: CodeTarget; button: HTMLButtonElement; guard: MarkGuard }>();
  let menu: { element: HTMLElement; guards: MarkGuard[] } | null = null;
  let worthOffering: boolean | null = null;

  /**
   * The host of every mark; a page that changes its attributes gets it taken away, and a new one
   * (which settles again) on the next scan.
   */
  let marks: MarkHost = newHost();
  function newHost(): MarkHost {
    return createMarkHost(doc, () => {
      marks.remove();
      for (const { guard } of offered.values()) guard.forget();
      offered.clear();
      closeMenu();
      marks = newHost();
      soon();
    });
  }

  const closeMenu = () => {
    menu?.guards.forEach((guard) => guard.forget());
    menu?.element.remove();
    menu = null;
  };

  /** Inside the right end of a single field; just right of the last box of split digits. */
  function place() {
    if (offered.size) marks.keepShown();
    for (const [first, { target, button, guard }] of offered) {
      const last = target[target.length - 1]!;
      if (!first.isConnected || !usableBox(last)) {
        button.style.display = 'none';
        continue;
      }
      const box = boxInTop(last);
      const left = target.length > 1 ? box.right + 4 : box.right - BUTTON_SIZE - 4;
      button.style.display = 'flex';
      button.style.left = `${Math.min(left, doc.documentElement.clientWidth - BUTTON_SIZE)}px`;
      button.style.top = `${box.top + (box.height - BUTTON_SIZE) / 2}px`;
      guard.placed();
    }
  }
  const usableBox = (field: HTMLElement) => {
    const box = field.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };

  function say(anchor: HTMLElement, text: string) {
    closeMenu();
    const element = doc.createElement('div');
    element.setAttribute('role', 'status');
    element.style.cssText = MENU_STYLE;
    element.textContent = text;
    position(element, anchor);
    marks.shadow.append(element);
    menu = { element, guards: [] };
    ctx.setTimeout(() => menu?.element === element && closeMenu(), 6000);
  }
  function position(element: HTMLElement, anchor: HTMLElement) {
    const box = anchor.getBoundingClientRect();
    element.style.left = `${Math.max(4, box.left - 200)}px`;
    element.style.top = `${box.bottom + 4}px`;
  }

  async function fillWith(target: CodeTarget, id: string, anchor: HTMLElement) {
    closeMenu();
    try {
      if (!fillBesideMarks(target, await port.code(id), marks.shadow)) say(anchor, t('otpFieldGone'));
    } catch (error) {
      say(anchor, error instanceof Error ? error.message : t('internalError'));
    }
  }

  async function clicked(target: CodeTarget, button: HTMLButtonElement) {
    const offer = await port.offer().catch(() => null);
    if (!offer) return say(button, t('noAnswer'));
    if (offer.locked) return say(button, t('otpUnlockInPopup'));
    const [only] = offer.accounts;
    if (!only) return say(button, t('otpNoAccountHere'));
    if (offer.accounts.length === 1) return fillWith(target, only.id, button);
    closeMenu();
    const element = doc.createElement('div');
    element.setAttribute('role', 'menu');
    element.style.cssText = MENU_STYLE;
    const guards: MarkGuard[] = [];
    for (const account of offer.accounts) {
      const item = doc.createElement('button');
      item.type = 'button';
      item.setAttribute('role', 'menuitem');
      item.style.cssText = ITEM_STYLE;
      // Each name isolated (UAX #9): nothing in one can reorder what is drawn around it.
      for (const [i, name] of (account.issuer ? [account.issuer, account.label] : [account.label]).entries()) {
        if (i > 0) item.append(' — ');
        const isolated = doc.createElement('bdi');
        isolated.textContent = name;
        item.append(isolated);
      }
      // The menu's items are held to the mark's own rules: seen, unmoved, untouched, for a while.
      const guard = marks.guard(item);
      guards.push(guard);
      item.addEventListener('click', (event) => {
        if (allowed(guard, event, button)) void fillWith(target, account.id, button);
      });
      element.append(item);
    }
    position(element, button);
    marks.shadow.append(element);
    menu = { element, guards };
    guards.forEach((guard) => guard.placed());
  }

  /** Whether a click on a mark counts; when it does not, the mark says why (a page's own click, nothing). */
  function allowed(guard: MarkGuard, event: MouseEvent, anchor: HTMLElement): boolean {
    const refusal = guard.refusal(event);
    if (refusal && refusal !== 'not-a-click') say(anchor, REFUSALS[refusal]());
    return refusal === null;
  }

  function scan() {
    for (const target of findCodeTargets(doc)) {
      const first = target[0]!;
      if (offered.has(first)) continue;
      const button = doc.createElement('button');
      button.type = 'button';
      button.append(keyIcon(doc));
      button.title = t('otpFillTitle');
      button.setAttribute('aria-label', t('otpFillTitle'));
      button.style.cssText = BUTTON_STYLE;
      const guard = marks.guard(button);
      button.addEventListener('click', (event) => {
        // Only the user's own click on a mark they could see: a page cannot make Sidekey type a
        // code by dispatching one, nor by hiding or moving the mark under its own button.
        if (allowed(guard, event, button)) void clicked(target, button);
      });
      marks.shadow.append(button);
      offered.set(first, { target, button, guard });
    }
    for (const [first, { button, guard }] of offered)
      if (!first.isConnected) {
        guard.forget();
        button.remove();
        offered.delete(first);
      }
    if (offered.size) marks.keepOnTop();
    place();
  }

  async function rescan() {
    if (findCodeTargets(doc).length === 0) return;
    // Asked once a page: does this site hold accounts (or is the vault locked, so it may)?
    if (worthOffering === null) {
      const offer = await port.offer().catch(() => null);
      worthOffering = !!offer && (offer.locked || offer.accounts.length > 0);
    }
    // Invalidated while it asked: no mark from an instance that has ended.
    if (worthOffering && ctx.isValid) scan();
  }

  let pending = 0;
  const soon = () => {
    clearTimeout(pending);
    pending = ctx.setTimeout(() => void rescan(), 150);
  };
  // `open`: a dialog shown modal enters the top layer after the mark; the next scan puts the mark back on top.
  const observer = new MutationObserver(soon);
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['open'],
  });
  // A same-origin frame's fields arrive with its own load (load events do not bubble; captured here).
  ctx.addEventListener(doc, 'load', (event) => event.target instanceof HTMLIFrameElement && soon(), { capture: true });
  const placeSoon = () => ctx.requestAnimationFrame(place);
  ctx.addEventListener(window, 'scroll', placeSoon, { capture: true, passive: true });
  ctx.addEventListener(window, 'resize', placeSoon, { passive: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    closeMenu();
    for (const { guard } of offered.values()) guard.forget();
    offered.clear();
    marks.remove();
  });
  void rescan();

  /** The keyboard shortcut or the context menu: the background sends the code; it goes where the user is. */
  return {
    fillFocused(code: string): boolean {
      const target = targetForFill(doc);
      return target !== null && fillBesideMarks(target, code, marks.shadow);
    },
  };
}
