/**
 * CAS 2.0/3.0 service validation responses (CAS Protocol 3.0 §2.5.2, §2.6.2).
 * Attributes follow EU Login: the user is the unique identifier, with e-mail,
 * names and the strength of the authentication.
 */
import { escapeHtml } from '../views/layout';

export type CasFailureCode = 'INVALID_REQUEST' | 'INVALID_TICKET' | 'INVALID_SERVICE' | 'INTERNAL_ERROR';

const x = (value: string) => escapeHtml(value);

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
      <cas:authenticationLevel>${x(a.strength)}</cas:authenticationLevel>
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
