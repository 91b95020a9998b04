/**
 * Headers on every answer. The CSP allows only this origin's own scripts,
 * styles and images and no framing (clickjacking defence for the QR and
 * approval pages): https://www.w3.org/TR/CSP3/
 */
import fp from 'fastify-plugin';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const securityHeadersPlugin = fp(
  async (app, { secure }: { secure: boolean }) => {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on
      // form posts, which the CSRF check must refuse. Cross-origin, nothing leaks
      // (the e-mail link's token stays on this origin).
      reply.header('referrer-policy', 'same-origin');
      reply.header('cross-origin-opener-policy', 'same-origin');
      reply.header('x-frame-options', 'DENY');
      if (secure) reply.header('strict-transport-security', 'max-age=31536000');
    });
  },
  { name: 'sidekey-security-headers' },
);
