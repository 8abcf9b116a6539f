/**
 * Sentences shared by the payment-app complaints (支付宝, 微信支付): the statement told to a third party, the
 * rebuttal of a merchant's "已发货" reply, the claim, and hints for finding the bill.
 */
import type { Facts } from '../facts';
import { join } from '../sections';

/** The problem told to the payment app (first person, shop named, order number in brackets). */
export function complaintStatement(f: Facts): string {
  const zh = f.locale === 'zh_CN';
  const k = f.key;
  if (zh) {
    const head = join([
      '我',
      f.paidAt && `于 ${f.paidAt} `,
      f.shop && `在 ${f.shop} `,
      '付款',
      f.amount && ` ${f.amount}`,
      f.payMethod && `（${f.payMethod}）`,
      (f.amount || f.payMethod) && ' ',
      f.product ? `购买「${f.product}」` : '购买虚拟商品',
      f.orderNo && `（订单号 ${f.orderNo}）`,
    ]);
    if (f.problem === 'invalid_key') {
      return join([
        head,
        '，',
        k?.deliveredAt && `${k.deliveredAt} `,
        '收到的卡密',
        k?.masked && ` ${k.masked} `,
        '无法使用',
        k?.message ? `，兑换时提示“${k.message}”` : k?.kind === 'used' ? '，提示已被使用' : '',
        '。',
      ]);
    }
    return join([head, f.elapsed ? `，已过 ${f.elapsed} 仍未收到卡密/激活码。` : '，至今未收到卡密/激活码。']);
  }
  const head = join([
    'I paid',
    f.amount && ` ${f.amount}`,
    f.payMethod && ` via ${f.payMethod}`,
    f.shop && ` to ${f.shop}`,
    f.paidAt && ` at ${f.paidAt}`,
    f.product ? ` for "${f.product}"` : ' for a digital item',
    f.orderNo && ` (order ${f.orderNo})`,
  ]);
  if (f.problem === 'invalid_key') {
    return join([
      head,
      '. The card key',
      k?.masked && ` ${k.masked}`,
      k?.deliveredAt && ` delivered at ${k.deliveredAt}`,
      ' does not work',
      k?.message ? `: redeeming it gave "${k.message}"` : k?.kind === 'used' ? ': it is reported as already used' : '',
      '.',
    ]);
  }
  return join([
    head,
    f.elapsed ? `. After ${f.elapsed} I still have no` : '. I still have no',
    ' card key / activation code.',
  ]);
}

/**
 * Why a merchant's "已发货" (reply code 03) is not true. It does not point at the evidence list in words: the list
 * may be dropped to fit a field, and its heading introduces it when it is there.
 */
export function rebuttal(f: Facts): string | undefined {
  const zh = f.locale === 'zh_CN';
  if (f.problem === 'invalid_key') {
    return zh
      ? '如商家答复“已发货”：发放的卡密无法使用，未能有效交付。'
      : 'A "delivered" reply does not answer this: the key sent cannot be used.';
  }
  // Keys were seen on the page: "no key was shown" would be false, and a false claim loses the whole complaint.
  if (f.keysShown) return undefined;
  // An order entered by hand whose page KamiGuard never read: say what the buyer knows, claim nothing of the page.
  if (!f.pageSeen) {
    return zh
      ? '如商家答复“已发货”，与事实不符：本人至今未收到任何卡密/激活码。'
      : 'A "delivered" reply would be untrue: I have received no card key or activation code at all.';
  }
  let shows: string;
  if (zh) {
    if (f.callbackSuspected) shows = '订单页仍显示“待支付”且没有任何卡密';
    else shows = f.statusShort ? `订单页显示“${f.statusShort}”，没有任何卡密` : '订单页没有任何卡密';
    return join(['如商家答复“已发货”，与事实不符：', f.lastSeen && `截至 ${f.lastSeen}，`, shows, '。']);
  }
  if (f.callbackSuspected) shows = 'the order page showed "awaiting payment" and no key';
  else shows = f.statusShort ? `the order page showed "${f.statusShort}" and no key` : 'the order page showed no key';
  return join(['A "delivered" reply would be untrue: ', f.lastSeen && `at ${f.lastSeen} `, shows, '.']);
}

/** The claim: a full refund (the payment app can refund, it cannot deliver keys). */
export function refundClaim(f: Facts): string {
  if (f.locale === 'zh_CN') return join(['请求全额退款', f.amount && ` ${f.amount}`, '。']);
  return join(['I ask for a full refund', f.amount && ` of ${f.amount}`, '.']);
}

/** The recipient account as a short sentence. */
export function recipientLine(f: Facts): string[] {
  if (!f.contact) return [];
  return [f.locale === 'zh_CN' ? `收货账号：${f.contact}。` : `Recipient account: ${f.contact}.`];
}

/** How to find the right bill: the bill often names the payment gateway, not the shop. */
export function billTip(f: Facts): string {
  const zh = f.locale === 'zh_CN';
  const by = join([f.paidAt, f.amount], zh ? '、' : ', ');
  return zh
    ? `账单里的商户名常是支付平台而非店铺名${by ? `，按付款时间和金额（${by}）找到这一笔` : '，按付款时间和金额找到这一笔'}。`
    : `The bill often names the payment gateway, not the shop${by ? `: find it by time and amount (${by})` : ': find it by time and amount'}.`;
}
