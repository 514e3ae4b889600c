import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from './html.js';

describe('html', () => {
  it('escapes text and attributes, keeps Html and lists', () => {
    const name = `<script>alert("x")</script> & 'Ségou'`;
    expect(escapeHtml(name)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Ségou&#39;');
    const out = html`<p title="${name}">${name}${raw('<b>1</b>')}${[1, ' ', html`<i>${'a<b'}</i>`]}${null}${false}</p>`;
    expect(out.text).toBe(`<p title="${escapeHtml(name)}">${escapeHtml(name)}<b>1</b>1 <i>a&lt;b</i></p>`);
  });
});
