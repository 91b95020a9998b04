/**
 * Server-rendered HTML. Every interpolated value passes through `html`'s
 * escaping; only values made by `html` itself (SafeHtml) are inserted raw.
 */
import { tr } from '../../i18n/catalogue';
import { pageLanguage } from '../../i18n/language';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${name}</p>\`` escapes `name`. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]!) : ''), ''));
}

export interface PageOptions {
  title: string;
  body: SafeHtml;
  lang?: string;
  /** When someone is signed in: their name and the CSRF token for the sign-out form. */
  signedIn?: { name: string; csrf: string };
  /** The page loads itself again after this many seconds (a list that waits for something to arrive). */
  refreshSeconds?: number;
}

/** The page frame. `sidekey-server` tells the extension's content script that this is a Sidekey server page. */
export function page({ title, body, lang = pageLanguage(), signedIn, refreshSeconds }: PageOptions): string {
  const nav = signedIn
    ? html`<nav aria-label="${tr('navAccount')}"><a href="/cas/account">${tr('myAccount')}</a>
<form method="post" action="/cas/logout" class="inline"><input type="hidden" name="csrf" value="${signedIn.csrf}"><button type="submit" class="link">${tr('signOut')}</button></form></nav>`
    : '';
  return `<!doctype html>${html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="sidekey-server" content="1">
<meta name="color-scheme" content="light dark">
${
  refreshSeconds
    ? html`<meta http-equiv="refresh" content="${String(refreshSeconds)}">
`
    : ''
}<title>${title} – EU Login (Sidekey reference server)</title>
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<header class="site"><a href="/" class="brand">${tr('brand')}</a> <span class="muted">${tr('referenceServer')}</span>${nav}</header>
<main id="main">${body}</main>
</body>
</html>`}`;
}
