/**
 * kamiFaka (Flask + compiled Vue 3). The compiled router has `search`, `qrcode`, `:id/pay` and `:id/detail`, in
 * history or hash mode. Keys show in a card "订单详情" with an alert titled 卡密信息 and the keys in an h6 (one `<br>`
 * per key), then a time line: "交易时间：…" alone on the search and qrcode pages (the stored order's time; kamiFaka
 * stores an order only once it is paid), "交易时间：… ❤ 联系方式：…" at the end of the pay wizard (the day it was
 * ordered). The qrcode page prints 当前订单号 and, once paid, ^_^订单支付成功！. The order number is that line, else the
 * search box (the search takes only 27-character numbers), else a route segment of that shape.
 */
import { cleanText } from '../normalize';
import { adapter, all, readText, textOf, valueOf, type RawOrder } from '../platform';
import { allOutsideAds } from '../scope';

/** An order number in the route, as the survey describes the routes (the compiled app puts a product id there). */
const URL_NO = /\/(\w{16,40})\/(?:detail|pay)\/?$/;
const CURRENT_NO = /当前订单号\s*[:：]\s*([A-Za-z0-9_]{6,64})/;
/** A number the search takes: 27 characters ("Order_" + a millisecond timestamp + 8 base-36 characters). */
const NO_SHAPE = /^\w{27}$/;
/** The time line's "Label：value ❤ …" entries. */
const footer = (label: string, text: string): string | undefined =>
  new RegExp(`${label}\\s*[:：]\\s*([^❤\\n]+)`).exec(text)?.[1];

/** The route: the path in history mode, the hash in hash mode (one of them is "/"). */
const routeOf = (url: URL): string => url.pathname + url.hash.slice(1).replace(/[?#].*$/, '');

/** The 卡密信息 alert title of an order card, if the page shows one. */
const keysTitle = (doc: Document): Element | undefined => {
  if (!all(doc, 'h4', 20).some((h) => textOf(h, 32) === '订单详情')) return undefined;
  return allOutsideAds(doc, '.alert-title', 20).find((t) => textOf(t, 32) === '卡密信息');
};

/** Only the pages that wait for a payment print this ("付款后即可自动发货，也可凭订单号查询卡密"). */
const isPayPage = (doc: Document, url: URL): boolean =>
  /\/(?:\w{16,40}\/pay|qrcode)\/?$/.test(routeOf(url)) && readText(doc.body).includes('付款后即可自动发货');

/** The number on the page (当前订单号), else in the search box, else in the route. */
const orderNoOf = (doc: Document, url: URL): string | undefined =>
  CURRENT_NO.exec(cleanText(readText(doc.body), 20_000))?.[1] ??
  allOutsideAds(doc, 'input', 20)
    .map((i) => cleanText(valueOf(i, 100), 100))
    .find((v) => NO_SHAPE.test(v)) ??
  URL_NO.exec(routeOf(url))?.[1];

const fromDetail = (doc: Document, title: Element, url: URL): RawOrder => {
  const text = readText(title.closest('.card') ?? doc.body);
  const contact = footer('联系方式', text);
  const time = footer('交易时间', text);
  return {
    orderNo: orderNoOf(doc, url),
    ...(contact ? { orderedAt: time, contact } : { paidAt: time }),
    keys: all(title.parentElement, 'h6', 20)
      .map((h) => readText(h))
      .join('\n'),
  };
};

const fromPay = (doc: Document, url: URL): RawOrder => ({
  orderNo: orderNoOf(doc, url),
  // The line that says the pay page's outcome (kept whole as the status text).
  status: /[^\n]*(?:订单支付成功|卡密加载失败)[^\n]*/.exec(readText(doc.body))?.[0],
  // The pay page only ever names a paid order when it says so; otherwise it waits for payment.
  emptyStatus: 'pending_payment',
});

export default adapter(
  'kamifaka',
  (doc, url) => keysTitle(doc) !== undefined || isPayPage(doc, url),
  (doc, url) => {
    const title = keysTitle(doc);
    return [title ? fromDetail(doc, title, url) : fromPay(doc, url)];
  },
);
