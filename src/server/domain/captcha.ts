/**
 * The picture code of the registration form ("Enter the code"): an SVG drawn
 * as paths (no text for a script to read), single use, valid 10 minutes.
 *
 * Test mode (CAPTCHA_TEST_MODE=1, refused in production) adds the answer to the
 * image element as `data-test-answer`, so automated tests can solve it.
 */
import svgCaptcha from 'svg-captcha';
import type { Store } from '../store/store';
import { newToken } from '../platform/tokens';

export const CAPTCHA_TTL_MS = 10 * 60_000;

export interface CaptchaChallenge {
  id: string;
  /** data: URL of the SVG image. */
  image: string;
  /** Only in test mode. */
  testAnswer?: string;
}

export async function newCaptcha(store: Store, testMode: boolean): Promise<CaptchaChallenge> {
  // Without look-alikes (0/O, 1/l/I) so people can read it.
  const { text, data } = svgCaptcha.create({
    size: 6,
    noise: 2,
    ignoreChars: '0oO1ilI',
    color: false,
    width: 180,
    height: 60,
  });
  const id = newToken(18);
  await store.captchas.create(id, text, CAPTCHA_TTL_MS);
  return {
    id,
    image: `data:image/svg+xml;base64,${Buffer.from(data).toString('base64')}`,
    ...(testMode && { testAnswer: text }),
  };
}
