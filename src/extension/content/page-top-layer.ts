/**
 * What a page can do to an element of Sidekey's that it cannot reach into: style it from outside
 * (computed values that differ from the untouched ones), and draw its own top-layer elements over
 * it (open popovers, modal dialogs, fullscreen — found in shadow roots too, closed ones included,
 * which the extension may open and the page's own scripts may not).
 */
import { browser } from 'wxt/browser';

/** Computed values the host and its ancestors have when no page has touched them. */
const UNTOUCHED: [property: string, fine: (value: string) => boolean][] = [
  ['opacity', (v) => v === '1'],
  ['filter', (v) => v === 'none'],
  ['transform', (v) => v === 'none'],
  ['translate', (v) => v === 'none'],
  ['rotate', (v) => v === 'none'],
  ['scale', (v) => v === 'none'],
  ['clip-path', (v) => v === 'none'],
  ['clip', (v) => v === 'auto' || v === ''],
  ['mask-image', (v) => v === 'none' || v === ''],
  ['mix-blend-mode', (v) => v === 'normal'],
  ['zoom', (v) => v === '1' || v === 'normal' || v === ''],
  ['visibility', (v) => v === 'visible'],
  ['content-visibility', (v) => v === 'visible' || v === ''],
];

/** Whether computed styles are those of an element no page has styled to hide, move or clip it. */
export const looksUntouched = (style: CSSStyleDeclaration) =>
  UNTOUCHED.every(([property, fine]) => fine(style.getPropertyValue(property)));

/** The shadow root of any element, closed ones included (Firefox and Chrome give content scripts that). */
function anyShadowRoot(element: Element): ShadowRoot | null {
  const firefox = (element as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  if (firefox !== undefined) return firefox;
  const chromeDom = (browser as unknown as { dom?: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } }).dom;
  return chromeDom?.openOrClosedShadowRoot(element) ?? element.shadowRoot;
}

/** The page's own elements in the top layer (open popovers, modal dialogs, fullscreen), shadow roots too. */
export function pageTopLayer(doc: Document, ours: Element): Element[] {
  const found: Element[] = [];
  const search = (root: Document | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      if (element !== ours && element.matches(':popover-open, :modal, :fullscreen')) found.push(element);
      const shadow = element === ours ? null : anyShadowRoot(element);
      if (shadow) search(shadow);
    }
  };
  search(doc);
  return found;
}

export const overlaps = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom && b.width > 0 && b.height > 0;

/** Whether IntersectionObserver v2 (`trackVisibility`, `isVisible`) is there: Chromium, not Firefox. */
export const hasVisibilityTracking = () => 'isVisible' in (globalThis.IntersectionObserverEntry?.prototype ?? {});
