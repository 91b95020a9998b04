/**
 * How Sidekey's mark on a page looks and where it goes: styles written whole through the CSSOM
 * (a page's CSP cannot block them, its styles cannot reach into the closed shadow root), a key
 * drawn as SVG (no font or image the page could change), and the field's box in the top viewport.
 */

/** Small, like a password manager's mark inside a field: it must not cover the page's own controls. */
export const BUTTON_SIZE = 20;
export const BUTTON_STYLE =
  `all:initial;position:fixed;z-index:2147483647;width:${BUTTON_SIZE}px;height:${BUTTON_SIZE}px;background:#0b57d0;` +
  'border-radius:4px;cursor:pointer;box-shadow:0 1px 3px rgba(0,0,0,.3);display:flex;align-items:center;justify-content:center';
export const MENU_STYLE =
  'all:initial;position:fixed;z-index:2147483647;font:13px/1.4 system-ui,sans-serif;background:#fff;color:#111;' +
  'border:1px solid #888;border-radius:4px;padding:4px;display:flex;flex-direction:column;gap:2px;max-width:320px';
export const ITEM_STYLE = 'all:initial;font:inherit;cursor:pointer;padding:3px 6px;color:#111;display:block';

/** The box of a field in the top document's viewport (a same-origin frame's offset added). */
export function boxInTop(field: HTMLElement): DOMRect {
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

/** A key, drawn: no font or image the page could change. */
export function keyIcon(doc: Document): SVGSVGElement {
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
