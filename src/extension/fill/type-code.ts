/**
 * Types a one-time password into a page's code field the way a person would: one character at a
 * time, through the value setter frameworks watch, with the keyboard and input events they listen
 * to. One field, or split one-digit fields a digit each — and only fields the user can see
 * (code-fields.ts: `usable`), for the sign-in code and the one-time codes alike.
 */
import { t } from '../i18n/t';
import { findCodeTargets, fitsCode, type CodeTarget } from './code-fields';

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

/** Types `code` into `target` if it still fits it and every field is there for the user to see. */
export function fillTarget(target: CodeTarget, code: string): boolean {
  if (!fitsCode(target, code)) return false;
  typeInto(target, code);
  return true;
}

export interface FillResult {
  filled: boolean;
  submitted: boolean;
  problem: string | null;
}

/**
 * The sign-in code into the page's first code field that takes it (one field, or as many split
 * fields as the code has digits), and its form sent when asked. That field must be one the user
 * can see: a hidden one is refused, never passed over for another.
 */
export function fillCode(doc: Document, code: string, submit: boolean): FillResult {
  const target = findCodeTargets(doc).find((t) => t.length === 1 || t.length === code.length);
  if (!target || !fillTarget(target, code)) return { filled: false, submitted: false, problem: t('noCodeField') };
  const form = target[0]!.form;
  if (!submit || !form) return { filled: true, submitted: false, problem: null };
  form.requestSubmit();
  return { filled: true, submitted: true, problem: null };
}
