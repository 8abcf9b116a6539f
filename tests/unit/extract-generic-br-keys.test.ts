/**
 * The generic extractor on key lines separated by <br> inside one value element: each line is its own key,
 * whether the value is a dd, the rest of a "卡密：" line, a label/value cell pair or a header-table cell.
 */
import { describe, expect, it } from 'vitest';
import generic from '@/lib/extract/platforms/generic';
import { parseHtml } from './extract-fixture-files';

const PAGE_URL = new URL('https://shop.example/order/detail');
const FACTS = '<p>订单号：ZX2024050112345</p><p>订单状态：已完成</p><p>商品名称：测试卡</p><p>订单金额：¥10.00</p>';
const keysOf = (html: string): Array<string[] | undefined> =>
  generic.extract(parseHtml(`<html><body>${html}</body></html>`), PAGE_URL).map((o) => o.cardKeys);

describe('generic: <br>-separated key lines', () => {
  it.each([
    ['a dd after a dt label', `${FACTS}<dl><dt>卡密</dt><dd>K1-AAAA<br>K2-BBBB<br>K3-CCCC</dd></dl>`],
    ['the rest of an inline label line', `${FACTS}<p>卡密：K1-AAAA<br>K2-BBBB<br/>K3-CCCC</p>`],
    [
      'a value cell beside a label cell',
      `${FACTS}<table><tr><td>卡密</td><td>K1-AAAA<br>K2-BBBB<br>K3-CCCC</td></tr></table>`,
    ],
    [
      'a header-table cell',
      '<table><tr><th>订单号</th><th>商品名称</th><th>订单状态</th><th>卡密</th></tr>' +
        '<tr><td>ZX2024050112345</td><td>测试卡</td><td>已完成</td><td>K1-AAAA<br>K2-BBBB<br>K3-CCCC</td></tr></table>',
    ],
  ])('gives one key per line in %s', (_, html) => {
    expect(keysOf(html)).toEqual([['K1-AAAA', 'K2-BBBB', 'K3-CCCC']]);
  });

  it('stops at a <br> line that carries a label of its own', () => {
    const html = '<p>订单号：ZX2024050112345<br>卡密：K1-AAAA<br>K2-BBBB<br>订单状态：已完成<br>商品名称：测试卡</p>';
    const [order] = generic.extract(parseHtml(`<html><body>${html}</body></html>`), PAGE_URL);
    expect(order).toMatchObject({ cardKeys: ['K1-AAAA', 'K2-BBBB'], status: 'delivered', productName: '测试卡' });
  });

  it('does not pull in a line that a block element, not a <br>, starts', () => {
    expect(keysOf(`${FACTS}<dl><dt>卡密</dt><dd>K1-AAAA</dd></dl><p>ZZ-NOT-A-KEY</p>`)).toEqual([['K1-AAAA']]);
  });
});
