/**
 * "Security Keys and Trusted Platforms": the list in My Account, the page that
 * adds one, and the page of a WebAuthn ceremony (webauthn.js runs it: the
 * options travel in a data attribute, the CSP allows no inline script).
 */
import { scriptTexts, tr } from '../../i18n/catalogue';
import { authenticatorModel } from '../../domain/webauthn';
import type { StoredCredential } from '../../store/webauthn';
import { alert, csrfField, field, hidden } from './forms';
import { html, page, type SafeHtml } from './layout';

type SignedIn = { name: string; csrf: string };

const when = (ms: number | null) =>
  ms === null ? tr('never') : new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const KIND_LABELS = { platform: 'trustedPlatform', 'security-key': 'securityKeyKind' } as const;
const ATTESTATION_LABELS = { verified: 'attested', self: 'selfAttested', none: 'noAttestation' } as const;

export function securityKeyList(credentials: StoredCredential[], csrf: string): SafeHtml {
  if (credentials.length === 0) {
    return html`<p>${tr('noKeyRegistered')}</p>
<p><a class="button" href="/cas/security-keys/new">${tr('addKey')}</a></p>`;
  }
  return html`<table data-testid="security-keys"><thead><tr><th scope="col">${tr('name')}</th><th scope="col">${tr('kind')}</th><th scope="col">${tr('added')}</th><th scope="col">${tr('lastUsed')}</th><th scope="col">${tr('manage')}</th></tr></thead><tbody>
${credentials.map(
  (
    c,
  ) => html`<tr data-credential="${c.id}"><td>${c.name}<br><span class="muted">${authenticatorModel(c.aaguid) ?? tr('unknownModel')} · ${c.attestationFormat} (${tr(ATTESTATION_LABELS[c.attestation])})${c.brokeredBy ? ` · ${tr('registeredBySidekey')}` : ''}</span></td><td>${tr(KIND_LABELS[c.kind])}</td><td>${when(c.createdAt)}</td><td>${when(c.lastUsedAt)}</td><td>
<form method="post" action="/cas/security-keys/${c.id}/rename" class="inline-form">${csrfField(csrf)}<label>${tr('newName')} <input name="name" value="${c.name}" maxlength="50" required></label> <button type="submit" class="secondary">${tr('rename')}</button></form>
<form method="post" action="/cas/security-keys/${c.id}/remove" class="inline-form">${csrfField(csrf)}<label>${tr('password')} <input name="password" type="password" autocomplete="current-password" maxlength="128" required></label> <button type="submit" class="secondary">${tr('remove')}</button></form>
</td></tr>`,
)}
</tbody></table>
<p><a class="button" href="/cas/security-keys/new">${tr('addKey')}</a></p>`;
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
    title: tr('addKey'),
    signedIn: v.signedIn,
    body: html`<h1>${tr('addKey')}</h1>
${alert(v.notice)}
<form method="post" action="/cas/security-keys/new" novalidate>
${csrfField(v.signedIn.csrf)}
<fieldset${v.errors?.kind ? html` aria-describedby="kind-error"` : ''}><legend>${tr('whatToRegister')}</legend>
<label class="method"><input type="radio" name="kind" value="platform"${kind === 'platform' ? html` checked` : ''}> ${tr('trustedPlatform')}<small>${tr('platformHint')}</small></label>
<label class="method"><input type="radio" name="kind" value="security-key"${kind === 'security-key' ? html` checked` : ''}> ${tr('securityKeyKind')}<small>${tr('keyHint')}</small></label>
${v.errors?.kind ? html`<p class="error" id="kind-error">${v.errors.kind}</p>` : ''}
</fieldset>
${field({ name: 'name', label: tr('name'), value: v.values?.name, error: v.errors?.name, maxlength: 50, hint: tr('keyNameHint') })}
<div class="actions"><button type="submit">${tr('continue')}</button><a class="button secondary" href="/cas/account">${tr('cancel')}</a></div>
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
<p id="webauthn-status" role="status" aria-live="polite" data-texts="${scriptTexts({ waiting: 'webauthnStatus', unsupported: 'jsWebauthnUnsupported', exists: 'jsWebauthnExists', failed: 'jsWebauthnCancelled', sending: 'jsWebauthnChecking' })}">${tr('webauthnStatus')}</p>
<div class="actions"><button type="submit">${tr('tryAgain')}</button><a class="button secondary" href="${v.back.href}">${v.back.label}</a></div>
</form>
<script src="/static/webauthn.js"></script>`,
  });
}
