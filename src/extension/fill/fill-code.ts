/**
 * Types a one-time password into the page's code field the way a person
 * would: one character at a time, through the value setter frameworks watch,
 * with the keyboard and input events they listen to. Works with one field or
 * with split one-digit fields. Fills only fields the user can see: rendered
 * (no display:none, visibility:hidden or opacity 0 on it or an ancestor), of a
 * real size, inside the viewport and not covered by anything else — a code
 * typed where the user cannot see it could be carried off by the page.
 */
import { t } from '../i18n/t';

const SINGLE = ['input[autocomplete="one-time-code"]', 'input[name="otp"]', 'input[name*="code" i]:not([type=hidden])'];

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

/** The field(s) to fill: one input, or a run of one-character inputs. */
export function findCodeFields(doc: Document, length: number): HTMLInputElement[] | null {
  const splits = [...doc.querySelectorAll<HTMLInputElement>('input[maxlength="1"]')].filter(usable);
  if (splits.length === length) return splits;
  for (const selector of SINGLE) {
    const input = doc.querySelector<HTMLInputElement>(selector);
    if (input) return usable(input) ? [input] : null;
  }
  return null;
}

function setValue(input: HTMLInputElement, value: string) {
  // The prototype's setter, so frameworks that wrap the instance's value (React) see the change.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
}

function type(input: HTMLInputElement, text: string) {
  const view = input.ownerDocument.defaultView!;
  input.focus();
  setValue(input, '');
  for (const ch of text) {
    input.dispatchEvent(new view.KeyboardEvent('keydown', { key: ch, bubbles: true }));
    setValue(input, input.value + ch);
    input.dispatchEvent(new view.InputEvent('input', { data: ch, inputType: 'insertText', bubbles: true }));
    input.dispatchEvent(new view.KeyboardEvent('keyup', { key: ch, bubbles: true }));
  }
  input.dispatchEvent(new view.Event('change', { bubbles: true }));
}

/** The code into one field, or a digit into each of split one-character fields. */
export function typeInto(fields: readonly HTMLInputElement[], code: string) {
  if (fields.length === 1) type(fields[0]!, code);
  else fields.forEach((field, i) => type(field, code[i] ?? ''));
}

export interface FillResult {
  filled: boolean;
  submitted: boolean;
  problem: string | null;
}

export function fillCode(doc: Document, code: string, submit: boolean): FillResult {
  const fields = findCodeFields(doc, code.length);
  if (!fields) {
    return {
      filled: false,
      submitted: false,
      problem: t('noCodeField'),
    };
  }
  typeInto(fields, code);
  const form = fields[0]!.form;
  if (!submit || !form) return { filled: true, submitted: false, problem: null };
  form.requestSubmit();
  return { filled: true, submitted: true, problem: null };
}
