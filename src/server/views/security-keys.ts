/**
 * "Security Keys and Trusted Platforms": the list in My Account, the page that
 * adds one, and the page of a WebAuthn ceremony (webauthn.js runs it: the
 * options travel in a data attribute, the CSP allows no inline script).
 */
import { tr } from '../i18n/catalogue';
import { authenticatorModel } from '../services/webauthn';
import type { StoredCredential } from '../store/webauthn';
import { alert, csrfField, field, hidden } from './forms';
import { html, page, type SafeHtml } from './layout';

type SignedIn = { name: string; csrf: string };

const when = (ms: number | null) =>
  ms === null ? 'never' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const KIND_LABELS = { platform: 'Trusted platform', 'security-key': 'Security key' } as const;
const ATTESTATION_LABELS = { verified: 'attested', self: 'self-attested', none: 'no attestation' } as const;

export function securityKeyList(credentials: StoredCredential[], csrf: string): SafeHtml {
  if (credentials.length === 0) {
    return html`<p>No security key or trusted platform registered.</p>
<p><a class="button" href="/cas/security-keys/new">Add a security key or trusted platform</a></p>`;
  }
  return html`<table data-testid="security-keys"><thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Added</th><th scope="col">Last used</th><th scope="col">Manage</th></tr></thead><tbody>
${credentials.map(
  (
    c,
  ) => html`<tr data-credential="${c.id}"><td>${c.name}<br><span class="muted">${authenticatorModel(c.aaguid) ?? 'Unknown model'} · ${c.attestationFormat} (${ATTESTATION_LABELS[c.attestation]})${c.brokeredBy ? ' · registered by Sidekey' : ''}</span></td><td>${KIND_LABELS[c.kind]}</td><td>${when(c.createdAt)}</td><td>${when(c.lastUsedAt)}</td><td>
<form method="post" action="/cas/security-keys/${c.id}/rename" class="inline-form">${csrfField(csrf)}<label>New name <input name="name" value="${c.name}" maxlength="50" required></label> <button type="submit" class="secondary">Rename</button></form>
<form method="post" action="/cas/security-keys/${c.id}/remove" class="inline-form">${csrfField(csrf)}<label>Password <input name="password" type="password" autocomplete="current-password" maxlength="128" required></label> <button type="submit" class="secondary">Remove</button></form>
</td></tr>`,
)}
</tbody></table>
<p><a class="button" href="/cas/security-keys/new">Add a security key or trusted platform</a></p>`;
}

export interface AddSecurityKeyView {
  signedIn: SignedIn;
  values?: { name?: string; kind?: string };
  errors?: { name?: string; kind?: string };
  notice?: string;
}

export function addSecurityKeyPage(v: AddSecurityKeyView): string {
  const kind = v.values?.kind ?? 'platform';
  return page({
    title: 'Add a security key or trusted platform',
    signedIn: v.signedIn,
    body: html`<h1>Add a security key or trusted platform</h1>
${alert(v.notice)}
<form method="post" action="/cas/security-keys/new" novalidate>
${csrfField(v.signedIn.csrf)}
<fieldset${v.errors?.kind ? html` aria-describedby="kind-error"` : ''}><legend>What do you want to register?</legend>
<label class="method"><input type="radio" name="kind" value="platform"${kind === 'platform' ? html` checked` : ''}> Trusted platform<small>This computer's own authenticator (TPM, Windows Hello, Touch ID), unlocked with your fingerprint, face or PIN.</small></label>
<label class="method"><input type="radio" name="kind" value="security-key"${kind === 'security-key' ? html` checked` : ''}> Security key<small>A key you plug in or hold near the computer (USB, NFC, Bluetooth).</small></label>
${v.errors?.kind ? html`<p class="error" id="kind-error">${v.errors.kind}</p>` : ''}
</fieldset>
${field({ name: 'name', label: 'Name', value: v.values?.name, error: v.errors?.name, maxlength: 50, hint: 'For example: Office laptop, Blue key' })}
<div class="actions"><button type="submit">Continue</button><a class="button secondary" href="/cas/account">Cancel</a></div>
</form>`,
  });
}

export interface CeremonyView {
  title: string;
  intro: string;
  mode: 'create' | 'get';
  action: string;
  options: unknown;
  fields: Record<string, string>;
  signedIn?: SignedIn;
  back: { href: string; label: string };
}

/** Starts the browser's dialog at once; "Try again" restarts it after a cancel. */
export function ceremonyPage(v: CeremonyView): string {
  return page({
    title: v.title,
    signedIn: v.signedIn,
    body: html`<h1>${v.title}</h1>
<p>${v.intro}</p>
<form method="post" action="${v.action}" data-webauthn="${v.mode}" data-options="${JSON.stringify(v.options)}" novalidate>
${Object.entries(v.fields).map(([name, value]) => hidden(name, value))}${hidden('credential', '')}
<p id="webauthn-status" role="status" aria-live="polite">${tr('webauthnStatus')}</p>
<div class="actions"><button type="submit">${tr('tryAgain')}</button><a class="button secondary" href="${v.back.href}">${v.back.label}</a></div>
</form>
<script src="/static/webauthn.js"></script>`,
  });
}
