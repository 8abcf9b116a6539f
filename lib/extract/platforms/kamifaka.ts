/**
 * kamiFaka (Flask + compiled Vue 3). Routes `/:id/detail` and `/:id/pay` carry the 27-character order
 * number; the detail page shows h4 订单详情, an alert titled 卡密信息 with the keys in an h6 (one
 * `<br>` per key) and a footer "交易时间：… ❤ 联系方式：…"; the pay page prints 当前订单号 and, once
 * paid, ^_^订单支付成功！.
 */
import { cleanText } from '../normalize';
import { all, buildOrder, readText, textOf, type PlatformAdapter, type RawOrder } from '../platform';
import { outsideAds } from '../scope';

const SEL = { title: 'h4', keysTitle: '.alert-title', keys: 'h6', block: '.card' };
const DETAIL_TITLE = '订单详情';
const KEYS_TITLE = '卡密信息';
/** The order number as the router puts it in the path (history mode) or the hash (hash mode). */
const URL_NO = /\/([A-Za-z0-9]{16,40})\/(detail|pay)\/?$/;
const CURRENT_NO = /当前订单号\s*[:：]\s*([A-Za-z0-9]{6,64})/;
/** Texts only the pay page prints. */
const PAY_PAGE = /付款后即可自动发货|及时付款，超过后请勿付款/;
/** The line that says the pay page's outcome (kept whole as the status text). */
const PAY_STATE = /[^\n]*(?:订单支付成功|卡密加载失败)[^\n]*/;
const FOOTER = { orderedAt: /交易时间\s*[:：]\s*([^❤\n]+)/, contact: /联系方式\s*[:：]\s*([^❤\n]+)/ };

function routeOf(url: URL): { no: string; page: string } | undefined {
  const m = URL_NO.exec(url.pathname) ?? URL_NO.exec(url.hash.slice(1).replace(/[?#].*$/, ''));
  return m?.[1] && m[2] ? { no: m[1], page: m[2] } : undefined;
}

/** The 卡密信息 alert title of a detail page, if this is one. */
function keysTitle(doc: Document): Element | undefined {
  if (!all(doc, SEL.title, 20).some((h) => textOf(h, 32) === DETAIL_TITLE)) return undefined;
  return outsideAds(all(doc, SEL.keysTitle, 20)).find((t) => textOf(t, 32) === KEYS_TITLE);
}

function pageText(root: Element | null): string {
  return readText(root, { max: 20_000 });
}

function isPayPage(doc: Document, url: URL): boolean {
  return routeOf(url)?.page === 'pay' && PAY_PAGE.test(pageText(doc.body));
}

function fromDetail(title: Element, url: URL): RawOrder {
  const text = pageText(title.closest(SEL.block) ?? title.ownerDocument.body);
  return {
    orderNo: routeOf(url)?.no ?? CURRENT_NO.exec(text)?.[1],
    orderedAt: FOOTER.orderedAt.exec(text)?.[1],
    contact: FOOTER.contact.exec(text)?.[1],
    keys: all(title.parentElement, SEL.keys, 20)
      .map((h) => readText(h))
      .join('\n'),
  };
}

function fromPay(doc: Document, url: URL): RawOrder {
  const text = pageText(doc.body);
  return {
    orderNo: CURRENT_NO.exec(cleanText(text, 20_000))?.[1] ?? routeOf(url)?.no,
    status: PAY_STATE.exec(text)?.[0],
    // The pay page only ever names a paid order when it says so; otherwise it waits for payment.
    emptyStatus: 'pending_payment',
  };
}

const adapter: PlatformAdapter = {
  id: 'kamifaka',
  detect: (doc, url) => keysTitle(doc) !== undefined || isPayPage(doc, url),
  extract(doc, url) {
    const title = keysTitle(doc);
    const order = buildOrder('kamifaka', title ? fromDetail(title, url) : fromPay(doc, url));
    return order ? [order] : [];
  },
};
export default adapter;
