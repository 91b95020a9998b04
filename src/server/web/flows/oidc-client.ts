/**
 * A relying party's side of the code flow with openid-client (an OpenID Certified library, not
 * ours): an authorization request with PKCE (S256), state and nonce (OpenID Connect Core §3.1.2.1,
 * RFC 7636), and the checks its answer must pass. The demo relying party uses it (oidc-demo.ts),
 * and so do the tests' and the benchmark's relying parties.
 */
import * as oidc from 'openid-client';

export interface AuthorizationChecks {
  pkceCodeVerifier: string;
  expectedState: string;
  expectedNonce: string;
  idTokenExpected: true;
}

export async function authorizationRequest(
  config: oidc.Configuration,
  redirect: string,
  extra: Record<string, string> = {},
): Promise<{ url: URL; checks: AuthorizationChecks }> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirect,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return {
    url,
    checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true },
  };
}
