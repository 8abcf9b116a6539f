/**
 * Blocks shared by several channels: the order facts, the timeline, what was done, the evidence list, the citation,
 * and the one-sentence statement of the problem. Each returns lines without missing values; an empty block vanishes.
 */
import type { Facts } from './facts';
import type { Section } from './fit';

/** Joins optional pieces, skipping the missing ones. */
export const join = (parts: (string | false | undefined)[], sep = ''): string =>
  parts.filter((x): x is string => typeof x === 'string' && x.length > 0).join(sep);

/** English sentences joined after "Hello, " start in lower case; Chinese is left alone. */
export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** "订单 X" / "order X", or a phrase without the number when the page's number was unusable. */
export function orderRef(f: Facts, start = false): string {
  if (f.locale === 'zh_CN') return f.orderNo ? `订单 ${f.orderNo}` : '我的订单';
  if (f.orderNo) return `${start ? 'Order' : 'order'} ${f.orderNo}`;
  return start ? 'My order' : 'my order';
}

/** "label：value" lines for the facts that are present. */
export function orderLines(f: Facts, opts: { maskContact?: boolean; withKey?: boolean } = {}): string[] {
  const { p } = f;
  const contact = opts.maskContact ? f.contactMasked : f.contact;
  const pairs: [string, string | undefined][] = [
    [p.label.orderNo, f.orderNo],
    [p.label.shop, f.shop],
    [p.label.product, f.product],
    [p.label.amount, f.amount],
    [p.label.payMethod, f.payMethod],
    [p.label.orderedAt, f.orderedAt],
    [p.label.paidAt, f.paidAt],
    [p.label.waited, f.problem === 'not_delivered' ? f.waited : undefined],
    [p.label.status, f.status],
    [p.label.recipient, contact],
    [p.label.source, f.enteredByBuyer ? p.enteredByBuyer : undefined],
  ];
  if (opts.withKey && f.key) {
    pairs.push(
      [p.label.key, f.key.masked],
      [p.label.deliveredAt, f.key.deliveredAt],
      [p.label.redemption, f.key.message ? p.quote(f.key.message) : undefined],
    );
  }
  return pairs.flatMap(([label, value]) => (value ? [p.kv(label, value)] : []));
}

/** The order facts as a section under a heading. */
export function orderSection(f: Facts, priority: number, opts: Parameters<typeof orderLines>[1] = {}): Section {
  return { heading: f.p.head(f.p.heading.order), lines: orderLines(f, opts), priority };
}

/** The status history, thinned from the middle so the first and latest turns stay. */
export function timelineSection(f: Facts, priority: number, numbered = false): Section {
  const { p } = f;
  return {
    heading: p.head(p.heading.timeline),
    lines: numbered ? f.timeline.map((l, i) => p.numbered(i + 1, l)) : f.timeline,
    total: f.timelineTotal,
    priority,
    trim: 'middle',
    minLines: 2,
    more: p.more,
  };
}

/** What the buyer already did (ladder actions and copied drafts). */
export function doneSection(f: Facts, priority: number): Section {
  const { p } = f;
  return { heading: p.head(p.heading.done), lines: f.done, total: f.doneTotal, priority, trim: 'end', more: p.more };
}

/** The evidence list; `pageFirst` puts order-page captures first (they rebut a "delivered" reply). */
export function evidenceSection(
  f: Facts,
  priority: number,
  opts: { numbered?: boolean; pageFirst?: boolean; minLines?: number; heading?: boolean } = {},
): Section {
  const { p } = f;
  const items = opts.pageFirst
    ? [...f.evidence.filter((e) => e.showsOrderPage), ...f.evidence.filter((e) => !e.showsOrderPage)]
    : f.evidence;
  return {
    heading: opts.heading === false ? undefined : p.head(p.heading.evidence),
    lines: items.map((e, i) => (opts.numbered ? p.numbered(i + 1, e.line) : e.line)),
    total: f.evidenceTotal,
    priority,
    trim: 'end',
    minLines: opts.minLines ?? 1,
    more: p.more,
  };
}

/** The legal reference with its not-legal-advice line; `short` puts both in one line for small fields. */
export function citeSection(f: Facts, priority: number, short = false): Section {
  const { p } = f;
  if (short) return { lines: [p.citeShort], priority };
  return { lines: [f.problem === 'invalid_key' ? p.citeInvalidKey : p.citeNotDelivered, p.disclaimer], priority };
}

/** What the page shows now, for prose; undefined when nothing useful is known. */
function pageShows(f: Facts): string | undefined {
  if (f.locale === 'zh_CN') {
    if (f.callbackSuspected) return '订单页仍显示“待支付”，但款项已付（疑似支付回调失败）';
    return f.statusShort ? `订单页目前显示“${f.statusShort}”` : undefined;
  }
  if (f.callbackSuspected)
    return 'the order page still shows "awaiting payment" although I paid (the payment callback likely failed)';
  return f.statusShort ? `the order page currently shows "${f.statusShort}"` : undefined;
}

/** The non-delivery in one sentence: "订单 X 于 T 支付成功 ¥29.90（支付宝），已过 N 仍未收到「P」的卡密/激活码。" */
export function notDeliveredSentence(f: Facts): string {
  if (f.locale === 'zh_CN') {
    return join([
      orderRef(f),
      f.paidAt ? ` 于 ${f.paidAt} ` : f.orderNo ? ' ' : '',
      '支付成功',
      f.amount && ` ${f.amount}`,
      f.payMethod && `（${f.payMethod}）`,
      f.elapsed ? `，已过 ${f.elapsed} 仍未收到` : '，至今仍未收到',
      f.product ? `「${f.product}」的` : '',
      '卡密/激活码。',
    ]);
  }
  return join([
    `${orderRef(f, true)} was paid`,
    f.paidAt && ` at ${f.paidAt}`,
    f.amount && `: ${f.amount}`,
    f.payMethod && ` via ${f.payMethod}`,
    '. ',
    f.elapsed ? `After ${f.elapsed} I still have no` : 'I still have no',
    ' card key / activation code',
    f.product && ` for "${f.product}"`,
    '.',
  ]);
}

/** The status the page shows, as a sentence, or undefined. */
export function statusSentence(f: Facts): string | undefined {
  const shows = pageShows(f);
  if (!shows) return undefined;
  return f.locale === 'zh_CN' ? `${shows}。` : `${shows.charAt(0).toUpperCase()}${shows.slice(1)}.`;
}

/** The broken key in one sentence: "订单 X（P，¥29.90）于 T 发放的卡密 ****AB12 无法使用：…" */
export function invalidKeySentence(f: Facts): string {
  const k = f.key ?? { kind: 'invalid' as const };
  const about = join([f.product, f.amount], f.locale === 'zh_CN' ? '，' : ', ');
  if (f.locale === 'zh_CN') {
    let outcome = '';
    if (k.message) outcome = `：${k.redeemedAt ? `${k.redeemedAt} ` : ''}兑换时提示“${k.message}”`;
    else if (k.kind === 'used') outcome = '，提示已被使用';
    return join([
      orderRef(f),
      about ? `（${about}）` : ' ',
      k.deliveredAt ? `于 ${k.deliveredAt} 发放的卡密` : '发放的卡密',
      k.masked && ` ${k.masked} `,
      '无法使用',
      outcome,
      '。',
    ]);
  }
  let outcome = '';
  if (k.message)
    outcome = `: when I redeemed it${k.redeemedAt ? ` at ${k.redeemedAt}` : ''}, the site said "${k.message}"`;
  else if (k.kind === 'used') outcome = ': it is reported as already used';
  return join([
    'The card key',
    k.masked && ` ${k.masked}`,
    ' delivered',
    k.deliveredAt && ` at ${k.deliveredAt}`,
    ` for ${orderRef(f)}`,
    about && ` (${about})`,
    ' does not work',
    outcome,
    '.',
  ]);
}

/** The problem of this order in one sentence. */
export function problemSentence(f: Facts): string {
  return f.problem === 'invalid_key' ? invalidKeySentence(f) : notDeliveredSentence(f);
}

/** The escalation threatened after the deadline, by the order's payment channel. */
export function escalation(f: Facts): string {
  return f.p.escalation[f.payChannel ?? 'none'];
}
