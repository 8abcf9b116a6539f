/**
 * kamiFaka (Flask + compiled Vue 3). Routes `/:id/detail` and `/:id/pay` carry the 27-character order
 * number; the detail page shows h4 订单详情, an alert titled 卡密信息 with the keys in an h6 (one
 * `<br>` per key) and a footer "交易时间：… ❤ 联系方式：…"; the pay page prints 当前订单号 and, once
 * paid, ^_^订单支付成功！.
 */
import { cleanText } from '../normalize';
import { adapter, all, readText, textOf, type RawOrder } from '../platform';
import { allOutsideAds } from '../scope';

/** The order number as the router puts it in the path (history mode) or the hash (hash mode). */
const URL_NO = /\/([A-Za-z0-9]{16,40})\/(detail|pay)\/?$/;
const CURRENT_NO = /当前订单号\s*[:：]\s*([A-Za-z0-9]{6,64})/;
/** The footer's "Label：value ❤ …" entries. */
const footer = (label: string, text: string): string | undefined =>
  new RegExp(`${label}\\s*[:：]\\s*([^❤\\n]+)`).exec(text)?.[1];

const routeOf = (url: URL): { no: string; page: string } | undefined => {
  const m = URL_NO.exec(url.pathname) ?? URL_NO.exec(url.hash.slice(1).replace(/[?#].*$/, ''));
  return m?.[1] && m[2] ? { no: m[1], page: m[2] } : undefined;
};

/** The 卡密信息 alert title of a detail page, if this is one. */
const keysTitle = (doc: Document): Element | undefined => {
  if (!all(doc, 'h4', 20).some((h) => textOf(h, 32) === '订单详情')) return undefined;
  return allOutsideAds(doc, '.alert-title', 20).find((t) => textOf(t, 32) === '卡密信息');
};

/** Only the pay page prints these. */
const isPayPage = (doc: Document, url: URL): boolean =>
  routeOf(url)?.page === 'pay' && /付款后即可自动发货|及时付款，超过后请勿付款/.test(readText(doc.body));

const fromDetail = (title: Element, url: URL): RawOrder => {
  const text = readText(title.closest('.card') ?? title.ownerDocument.body);
  return {
    orderNo: routeOf(url)?.no ?? CURRENT_NO.exec(text)?.[1],
    orderedAt: footer('交易时间', text),
    contact: footer('联系方式', text),
    keys: all(title.parentElement, 'h6', 20)
      .map((h) => readText(h))
      .join('\n'),
  };
};

const fromPay = (doc: Document, url: URL): RawOrder => {
  const text = readText(doc.body);
  return {
    orderNo: CURRENT_NO.exec(cleanText(text, 20_000))?.[1] ?? routeOf(url)?.no,
    // The line that says the pay page's outcome (kept whole as the status text).
    status: /[^\n]*(?:订单支付成功|卡密加载失败)[^\n]*/.exec(text)?.[0],
    // The pay page only ever names a paid order when it says so; otherwise it waits for payment.
    emptyStatus: 'pending_payment',
  };
};

export default adapter(
  'kamifaka',
  (doc, url) => keysTitle(doc) !== undefined || isPayPage(doc, url),
  (doc, url) => {
    const title = keysTitle(doc);
    return [title ? fromDetail(title, url) : fromPay(doc, url)];
  },
);
