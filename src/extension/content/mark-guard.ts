/**
 * What keeps Sidekey's mark on a page from being clickjacked (docs/otp-accounts.md §4, "What a
 * page on the account's own site can do"). The mark's host element lives in the page's DOM: its
 * closed shadow root keeps the page's styles from the buttons, but not from the host itself, nor
 * from the root element above it — a page can make the host transparent, or move it over its own
 * "▶ Play" button, and turn the user's click into a fill ("DOM-based extension clickjacking",
 * which hit the password managers' inline menus in 2025). So, as they answered it:
 *
 * - the host is rendered in the **top layer** (a manual popover, HTML §6.12): nothing of the page
 *   is drawn over it except what enters the top layer after it, and its own styles are set inline
 *   with `!important` over `all: initial` (an inline important declaration wins over any author
 *   stylesheet, CSS Cascade 5 §6.1);
 * - any change to the host's attributes (a `style` or `class` written by the page) **removes it**:
 *   the caller builds a new one, which must settle again;
 * - a click counts only when, **at that moment**, the mark has been shown and unmoved for
 *   STABLE_MS (a mark moved under the cursor just before the click is refused), the host and the
 *   root element have their untouched computed styles (opacity, filter, transform, clip, mask,
 *   blend, zoom), the host is still open in the top layer, the point clicked is the button,
 *   nothing else of the page's top layer overlaps it, and — where the browser has it —
 *   IntersectionObserver v2 (`trackVisibility`) has seen the button visible for STABLE_MS;
 * - the buttons are out of the tab order, so a page-controlled tab order cannot walk into them
 *   (the keyboard's way is Alt+Shift+O or the context menu, which no page can press).
 */
import { hasVisibilityTracking, looksUntouched, overlaps, pageTopLayer } from './page-top-layer';

/** How long the mark must have been shown, unmoved and untouched before a click counts. */
export const STABLE_MS = 500;
/** How often the host's styles are looked at while it is shown. */
const SAMPLE_MS = 100;

/** The host's own style: every property reset, then what the mark needs, all important. */
const HOST_STYLE =
  'all:initial !important;position:fixed !important;inset:0 !important;width:auto !important;height:auto !important;' +
  'margin:0 !important;padding:0 !important;border:0 !important;background:transparent !important;' +
  'overflow:visible !important;pointer-events:none !important;display:block !important;' +
  'opacity:1 !important;visibility:visible !important;z-index:2147483647 !important';

/** Why a click did not count (for the message the mark shows). */
export type Refusal = 'too-soon' | 'not-shown' | 'changed' | 'covered' | 'not-a-click';

/**
 * The mark's host: a top-layer popover with a closed shadow root. `onTampered` runs (once) when
 * anyone but Sidekey changes the host's attributes; the caller then removes it and builds a new one.
 */
export function createMarkHost(doc: Document, onTampered: () => void) {
  const host = doc.createElement('div');
  const shadow = host.attachShadow({ mode: 'closed' });
  host.setAttribute('style', HOST_STYLE);
  const canPopover = typeof host.showPopover === 'function';
  if (canPopover) host.popover = 'manual';

  /** When the host was last (re)shown: every element in it settles again from then. */
  let shownAt = 0;
  const view = doc.defaultView!;
  const now = () => view.performance.now();
  let ours = false;
  /**
   * Where the host goes: the root element — or, while the page shows a modal dialog, inside the
   * topmost one, since a modal dialog makes everything outside it inert, even popovers drawn over
   * it (HTML "blocked by a modal dialog"; whatwg/html#9936).
   */
  let parent: Element = doc.documentElement;
  const parentFor = () =>
    pageTopLayer(doc, host)
      .filter((element) => element.matches(':modal'))
      .at(-1) ?? doc.documentElement;
  const tamper = new MutationObserver((records) => {
    if (ours || records.length === 0) return;
    tamper.disconnect();
    onTampered();
  });

  /** Puts the host at the end of the root and on top of the top layer (again). */
  function show() {
    ours = true;
    try {
      parent = parentFor();
      if (host.parentNode !== parent) parent.append(host);
      if (canPopover) {
        if (host.matches(':popover-open')) host.hidePopover();
        host.showPopover();
      }
    } finally {
      tamper.takeRecords();
      ours = false;
    }
    shownAt = now();
    cleanSince = null;
    sample();
    // What of the page is in the top layer now is drawn beneath the mark — until it leaves (to come
    // back above it): `beforetoggle` to "closed" fires at once when a popover or dialog is hidden.
    beneath = new Set(pageTopLayer(doc, host));
    for (const element of beneath) {
      if (watched.has(element)) continue;
      watched.add(element);
      element.addEventListener('beforetoggle', (event) => {
        if ((event as ToggleEvent).newState === 'closed') beneath.delete(element);
      });
    }
  }
  let beneath = new Set<Element>();
  const watched = new WeakSet<Element>();
  /** The page's top-layer elements drawn over the mark: opened after it was shown. */
  const above = () => pageTopLayer(doc, host).filter((element) => !beneath.has(element));
  tamper.observe(host, { attributes: true });

  /** Whether the host is where show() put it: connected under the root, open in the top layer. */
  const inPlace = () =>
    host.isConnected && host.parentNode === parent && (!canPopover || host.matches(':popover-open'));

  /** Shown again if the page took it out of the top layer or the document. */
  function keepShown() {
    if (!inPlace()) show();
  }

  /**
   * Back on top when the page opened something of its own in the top layer since the mark was
   * shown (a modal dialog holding the code field, say): the later top-layer element is drawn over
   * it. Asked after the page's DOM changes (a whole-document search: not on every scroll frame).
   */
  function keepOnTop() {
    if (above().length || parentFor() !== parent) show();
  }

  const untouched = (element: Element) => looksUntouched(view.getComputedStyle(element));
  /**
   * The host, in place, and it and the root element with untouched styles: a top-layer element is
   * drawn outside its other ancestors (their opacity, transform, clip do not reach it).
   */
  const hostClean = () => inPlace() && untouched(host) && untouched(doc.documentElement);

  /**
   * Since when the host has been found clean at every look, looked at every SAMPLE_MS while it is
   * connected: a page that shows the mark only at the moment of the click (a style written on
   * pointerdown through the CSSOM, which no observer sees) has not had it clean for STABLE_MS. In
   * Chromium IntersectionObserver v2 answers this for what is drawn; this covers Firefox too.
   */
  let cleanSince: number | null = null;
  const sample = () => {
    if (!host.isConnected) return;
    if (hostClean()) cleanSince ??= now();
    else cleanSince = null;
  };
  const sampler = view.setInterval(sample, SAMPLE_MS);

  /**
   * Frames for as long as a mark settles: IntersectionObserver v2 looks at what is drawn only when
   * a frame is, and a still page draws none — a mark would be "not yet seen visible" until the
   * pointer's own movement brought one.
   */
  let renderingUntil = 0;
  function renderWhileSettling() {
    const running = now() < renderingUntil;
    renderingUntil = now() + STABLE_MS + 200;
    const frame = () => now() < renderingUntil && view.requestAnimationFrame(frame);
    if (!running) view.requestAnimationFrame(frame);
  }

  /**
   * A clickable element of the mark: it remembers when it last appeared or moved, and (where the
   * browser can tell) since when it has been seen really visible.
   */
  function guard(element: HTMLElement) {
    let placedAt = now();
    let visibleSince: number | null = null;
    let where = '';
    const tracking = hasVisibilityTracking();
    const observer = tracking
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              const visible = (entry as IntersectionObserverEntry & { isVisible?: boolean }).isVisible === true;
              if (!visible) visibleSince = null;
              else visibleSince ??= now();
            }
          },
          { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
        )
      : null;
    observer?.observe(element);
    element.tabIndex = -1;

    return {
      /** Call after positioning: a move (or a first showing) starts the wait again. */
      placed() {
        const box = element.getBoundingClientRect();
        const at = `${Math.round(box.left)},${Math.round(box.top)},${Math.round(box.width)},${Math.round(box.height)}`;
        if (at !== where) {
          where = at;
          placedAt = now();
          if (tracking) renderWhileSettling();
        }
      },
      /** Why `event` (a click on this element) must not act, or null when it may. */
      refusal(event: MouseEvent): Refusal | null {
        // A real pointer's click: not one a page dispatched, nor Enter or Space on a focused button.
        if (!event.isTrusted || event.detail < 1) return 'not-a-click';
        if (!inPlace() || !element.isConnected) return 'not-shown';
        if (!hostClean() || !untouched(element)) return 'changed';
        const box = element.getBoundingClientRect();
        const at = `${Math.round(box.left)},${Math.round(box.top)},${Math.round(box.width)},${Math.round(box.height)}`;
        if (at !== where) {
          // Moved since it was placed (by the page, through something Sidekey did not see): wait again.
          where = at;
          placedAt = now();
          return 'too-soon';
        }
        const inside =
          event.clientX >= box.left &&
          event.clientX <= box.right &&
          event.clientY >= box.top &&
          event.clientY <= box.bottom;
        const hit = shadow.elementFromPoint(event.clientX, event.clientY);
        if (!inside || doc.elementFromPoint(event.clientX, event.clientY) !== host || !hit || !element.contains(hit))
          return 'covered';
        if (above().some((other) => overlaps(box, other.getBoundingClientRect()))) {
          // Something of the page entered the top layer after the mark: the mark goes back on top, and waits.
          show();
          return 'covered';
        }
        if (cleanSince === null || now() - Math.max(placedAt, shownAt, cleanSince) < STABLE_MS) return 'too-soon';
        // IntersectionObserver v2 reports a frame and its `delay` (100 ms) behind: seen visible that much less.
        if (tracking && (visibleSince === null || now() - visibleSince < STABLE_MS - 200))
          return visibleSince === null ? 'covered' : 'too-soon';
        return null;
      },
      forget() {
        observer?.disconnect();
      },
    };
  }

  return {
    host,
    shadow,
    show,
    keepShown,
    keepOnTop,
    guard,
    remove() {
      tamper.disconnect();
      view.clearInterval(sampler);
      host.remove();
    },
  };
}

export type MarkHost = ReturnType<typeof createMarkHost>;
export type MarkGuard = ReturnType<MarkHost['guard']>;
