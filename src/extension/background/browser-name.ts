/** "Chrome 156 on Linux", for the server's device list; nothing more identifying than that. */
import { describeUserAgent, UNKNOWN_BROWSER, UNKNOWN_SYSTEM } from '../../core/user-agent';

export function browserName(userAgent: string): string {
  const { browser, os } = describeUserAgent(userAgent);
  return `${browser === UNKNOWN_BROWSER ? 'A browser' : browser} on ${os === UNKNOWN_SYSTEM ? 'another system' : os}`;
}
