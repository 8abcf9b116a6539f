/**
 * 彩虹易支付 epay, the payment side. Its pages name epay's own `trade_no` (19 digits), never the shop's
 * order number: the QR pages print it under the label 商户订单号 in `dd#billId` all the same. Records
 * from here are therefore payment sightings keyed by that trade_no (platform 'epay'), which the
 * background links to a shop order by product, amount and time, or by the URLs around them.
 * - QR pages (支付宝/微信/QQ钱包扫码支付 in the title or beside the details): a dt/dd list labelled 购买物品 and
 *   商户订单号 (clones restyle epay's ids and classes, never these labels); unpaid until the 支付成功 toast shows.
 * - Cashier (收银台): 商品名称 / 订单号 / 创建时间 / 订单金额, unpaid.
 * - Result pages (支付成功，请回到浏览器查看订单 / 支付失败或支付超时): payment stop pages, not orders. The adapter claims them
 *   and returns [] (so the generic reader never reads them); their trade_no reaches the background through
 *   payment-stop.ts instead, as a payment on the shop order an earlier QR page was linked to.
 */
import { cleanText } from '../normalize';
import { adapter, all, labelOf, one, pick, readPairs, textOf, valueOf, type Pairs, type RawOrder } from '../platform';
import { allOutsideAds, textOutsideAds } from '../scope';

/** The kinds of epay page this adapter reads. */
export type EpayPage = 'qr' | 'cashier' | 'result';

/** The labels every QR page's detail list carries; 创建时间 and 商家 may be missing or reordered. */
const QR_LABELS = ['购买物品', '商户订单号'];
/** The QR page's kind, as its title or heading names it. */
const QR_KIND = /(?:支付宝|微信|QQ钱包)扫码支付/i;
/** The amount on its own: "¥12.00", "￥ 8.80", "12.00元". */
const AMOUNT_ONLY = /^(?:[￥¥]\s*\d[\d,.]*|\d[\d,.]*\s*元)$/;
const TOAST = '.layui-layer-content';
const CASHIER = '.order-amount12';
const CASHIER_AMOUNT = '.order-amount12-right';
const TRADE_NO_INPUT = 'input[name="trade_no"]';
/** Payment type by the words of the page title, as epay names them. */
const PAY_TYPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/支付宝/, '支付宝'],
  [/微信/, '微信支付'],
  [/QQ/i, 'QQ钱包'],
  [/京东/, '京东支付'],
  [/网银|银联|云闪付/, '网银支付'],
];
/** The result sentences of epay's stop pages. */
const RESULT = /支付成功(?=，请回到浏览器查看订单)|支付失败或支付超时，请返回重新发起支付/;

/** How far above its details list the QR page's amount may sit. */
const BOX_LEVELS = 12;

/** The first match that is not inside an ad (an ad may copy the QR page's markup). */
const first = (root: ParentNode, selector: string): Element | undefined => allOutsideAds(root, selector, 20)[0];

/** Result pages are short; reading more of a long page is wasted work. */
const resultText = (doc: Document): string => textOutsideAds(doc.body, 5000);

/** dt label → the dd after it, of one definition list. */
const dlPairs = (dl: Element): Pairs =>
  all(dl, 'dt', 20).map((dt) => [
    labelOf(dt),
    textOf(dt.nextElementSibling?.localName === 'dd' ? dt.nextElementSibling : null),
  ]);

/**
 * The QR page's details: the first definition list outside ads with the QR labels, on a page whose title (or the
 * block around the list) names a 扫码支付 kind; the kind is returned for the payment type.
 */
const qrDetails = (doc: Document): { pairs: Pairs; amount?: Element; kind: string } | undefined => {
  for (const dl of allOutsideAds(doc, 'dl', 50)) {
    const pairs = dlPairs(dl);
    if (!QR_LABELS.every((l) => pick(pairs, [l]))) continue;
    // The amount of the nearest block around the list that shows one: the order's box (at most the body).
    // (A few levels up at most: each level searches its whole block, which on a deeply nested page made the climb cost
    // the square of the depth.)
    let box = dl.parentElement;
    let amount: Element | undefined;
    for (let up = 0; box && !(amount = amountIn(box, dl)) && box.localName !== 'body' && up < BOX_LEVELS; up++)
      box = box.parentElement;
    const kind = QR_KIND.exec(doc.title)?.[0] ?? QR_KIND.exec(cleanText(textOutsideAds(box, 4000), 4000))?.[0];
    if (kind) return { pairs, amount, kind };
  }
  return undefined;
};

/** The first element in `root`, outside ads and `dl`, whose whole text is an amount. */
const amountIn = (root: Element, dl: Element): Element | undefined =>
  allOutsideAds(root, '*', 400).find((el) => !dl.contains(el) && AMOUNT_ONLY.test(textOf(el, 40)));

/** Which epay page this is, if any. */
export const epayPage = (doc: Document): EpayPage | undefined => {
  if (qrDetails(doc)) return 'qr';
  if (first(doc, CASHIER) && first(doc, TRADE_NO_INPUT)) return 'cashier';
  if (/支付结果|支付成功|错误提示/.test(doc.title) && RESULT.test(cleanText(resultText(doc), 5000))) return 'result';
  return undefined;
};

const fromQr = (doc: Document): RawOrder => {
  const { pairs, amount, kind } = qrDetails(doc)!;
  return {
    orderNo: pick(pairs, ['商户订单号']),
    product: pick(pairs, ['购买物品']),
    orderedAt: pick(pairs, ['创建时间']),
    amount: textOf(amount),
    payment: PAY_TYPES.find(([re]) => re.test(kind))?.[1],
    status: allOutsideAds(doc, TOAST, 10)
      .map((t) => textOf(t))
      .find((t) => /支付成功/.test(t)),
    emptyStatus: 'pending_payment',
  };
};

const fromCashier = (doc: Document): RawOrder => {
  const root = first(doc, CASHIER)!;
  const pairs = readPairs(root, { row: 'li', label: 'span', value: 'span' });
  return {
    orderNo: pick(pairs, ['订单号']) ?? valueOf(first(doc, TRADE_NO_INPUT), 64),
    product: pick(pairs, ['商品名称']),
    orderedAt: pick(pairs, ['创建时间']),
    // 订单金额 is what the shop asked for; 需支付 may add epay's fee.
    amount: textOf(one(root, CASHIER_AMOUNT)),
    emptyStatus: 'pending_payment',
  };
};

export default adapter(
  'epay',
  (doc) => epayPage(doc) !== undefined,
  (doc) => {
    const page = epayPage(doc);
    return page === 'qr' ? [fromQr(doc)] : page === 'cashier' ? [fromCashier(doc)] : [];
  },
);
