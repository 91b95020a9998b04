import { describe, expect, it } from 'vitest';
import { showsOrigin } from '../../../src/extension/background/tab-qr';

describe('the capture is bound to the tab the content script spoke for', () => {
  const origin = 'https://login.example.eu';

  it('accepts the active tab at that origin, or whose URL it may not see', () => {
    expect(showsOrigin({ active: true, url: 'https://login.example.eu/cas/mobile?x=1' }, origin)).toBe(true);
    expect(showsOrigin({ active: true }, origin)).toBe(true);
  });

  it('refuses a tab that is no longer the active one, or that went to another origin', () => {
    expect(showsOrigin({ active: false, url: 'https://login.example.eu/' }, origin)).toBe(false);
    expect(showsOrigin({ active: true, url: 'https://login.example.eu.evil.example/' }, origin)).toBe(false);
    expect(showsOrigin({ active: true, url: 'http://login.example.eu/' }, origin)).toBe(false);
    expect(showsOrigin({ active: true, url: 'not a url' }, origin)).toBe(false);
  });
});
