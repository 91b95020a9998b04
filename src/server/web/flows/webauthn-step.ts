/**
 * The "Security Key or Trusted Platform" ceremony page (docs/protocol.md §8):
 * after the password (the credential must be that user's), or passwordless
 * with a passkey from the first step.
 */
import type { FastifyReply } from 'fastify';
import { contextQuery, type LoginContext } from '../../domain/cas/login-target';
import type { Deps } from '../../domain/deps';
import { startAuthentication } from '../../domain/webauthn';
import { tr } from '../../i18n/catalogue';
import { newToken } from '../../platform/tokens';
import { setCookie } from '../plugins/cookies';
import { signInEndedPage } from '../views/login';
import { ceremonyPage } from '../views/security-keys';

export async function webauthnCeremony(
  reply: FastifyReply,
  deps: Deps,
  context: LoginContext,
  r: { purpose: 'second-factor' | 'passkey'; uid?: string },
) {
  const binding = newToken();
  const { id, options, credentials } = await startAuthentication(deps, { ...r, binding });
  if (r.purpose === 'second-factor' && credentials === 0)
    return reply.code(409).html(signInEndedPage(tr('noSecurityKey'), 'no-key', context));
  setCookie(reply, deps.config, 'login', binding);
  return reply.header('cache-control', 'no-store').html(
    ceremonyPage({
      title: tr('webauthnTitle'),
      intro: r.purpose === 'passkey' ? tr('webauthnPasskeyIntro') : tr('webauthnIntro'),
      mode: 'get',
      action: '/cas/login/webauthn',
      options,
      fields: {
        csrf: reply.csrfToken(),
        tx: id,
        ...(context.service && { service: context.service }),
        ...(context.level && { authenticationLevel: context.level }),
      },
      back: {
        href: `/cas/login${contextQuery(context)}`,
        label: tr('anotherMethod'),
      },
    }),
  );
}
