/**
 * The fill script's page side (docs/otp-accounts.md §4): beside each one-time-code field of a
 * page whose site holds accounts, a small Sidekey button; a trusted click asks the background for
 * the code of this site's account (or lets the user choose among several) and types it in. The
 * button lives in a closed shadow root, styled through the CSSOM only (a page's CSP cannot block
 * it, its styles cannot reach it); a click the page synthesised (`isTrusted` false) does nothing.
 */
import type { ResponseOf } from '../../core/messages';
import { t } from '../i18n/t';
import { typeInto, usable } from '../fill/fill-code';
import { findOtpTargets, targetForFill, type CodeTarget } from '../fill/otp-fields';

export interface OfferPort {
  offer(): Promise<ResponseOf<'otpOffer'>>;
  code(id: string): Promise<string>;
}

/** Small, like a password manager's mark inside a field: it must not cover the page's own controls. */
const BUTTON_SIZE = 20;
const BUTTON_STYLE =
  `all:initial;position:fixed;z-index:2147483647;width:${BUTTON_SIZE}px;height:${BUTTON_SIZE}px;background:#0b57d0;` +
  'border-radius:4px;cursor:pointer;box-shadow:0 1px 3px rgba(0,0,0,.3);display:flex;align-items:center;justify-content:center';
const MENU_STYLE =
  'all:initial;position:fixed;z-index:2147483647;font:13px/1.4 system-ui,sans-serif;background:#fff;color:#111;' +
  'border:1px solid #888;border-radius:4px;padding:4px;display:flex;flex-direction:column;gap:2px;max-width:320px';
const ITEM_STYLE = 'all:initial;font:inherit;cursor:pointer;padding:3px 6px;color:#111;display:block';

/** The box of a field in the top document's viewport (a same-origin frame's offset added). */
function boxInTop(field: HTMLElement): DOMRect {
  const box = field.getBoundingClientRect();
  let x = box.left;
  let y = box.top;
  for (let view = field.ownerDocument.defaultView; view?.frameElement; view = view.parent as typeof view) {
    const frame = view.frameElement.getBoundingClientRect();
    x += frame.left;
    y += frame.top;
  }
  return new DOMRect(x, y, box.width, box.height);
}

/** Fills a target, if its fields are still there for the user to see (Sidekey's own marks set aside while it looks). */
function fillTarget(target: CodeTarget, code: string, marks: HTMLElement): boolean {
  const fields = target.filter((f) => f.isConnected);
  const shown = marks.style.display;
  marks.style.display = 'none';
  try {
    if (fields.length === 0 || (fields.length > 1 && fields.length !== code.length) || !fields.every(usable))
      return false;
    typeInto(fields, code);
    return true;
  } finally {
    marks.style.display = shown;
  }
}

/** A key, drawn: no font or image the page could change. */
function keyIcon(doc: Document): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(ns, 'path');
  path.setAttribute('fill', '#fff');
  path.setAttribute('d', 'M7 14a3 3 0 1 1 0-6 3 3 0 0 1 0 6zm5.7-4A6 6 0 1 0 12.7 14H16v3h3v-3h2v-4z');
  svg.append(path);
  return svg;
}

export function startOtpOffer(doc: Document, port: OfferPort) {
  const host = doc.createElement('div');
  const shadow = host.attachShadow({ mode: 'closed' });
  const offered = new Map<HTMLInputElement, { target: CodeTarget; button: HTMLButtonElement }>();
  let menu: HTMLElement | null = null;
  let worthOffering: boolean | null = null;

  const closeMenu = () => {
    menu?.remove();
    menu = null;
  };

  /** Inside the right end of a single field; just right of the last box of split digits. */
  function place() {
    for (const [first, { target, button }] of offered) {
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
    }
  }
  const usableBox = (field: HTMLElement) => {
    const box = field.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };

  function say(anchor: HTMLElement, text: string) {
    closeMenu();
    menu = doc.createElement('div');
    menu.setAttribute('role', 'status');
    menu.style.cssText = MENU_STYLE;
    menu.textContent = text;
    position(menu, anchor);
    shadow.append(menu);
    setTimeout(closeMenu, 6000);
  }
  function position(element: HTMLElement, anchor: HTMLElement) {
    const box = anchor.getBoundingClientRect();
    element.style.left = `${Math.max(4, box.left - 200)}px`;
    element.style.top = `${box.bottom + 4}px`;
  }

  async function fillWith(target: CodeTarget, id: string, anchor: HTMLElement) {
    closeMenu();
    try {
      if (!fillTarget(target, await port.code(id), host)) say(anchor, t('otpFieldGone'));
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
    menu = doc.createElement('div');
    menu.setAttribute('role', 'menu');
    menu.style.cssText = MENU_STYLE;
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
      item.addEventListener('click', (event) => {
        if (event.isTrusted) void fillWith(target, account.id, button);
      });
      menu.append(item);
    }
    position(menu, button);
    shadow.append(menu);
  }

  function scan() {
    for (const target of findOtpTargets(doc)) {
      const first = target[0]!;
      if (offered.has(first)) continue;
      const button = doc.createElement('button');
      button.type = 'button';
      button.append(keyIcon(doc));
      button.title = t('otpFillTitle');
      button.setAttribute('aria-label', t('otpFillTitle'));
      button.style.cssText = BUTTON_STYLE;
      button.addEventListener('click', (event) => {
        // Only the user's own click: a page cannot make Sidekey type a code by dispatching one.
        if (event.isTrusted) void clicked(target, button);
      });
      shadow.append(button);
      offered.set(first, { target, button });
    }
    for (const [first, { button }] of offered)
      if (!first.isConnected) {
        button.remove();
        offered.delete(first);
      }
    if (offered.size && !host.isConnected) doc.documentElement.append(host);
    place();
  }

  async function rescan() {
    if (findOtpTargets(doc).length === 0) return;
    // Asked once a page: does this site hold accounts (or is the vault locked, so it may)?
    if (worthOffering === null) {
      const offer = await port.offer().catch(() => null);
      worthOffering = !!offer && (offer.locked || offer.accounts.length > 0);
    }
    if (worthOffering) scan();
  }

  let pending = 0;
  const soon = () => {
    clearTimeout(pending);
    pending = window.setTimeout(() => void rescan(), 150);
  };
  new MutationObserver(soon).observe(doc.documentElement, { childList: true, subtree: true });
  // A same-origin frame's fields arrive with its own load (load events do not bubble; captured here).
  doc.addEventListener('load', (event) => event.target instanceof HTMLIFrameElement && soon(), true);
  addEventListener('scroll', () => requestAnimationFrame(place), { capture: true, passive: true });
  addEventListener('resize', () => requestAnimationFrame(place), { passive: true });
  void rescan();

  /** The keyboard shortcut or the context menu: the background sends the code; it goes where the user is. */
  return {
    fillFocused(code: string): boolean {
      const target = targetForFill(doc);
      return target !== null && fillTarget(target, code, host);
    },
  };
}
