/** Which scripts a tab's page gets (lib/background/page-hints.ts): from its URL and title, once per document. */
import { describe, expect, it } from 'vitest';
import { pageHints, type PageScript } from '@/lib/background/page-hints';

function hinted() {
  const injected: Array<[number, PageScript, string]> = [];
  const hints = pageHints((tabId, script, url) => void injected.push([tabId, script, url]));
  return { hints, injected };
}

const ORDER = 'https://shop.example.com/detail-order-sn/KG7Q2M9X4A1B3C5D';
const BUY = 'https://shop.example.com/buy/7';

describe('pageHints', () => {
  it('gives an ordinary page nothing, an order page the snapshot sender, a buy page both (its form is found in its snapshots)', () => {
    const { hints, injected } = hinted();
    hints.seen(1, 'https://news.example.com/2026/12/07/weather', '明天的天气');
    hints.seen(2, ORDER, '订单详情');
    hints.seen(3, BUY, '腾讯视频VIP会员 月卡 代充 | 星河');
    hints.seen(4, 'chrome://extensions/', '订单');
    hints.seen(5, undefined, '订单');
    expect(injected).toEqual([
      [2, 'reader', ORDER],
      [3, 'reader', BUY],
      [3, 'checkout', BUY],
    ]);
  });

  it('gives each script once per document, whatever the number of events, and again after a new document', () => {
    const { hints, injected } = hinted();
    hints.seen(1, ORDER, '订单详情'); // the content loaded
    hints.seen(1, ORDER, '订单详情'); // the load ended
    hints.seen(1, ORDER, '订单详情 - 星河'); // the title changed
    expect(injected).toHaveLength(1);
    hints.committed(1); // a reload, or a new page in the tab
    hints.seen(1, ORDER, '订单详情');
    expect(injected).toHaveLength(2);
    hints.seen(2, ORDER, '订单详情'); // another tab is another page
    expect(injected).toHaveLength(3);
  });

  it('gives a page what a later title or route says it is (a single-page shop, a title set by script)', () => {
    const { hints, injected } = hinted();
    hints.seen(1, 'https://app.example.com/', ''); // nothing yet
    hints.seen(1, 'https://app.example.com/', '腾讯视频 月卡 代充 - 星河'); // the title, set by script: a buy page
    hints.seen(1, 'https://app.example.com/#/order/query', '腾讯视频 月卡 代充 - 星河'); // the route: an order query
    // The buy page brought both; the order route needs nothing more (its snapshots are read as any page's).
    expect(injected.map(([, script]) => script)).toEqual(['reader', 'checkout']);
  });

  it('forgets a closed tab, and the oldest tab once it remembers many', () => {
    const { hints, injected } = hinted();
    hints.seen(1, ORDER, '订单详情');
    hints.closed(1);
    hints.seen(1, ORDER, '订单详情');
    expect(injected).toHaveLength(2);
    for (let tab = 10; tab < 510; tab++) hints.seen(tab, ORDER, '订单详情');
    hints.seen(1, ORDER, '订单详情'); // forgotten: injected again (the page's own guard declines a second run)
    hints.seen(509, ORDER, '订单详情'); // remembered
    expect(injected).toHaveLength(503);
  });
});
