/**
 * Shop pages are read from snapshots (issue 11): the page sends its markup and its text boxes' values
 * (lib/extract/snapshot.ts), the background parses the copy and reads it (lib/extract/snapshot-reading.ts). On every
 * fixture page and buy page, the reading of the snapshot is what the extractor reads on the page itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { extractOrders } from '@/lib/extract';
import { parseIcp } from '@/lib/extract/icp';
import { parsePromisedWindowMinutes } from '@/lib/extract/normalize';
import { readPaymentStop } from '@/lib/extract/payment-stop';
import {
  MAX_SNAPSHOT_CHARS,
  restoreValues,
  takeSnapshot,
  visibilityIn,
  type PageSnapshot,
} from '@/lib/extract/snapshot';
import { visibleText } from '@/lib/extract/visible-text';
import { readShopPage } from '@/lib/snapshot-reader';
import { FixtureDOMParser, loadFixtures, parseHtml } from './extract-fixture-files';

const CHECKOUT = join(__dirname, '../fixtures-checkout');
/** What the background reads from a snapshot (lib/snapshot-reader.ts), as for any shop page. */
const readSnapshot = (snapshot: PageSnapshot, url: string) => readShopPage({ url, ...snapshot });
const pages = [
  ...loadFixtures().map((f) => ({ label: `${f.folder}/${f.name}`, html: f.html, url: f.url || 'https://x.invalid/' })),
  ...readdirSync(CHECKOUT)
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({
      label: `checkout/${f}`,
      html: readFileSync(join(CHECKOUT, f), 'utf8'),
      url: 'https://shop.invalid/buy/1',
    })),
];

describe('a snapshot read in the background', () => {
  // Parse copies as the offscreen document does: nothing loads, nothing runs.
  beforeAll(() => {
    vi.stubGlobal('DOMParser', FixtureDOMParser);
    return () => vi.unstubAllGlobals();
  });

  it.each(pages)('reads what the page itself reads: $label', ({ html, url }) => {
    const live = parseHtml(html);
    const snapshot = takeSnapshot(live);
    expect(snapshot).toBeDefined();
    const reading = readSnapshot(snapshot!, url);
    const orders = extractOrders(live, url);
    expect(reading.orders).toEqual(orders);
    if (orders.length) {
      // The facts that go with the orders, as the extractor in the tab sends them.
      const visible = visibleText(live.body, 200_000);
      expect(reading.title).toBe(live.title.slice(0, 512));
      expect(reading.visibleText).toBe(visible.slice(0, 20_000));
      expect(reading.pageWindowMinutes).toBe(parsePromisedWindowMinutes(visible));
      expect(reading.icp).toBe(parseIcp(visible));
      expect(reading.paymentStop).toBeUndefined();
    } else {
      expect(reading.paymentStop).toEqual(readPaymentStop(live, url));
      expect(reading.visibleText).toBeUndefined();
    }
  });

  it('carries what scripts and the buyer put into text boxes, which markup does not', () => {
    const live = parseHtml(`<!doctype html><html><head><title>订单查询</title></head><body><table>
      <tr><th>订单号</th><td>XH20261207000123</td></tr><tr><th>商品</th><td>腾讯视频VIP 月卡</td></tr>
      <tr><th>订单状态</th><td>已完成</td></tr><tr><th>卡密</th><td><textarea readonly>旧内容</textarea></td></tr>
      </table><input name="q" value="XH20261207000123"><input name="note"><textarea></textarea></body></html>`);
    const [keys, , note, empty] = live.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input');
    keys!.value = 'TXVIP-7Q2M-9X4A-1B3C';
    note!.value = '买家备注';
    const snapshot = takeSnapshot(live)!;
    // Only the boxes whose value is not their markup's, by their place among the page's boxes.
    expect(snapshot.values).toEqual([
      [0, 'TXVIP-7Q2M-9X4A-1B3C'],
      [2, '买家备注'],
    ]);
    expect(snapshot.html).not.toContain('TXVIP');
    const reading = readSnapshot(snapshot, 'https://shop.invalid/order/query');
    expect(reading.orders).toEqual(extractOrders(live, 'https://shop.invalid/order/query'));
    expect(reading.orders[0]?.cardKeys).toEqual(['TXVIP-7Q2M-9X4A-1B3C']);
    expect(empty!.value).toBe('');

    // Restoring names boxes by position; positions the copy does not have are ignored.
    const copy = parseHtml('<textarea></textarea><input>');
    restoreValues(copy, [
      [1, 'b'],
      [7, 'x'],
    ]);
    expect([...copy.querySelectorAll<HTMLInputElement>('textarea, input')].map((b) => b.value)).toEqual(['', 'b']);
  });

  it('reads a payment stop page as one, with no orders', () => {
    const live = parseHtml(
      '<html><head><title>支付结果</title></head><body><h2>支付成功</h2><p>支付成功，请回到浏览器查看订单</p></body></html>',
    );
    expect(readSnapshot(takeSnapshot(live)!, 'https://p.example/pay/ok/2024060112000012345/')).toEqual({
      orders: [],
      paymentStop: { outcome: 'success', tradeNo: '2024060112000012345' },
    });
  });

  it('is not read from a copy that is not the page: a tree that markup cannot carry', () => {
    const live = parseHtml(`<!doctype html><html><head><title>订单查询</title></head><body><table>
      <tr><th>订单号</th><td>XH20261207000123</td></tr><tr><th>订单状态</th><td>已完成</td></tr></table></body></html>`);
    // Made by script, as a page's framework may: a block inside a <p>, which the HTML parser would close before it.
    const p = live.createElement('p');
    p.className = 'keys';
    p.append(live.createElement('div'));
    p.firstElementChild!.textContent = 'TXVIP-7Q2M-9X4A-1B3C';
    live.body.append(p);
    const snapshot = takeSnapshot(live)!;
    expect(snapshot.html).toContain('<p class="keys"><div>');
    expect(readSnapshot(snapshot, 'https://shop.invalid/order')).toEqual({ orders: [], copyDiffers: true });
  });

  it('holds the head and body only: what add-ons hang off <html> (our checkout panel) neither spoils nor joins it', () => {
    const live = parseHtml(`<!doctype html><html><head><title>订单查询</title></head><body><table>
      <tr><th>订单号</th><td>XH20261207000123</td></tr><tr><th>商品</th><td>腾讯视频VIP 月卡</td></tr>
      <tr><th>实付金额</th><td>¥15.00</td></tr><tr><th>订单状态</th><td>处理中</td></tr></table>
      <input name="q"></body></html>`);
    const panel = live.createElement('div');
    panel.setAttribute('data-kamiguard', 'checkout');
    panel.innerHTML = '<p>订单号 FAKE000000001 已完成</p><input value="x">';
    live.documentElement.append(panel);
    (live.querySelector('input[name="q"]') as HTMLInputElement).value = 'XH20261207000123';
    const snapshot = takeSnapshot(live)!;
    expect(snapshot.html).not.toContain('data-kamiguard');
    expect(snapshot.values).toEqual([[0, 'XH20261207000123']]);
    const reading = readSnapshot(snapshot, 'https://shop.invalid/order');
    expect(reading.copyDiffers).toBeUndefined();
    expect(reading.orders.map((o) => o.orderNo)).toEqual(['XH20261207000123']);
  });

  it('says which inputs the page does not render, for the buy-form finder, which a copy without styles cannot ask', () => {
    const live = parseHtml(`<html><body><textarea></textarea><input id="qq"><input type="hidden" name="_token">
      <div class="tab-pane"><input id="other"></div><input id="phone"></body></html>`);
    // The page's styles hide the inactive pane (the test's DOM has no layout: the browser's answer is stubbed).
    for (const input of Array.from(live.querySelectorAll('input')) as HTMLInputElement[])
      Object.defineProperty(input, 'checkVisibility', { value: () => input.id !== 'other' });
    const snapshot = takeSnapshot(live)!;
    expect(snapshot.hidden).toEqual([3]); // index among textarea and input; type=hidden is never asked
    const copy = new FixtureDOMParser().parseFromString(
      `<html>${snapshot.html}</html>`,
      'text/html',
    ) as unknown as Document;
    const visible = visibilityIn(copy, snapshot.hidden);
    expect(['qq', 'other', 'phone'].map((id) => visible(copy.getElementById(id)!))).toEqual([true, false, true]);
    expect(visible(copy.querySelector('input[type=hidden]')!)).toBe(false);
  });

  it('is not taken of a page larger than a snapshot may be (the extractor reads that one in the tab)', () => {
    const live = parseHtml(`<html><body><p>订单号 123</p><pre>${'x'.repeat(MAX_SNAPSHOT_CHARS)}</pre></body></html>`);
    expect(takeSnapshot(live)).toBeUndefined();
  });
});
