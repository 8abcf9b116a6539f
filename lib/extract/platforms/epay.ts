/**
 * 彩虹易支付 epay, the payment side. Its pages name epay's own `trade_no` (19 digits), never the shop's
 * order number: the QR pages print it under the label 商户订单号 in `dd#billId` all the same. Records
 * from here are therefore payment sightings keyed by that trade_no (platform 'epay'), which the
 * background links to a shop order by product, amount and time, or by the URLs around them.
 * - QR pages (支付宝/微信/QQ钱包扫码支付): `dl.detail-ct` pairs; unpaid until the 支付成功 toast shows.
 * - Cashier (收银台): 商品名称 / 订单号 / 创建时间 / 订单金额, unpaid.
 * - Result pages: 支付成功 → paid, 支付失败或支付超时 → closed; only when the page or its URL names the
 *   trade_no, since a result that names no order cannot be attributed.
 */
import { cleanText } from '../normalize';
import {
  all,
  buildOrder,
  linePairs,
  one,
  pick,
  readPairs,
  readText,
  textOf,
  valueOf,
  type PlatformAdapter,
  type RawOrder,
} from '../platform';
import { inAd, outsideAds } from '../scope';

/** The kinds of epay page this adapter reads. */
export type EpayPage = 'qr' | 'cashier' | 'result';

const SEL = {
  qrNo: 'dl.detail-ct #billId',
  qrProduct: '#productName',
  qrTime: '#createTime',
  qrAmount: '.amount',
  qrTitle: '.mod-title',
  toast: '.layui-layer-content',
  cashier: '.order-amount12',
  cashierRows: { row: 'li', label: 'span', value: 'span' },
  cashierAmount: '.order-amount12-right',
  tradeNoInput: 'input[name="trade_no"]',
};
/** Payment type by the words of the page title, as epay names them. */
const PAY_TYPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/支付宝/, '支付宝'],
  [/微信/, '微信支付'],
  [/QQ/i, 'QQ钱包'],
  [/京东/, '京东支付'],
  [/网银|银联|云闪付/, '网银支付'],
];
const PAID_TOAST = /支付成功/;
const RESULT_TITLE = /支付结果|支付成功|错误提示/;
/** The result sentences; the match is the status text ("支付成功" or the whole failure sentence). */
const RESULT = /支付成功(?=，请回到浏览器查看订单)|支付失败或支付超时，请返回重新发起支付/;
const NO_LABELS = ['商户订单号', '订单号', '订单编号', '交易号'];
/** epay's trade_no: YmdHis + 5 digits, as a path segment of the result page's URL. */
const PATH_TRADE_NO = /(?:^|\/)(\d{19})(?:\/|$)/;
/** Result pages are short; reading more of a long page is wasted work. */
const RESULT_TEXT_MAX = 5000;

/** The first match that is not inside an ad (an ad may copy the QR page's markup). */
function first(root: ParentNode, selector: string): Element | null {
  return outsideAds(all(root, selector, 20))[0] ?? null;
}

function resultText(doc: Document): string {
  return readText(doc.body, { max: RESULT_TEXT_MAX, skip: inAd });
}

/** Which epay page this is, if any. */
export function epayPage(doc: Document): EpayPage | undefined {
  if (first(doc, SEL.qrNo)) return 'qr';
  if (first(doc, SEL.cashier) && first(doc, SEL.tradeNoInput)) return 'cashier';
  if (RESULT_TITLE.test(doc.title) && RESULT.test(cleanText(resultText(doc), RESULT_TEXT_MAX))) return 'result';
  return undefined;
}

function payType(text: string): string | undefined {
  return PAY_TYPES.find(([re]) => re.test(text))?.[1];
}

function fromQr(doc: Document): RawOrder {
  const toast = outsideAds(all(doc, SEL.toast, 10))
    .map((t) => textOf(t))
    .find((t) => PAID_TOAST.test(t));
  return {
    orderNo: textOf(first(doc, SEL.qrNo)),
    product: textOf(first(doc, SEL.qrProduct)),
    orderedAt: textOf(first(doc, SEL.qrTime)),
    amount: textOf(first(doc, SEL.qrAmount)),
    payment: payType(textOf(first(doc, SEL.qrTitle)) || doc.title),
    status: toast,
    emptyStatus: 'pending_payment',
  };
}

function fromCashier(doc: Document): RawOrder {
  const root = first(doc, SEL.cashier)!;
  const pairs = readPairs(root, SEL.cashierRows);
  return {
    orderNo: pick(pairs, ['订单号']) ?? valueOf(first(doc, SEL.tradeNoInput), 64),
    product: pick(pairs, ['商品名称']),
    orderedAt: pick(pairs, ['创建时间']),
    // 订单金额 is what the shop asked for; 需支付 may add epay's fee.
    amount: textOf(one(root, SEL.cashierAmount)),
    currency: 'CNY',
    emptyStatus: 'pending_payment',
  };
}

function fromResult(doc: Document, url: URL): RawOrder {
  const text = resultText(doc);
  return {
    orderNo:
      pick(linePairs(text), NO_LABELS) ??
      url.searchParams.get('trade_no') ??
      PATH_TRADE_NO.exec(url.pathname)?.[1] ??
      undefined,
    status: RESULT.exec(cleanText(text, RESULT_TEXT_MAX))?.[0],
  };
}

const adapter: PlatformAdapter = {
  id: 'epay',
  detect: (doc) => epayPage(doc) !== undefined,
  extract(doc, url) {
    const page = epayPage(doc);
    const raw =
      page === 'qr' ? fromQr(doc) : page === 'cashier' ? fromCashier(doc) : page ? fromResult(doc, url) : undefined;
    const order = raw && buildOrder('epay', raw);
    return order ? [order] : [];
  },
};
export default adapter;
