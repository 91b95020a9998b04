import { describe, expect, it } from 'vitest';
import { escapeHtml, html, page } from '../../../src/server/web/views/layout';

describe('html', () => {
  it('escapes every interpolated string', () => {
    expect(html`<p title="${'"><script>'}">${"<img src=x onerror='1'>&"}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;">&lt;img src=x onerror=&#39;1&#39;&gt;&amp;</p>',
    );
  });

  it('inserts nested html as is, and arrays item by item', () => {
    const items = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it('escapes the page title', () => {
    expect(page({ title: '</title><script>', body: html`` })).toContain('<title>&lt;/title&gt;&lt;script&gt; –');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});
