/** The page text sent with a sighting: as it reads on screen, without layout (lib/extract/visible-text.ts). */
import { describe, expect, it } from 'vitest';
import { visibleText } from '@/lib/extract/visible-text';
import { parseHtml } from './extract-fixture-files';

const body = (html: string): HTMLElement => parseHtml(`<!DOCTYPE html><html><body>${html}</body></html>`).body;

describe('visibleText', () => {
  it('reads blocks as lines, collapses line breaks inside text and shows text boxes with their value', () => {
    const b = body(`<h5>订单号：<small>KG7Q</small></h5><div>订单状态：
        <span>已完成</span></div><p>a<br>b</p><textarea readonly>K-1\nK-2</textarea><script>var x = 1;</script>`);
    expect(visibleText(b, 10_000)).toBe('订单号：KG7Q\n订单状态： 已完成\na\nb\nK-1\nK-2');
  });

  it('leaves out what the page hides by attribute, inline style or utility class', () => {
    const b = body(`<p>shown</p><div hidden>h1</div><div aria-hidden="true">h2</div><div style="display: none">h3</div>
      <div style="visibility:hidden">h4</div><div class="modal d-none">h5</div><div class="layui-hide">h6</div>`);
    expect(visibleText(b, 10_000)).toBe('shown');
  });

  it('is bounded', () => {
    expect(visibleText(body(`<p>${'字'.repeat(50_000)}</p>`), 1_000).length).toBeLessThanOrEqual(1_000);
  });
});
