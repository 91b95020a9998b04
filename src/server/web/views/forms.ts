/** Form pieces with labels tied to inputs and errors tied to fields (aria-describedby), for every page. */
import { html, type SafeHtml } from './layout';

/** The hidden field every form carries its CSRF token in (web/plugins/csrf.ts checks it). */
export const CSRF_FIELD = 'csrf';

export interface FieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'hidden';
  value?: string;
  error?: string;
  hint?: string | SafeHtml;
  autocomplete?: string;
  required?: boolean;
  inputmode?: string;
  maxlength?: number;
  autofocus?: boolean;
}

export function field(o: FieldOptions): SafeHtml {
  const id = `f-${o.name}`;
  const describedBy = [o.hint && `${id}-hint`, o.error && `${id}-error`].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.type === 'password' ? '' : (o.value ?? '')}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.required === false ? '' : html` required`}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.autofocus ? html` autofocus` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${o.error ? html` aria-invalid="true"` : ''}>
${o.error ? html`<p class="error" id="${id}-error">${o.error}</p>` : ''}
</div>`;
}

export function hidden(name: string, value: string): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}

export function csrfField(token: string): SafeHtml {
  return hidden(CSRF_FIELD, token);
}

/** A message at the top of a form, announced by screen readers. */
export function alert(message: string | undefined, kind: 'error' | 'info' = 'error'): SafeHtml | '' {
  return message
    ? html`<div class="alert ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${message}</div>`
    : '';
}
