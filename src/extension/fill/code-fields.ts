/**
 * Where a page asks for a code — the one finder for the sign-in code and the one-time codes alike
 * (docs/otp-accounts.md §4): fields marked `autocomplete="one-time-code"` (HTML Standard, autofill
 * field names), fields whose name, id, label, placeholder or accessible name says otp / code /
 * totp / 2fa / token / verification, and runs of 4–8 one-character inputs side by side. Looked for
 * in the document, in open shadow roots and in same-origin frames (a cross-origin frame is another
 * page, with its own script or none). A code goes only into fields the user can see (`usable`):
 * rendered (no display:none, visibility:hidden or opacity 0 on it or an ancestor), of a real size,
 * inside the viewport and not covered by anything else — a code typed where the user cannot see it
 * could be carried off by the page.
 */

/** One place to put a code: one field, or split one-digit fields in order. */
export type CodeTarget = HTMLInputElement[];

/** Smaller than this (CSS px) on either side, a field is not one a person could see and use. */
const MIN_FIELD_PX = 8;

export function usable(input: HTMLInputElement): boolean {
  return !input.disabled && !input.readOnly && input.type !== 'hidden' && visible(input);
}

function visible(input: HTMLElement): boolean {
  const view = input.ownerDocument.defaultView;
  if (!view || !input.isConnected) return false;
  // CSSOM View: checkVisibility covers display:none ancestors, content-visibility, and with these
  // options visibility and opacity 0 on the element or an ancestor.
  if (!input.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  // Brought into view the way focusing it would, then it must be inside the viewport.
  input.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const box = input.getBoundingClientRect();
  if (box.width < MIN_FIELD_PX || box.height < MIN_FIELD_PX) return false;
  if (box.left < 0 || box.top < 0 || box.right > view.innerWidth || box.bottom > view.innerHeight) return false;
  // Not covered: what is on top at its centre is the field itself (or something inside it).
  // Asked of the field's own root: from the document, a field in a shadow root is hidden behind its host.
  const root = input.getRootNode() as Document | ShadowRoot;
  const top = root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return top !== null && (top === input || input.contains(top));
}

/** Whether `code` goes into `target`: one field, or a field a digit, each still there to see. */
export function fitsCode(target: CodeTarget, code: string): boolean {
  return (target.length === 1 || (target.length > 1 && target.length === code.length)) && target.every(usable);
}

const TEXT_TYPES = new Set(['text', 'tel', 'number', 'password', '']);
const SAYS_CODE =
  /(^|[^a-z])(otp|totp|hotp|2fa|mfa|tfa|one[\s_-]?time|verification|verify|security[\s_-]?code|auth(entication|enticator)?[\s_-]?code|token|passcode|code)([^a-z]|$)/i;
/** Codes of other kinds that share the word. */
const OTHER_CODE =
  /(zip|postal|post[\s_-]?code|promo|coupon|voucher|discount|gift|country|area|phone|referral|invite|captcha)/i;

/** Every document to search: this one and its same-origin frames, however deep. */
function documents(doc: Document): Document[] {
  const found = [doc];
  for (const frame of doc.querySelectorAll('iframe, frame')) {
    try {
      const inner = (frame as HTMLIFrameElement).contentDocument;
      if (inner) found.push(...documents(inner));
    } catch {
      // cross-origin: not ours to read
    }
  }
  return found;
}

/** Every input under a root, open shadow roots included. */
function inputs(root: Document | ShadowRoot): HTMLInputElement[] {
  const found: HTMLInputElement[] = [...root.querySelectorAll('input')];
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) found.push(...inputs(element.shadowRoot));
  return found;
}

function labelText(input: HTMLInputElement): string {
  const labels = [...(input.labels ?? [])].map((l) => l.textContent ?? '');
  const by = input.getAttribute('aria-labelledby');
  if (by) for (const id of by.split(/\s+/)) labels.push(input.ownerDocument.getElementById(id)?.textContent ?? '');
  return labels.join(' ');
}

/** Whether one input asks for a whole code. */
export function saysCode(input: HTMLInputElement): boolean {
  if (input.autocomplete.split(/\s+/).includes('one-time-code')) return true;
  if (!TEXT_TYPES.has(input.getAttribute('type')?.toLowerCase() ?? '')) return false;
  const words = [
    input.name,
    input.id,
    input.placeholder,
    input.getAttribute('aria-label') ?? '',
    labelText(input),
  ].join(' ');
  return SAYS_CODE.test(words) && !OTHER_CODE.test(words);
}

const isSingleDigit = (input: HTMLInputElement) => input.maxLength === 1 && TEXT_TYPES.has(input.type);

/** The code fields of a page, each a target; split digits are one target. */
export function findCodeTargets(doc: Document): CodeTarget[] {
  const targets: CodeTarget[] = [];
  for (const d of documents(doc)) {
    const all = inputs(d).filter((i) => !i.disabled && !i.readOnly && i.type !== 'hidden');
    // Runs of one-character inputs under one parent (or one grandparent, for wrapped boxes).
    const groups = new Map<Node, HTMLInputElement[]>();
    for (const input of all.filter(isSingleDigit)) {
      const parent = input.parentElement;
      const key =
        parent && parent.querySelectorAll('input').length === 1 ? (parent.parentElement ?? parent) : (parent ?? input);
      groups.set(key, [...(groups.get(key) ?? []), input]);
    }
    const split = new Set<HTMLInputElement>();
    for (const group of groups.values())
      if (group.length >= 4 && group.length <= 8) {
        targets.push(group);
        group.forEach((i) => split.add(i));
      }
    for (const input of all) if (!split.has(input) && !isSingleDigit(input) && saysCode(input)) targets.push([input]);
  }
  return targets;
}

/** The element that has the focus, through shadow roots and same-origin frames. */
export function deepActiveElement(doc: Document): Element | null {
  let active: Element | null = doc.activeElement;
  for (;;) {
    if (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    else if (active instanceof (active?.ownerDocument.defaultView?.HTMLIFrameElement ?? HTMLIFrameElement)) {
      try {
        const inner = (active as HTMLIFrameElement).contentDocument;
        if (!inner?.activeElement || inner.activeElement === inner.body) return active;
        active = inner.activeElement;
      } catch {
        return active;
      }
    } else return active;
  }
}

/**
 * Where a code goes when the user asked from the keyboard or the context menu: the target holding
 * the focused field, else the focused text field itself (the user chose it), else the only target.
 */
export function targetForFill(doc: Document): CodeTarget | null {
  const targets = findCodeTargets(doc);
  const active = deepActiveElement(doc);
  const holding = targets.find((t) => t.includes(active as HTMLInputElement));
  if (holding) return holding;
  const view = active?.ownerDocument.defaultView;
  if (view && active instanceof view.HTMLInputElement && TEXT_TYPES.has(active.type) && usable(active)) return [active];
  return targets.length === 1 ? targets[0]! : null;
}
