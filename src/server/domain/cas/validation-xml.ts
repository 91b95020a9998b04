/**
 * CAS 2.0/3.0 service validation responses (CAS Protocol 3.0 §2.5.2, §2.6.2).
 * Attributes follow EU Login: the user is the unique identifier, with e-mail,
 * names, the strength of the authentication and the level it reached (BASIC, MEDIUM, HIGH: the
 * same values as OpenID Connect's acr, domain/oidc/levels.ts).
 */
import { levelOf } from '../oidc/levels';

export type CasFailureCode = 'INVALID_REQUEST' | 'INVALID_TICKET' | 'INVALID_SERVICE' | 'INTERNAL_ERROR';

/** XML 1.0 §2.4: the five predefined entities, which every XML parser decodes (no HTML-only references). */
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const x = (value: string) => value.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);

export function successXml(a: {
  uid: string;
  email: string;
  firstName: string;
  lastName: string;
  strength: string;
}): string {
  return `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>${x(a.uid)}</cas:user>
    <cas:attributes>
      <cas:uid>${x(a.uid)}</cas:uid>
      <cas:email>${x(a.email)}</cas:email>
      <cas:firstName>${x(a.firstName)}</cas:firstName>
      <cas:lastName>${x(a.lastName)}</cas:lastName>
      <cas:strengths><cas:strength>${x(a.strength)}</cas:strength></cas:strengths>
      <cas:authenticationLevel>${x(levelOf(a.strength))}</cas:authenticationLevel>
    </cas:attributes>
  </cas:authenticationSuccess>
</cas:serviceResponse>
`;
}

export function failureXml(code: CasFailureCode, message: string): string {
  return `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationFailure code="${code}">${x(message)}</cas:authenticationFailure>
</cas:serviceResponse>
`;
}
