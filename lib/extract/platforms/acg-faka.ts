/**
 * 异次元发卡 acg-faka (JS-rendered query page /user/index/query) and its predecessors: the old Cartoon
 * theme (≤0.9.9) and lizhipay/faka (/index/query). Selectors are data; see survey §2.
 */
import { parseDeliveryMode, splitCardKeys } from '../normalize';
import {
  all,
  buildOrder,
  isChrome,
  linePairs,
  one,
  orderBlocks,
  rawFromPairs,
  readText,
  textOf,
  valueOf,
  type Pairs,
  type PlatformAdapter,
  type Vocabulary,
} from '../platform';
import { inAd, outsideAds } from '../scope';
import type { ExtractedOrder } from '../types';

/** 3.x Cartoon theme: one `.order-list > .order-item` per order. */
const CARTOON = {
  item: '.order-item',
  orderNo: '.order-no-text',
  payStatus: '.status-badge',
  shipment: '.shipment-badge',
  orderedAt: '.order-time-text',
  paidAt: '.payment-time-text',
  payment: '.payment-name',
  amount: '.amount-value',
  product: '.goods-name',
  chips: '.goods-sku',
  keys: '.card-display',
};

/** Old theme / lizhipay faka: "Label：<b class=…>value</b>" lines per order, keys in a textarea. */
const OLD = {
  anchor: 'b.trade_no',
  keys: 'textarea[class*="cardInfo"]',
};

const VOCAB: Vocabulary = {
  orderNo: ['订单号'],
  product: ['商品名称'],
  quantity: ['购买数量', '数量'],
  amount: ['下单金额', '订单金额'],
  payment: ['支付方式'],
  orderedAt: ['下单时间'],
  paidAt: ['支付时间', '付款时间'],
  status: ['订单状态'],
  contact: ['联系方式', '手机号', '邮箱地址', 'QQ号'],
  delivery: ['商品类型'],
};

// The old theme's key textarea opens with the buyer's own input between these marker lines.
const PRIVACY_MARK = /^-{3,}.*隐私内容.*-{3,}$/;
const KEYS_MARK = /^-{3,}.*卡密信息.*-{3,}$/;
const TYPE_SUFFIX = /^(.*\S)\s*[（(]([^（）()]{1,20})[)）]$/;

function cartoonOrder(item: Element): ExtractedOrder | undefined {
  const get = (sel: string): string => textOf(one(item, sel));
  const chips: Pairs = linePairs(
    all(item, CARTOON.chips, 30)
      .map((c) => textOf(c, 100))
      .join('\n'),
  );
  const status = [get(CARTOON.payStatus), get(CARTOON.shipment)].filter(Boolean).join(' / ');
  return buildOrder('acg-faka', {
    orderNo: get(CARTOON.orderNo),
    status,
    orderedAt: get(CARTOON.orderedAt),
    paidAt: get(CARTOON.paidAt),
    payment: get(CARTOON.payment),
    amount: get(CARTOON.amount),
    currency: 'CNY',
    product: get(CARTOON.product),
    quantity: chips.find(([l]) => l === '数量')?.[1],
    delivery: chips.find(([l]) => l === '商品类型')?.[1],
    keys: all(item, CARTOON.keys, 10)
      .map((el) => valueOf(el))
      .join('\n'),
  });
}

/** Split the old theme's key text into the buyer's private input (the contact) and the keys. */
function splitPrivacy(text: string): { contact?: string; keys: string[] } {
  const lines = splitCardKeys(text);
  const p = lines.findIndex((l) => PRIVACY_MARK.test(l));
  if (p < 0) return { keys: lines.filter((l) => !KEYS_MARK.test(l)) };
  const k = lines.findIndex((l, i) => i > p && KEYS_MARK.test(l));
  const privateLines = lines.slice(p + 1, k < 0 ? undefined : k);
  return { contact: privateLines.join('; ') || undefined, keys: k < 0 ? [] : lines.slice(k + 1) };
}

function oldOrder(block: Element, anchor: Element): ExtractedOrder | undefined {
  const raw = rawFromPairs(linePairs(readText(block, { skip: (el) => isChrome(el) || inAd(el) })), VOCAB);
  raw.orderNo = textOf(anchor) || raw.orderNo;
  raw.currency = 'CNY';
  const typed = raw.product ? TYPE_SUFFIX.exec(raw.product) : null;
  if (typed?.[1]) {
    raw.product = typed[1];
    raw.delivery ??= parseDeliveryMode(typed[2]) ? typed[2] : undefined;
  }
  const area = splitPrivacy(
    outsideAds(all(block, OLD.keys, 5))
      .map((el) => valueOf(el))
      .join('\n'),
  );
  raw.keys = area.keys;
  raw.contact = area.contact ?? raw.contact;
  return buildOrder('acg-faka', raw);
}

function cartoonItems(doc: Document): Element[] {
  return outsideAds(all(doc, CARTOON.item, 100)).filter((el) => one(el, CARTOON.orderNo) && one(el, CARTOON.payStatus));
}

const oldAnchors = (doc: Document): Element[] => outsideAds(all(doc, OLD.anchor, 100));

const acgFaka: PlatformAdapter = {
  id: 'acg-faka',
  detect: (doc) => cartoonItems(doc).length > 0 || oldAnchors(doc).length > 0,
  extract(doc) {
    const items = cartoonItems(doc);
    if (items.length) return items.flatMap((item) => cartoonOrder(item) ?? []);
    const anchors = oldAnchors(doc);
    return orderBlocks(anchors).flatMap((block, i) => oldOrder(block, anchors[i]!) ?? []);
  },
};

export default acgFaka;
