/**
 * 异次元发卡 acg-faka (JS-rendered query page /user/index/query) and its predecessors: the old Cartoon
 * theme (≤0.9.9) and lizhipay/faka (/index/query). Selectors are data; see survey §2.
 */
import { parseDeliveryMode, splitCardKeys } from '../normalize';
import {
  adapter,
  all,
  linePairs,
  one,
  orderBlocks,
  rawFromPairs,
  readFields,
  statusOf,
  textOf,
  valueOf,
  vocab,
  type RawOrder,
} from '../platform';
import { allOutsideAds, ownText } from '../scope';

/** 3.x Cartoon theme: one `.order-list > .order-item` per order. */
const ITEM = '.order-item';
/** The Cartoon item's fields, one element each. */
const CARTOON = {
  orderNo: '.order-no-text',
  orderedAt: '.order-time-text',
  paidAt: '.payment-time-text',
  payment: '.payment-name',
  amount: '.amount-value',
  product: '.goods-name',
};
/**
 * Its two badges: the order's status (待付款 / 已付款, the status text) and, once paid, the shipment (等待发货 /
 * 已发货, which only refines the status); then the "数量：1" chips and the key boxes.
 */
const BADGES = { status: '.status-badge', shipment: '.shipment-badge' };
/**
 * The shipment badge of delivery_status 0. acg-faka stores keys only when it ships (Service/Bind/Order.php
 * orderSuccess: automatic goods set the flag with the keys or the stock apology); a manual product stays at 0 with
 * the shop's delivery message ("正在发货中，请耐心等待…" or its own words) where keys go, until someone ships it. So
 * under this badge the key box is a note, never keys, whatever it says.
 */
const WAITING = '.shipment-waiting';
const CHIPS = '.goods-sku';
const CARTOON_KEYS = '.card-display';

/** Old theme / lizhipay faka: "Label：<b class=…>value</b>" lines per order, keys in a textarea. */
const OLD_ANCHOR = 'b.trade_no';
const OLD_KEYS = 'textarea[class*="cardInfo"]';

const VOCAB = vocab({
  orderNo: '订单号',
  product: '商品名称',
  quantity: '购买数量 数量',
  amount: '下单金额 订单金额',
  payment: '支付方式',
  orderedAt: '下单时间',
  paidAt: '支付时间 付款时间',
  status: '订单状态',
  contact: '联系方式 手机号 邮箱地址 QQ号',
  delivery: '商品类型',
});

// The old theme's key textarea opens with the buyer's own input between these marker lines.
const PRIVACY_MARK = /^-{3,}.*隐私内容.*-{3,}$/;
const KEYS_MARK = /^-{3,}.*卡密信息.*-{3,}$/;
const TYPE_SUFFIX = /^(.*\S)\s*[（(]([^（）()]{1,20})[)）]$/;

const cartoonOrder = (item: Element): RawOrder => {
  const chips = linePairs(
    all(item, CHIPS, 30)
      .map((c) => textOf(c, 100))
      .join('\n'),
  );
  // acg-faka passes chip labels through i18n: an English shop prints "Quantity: 1" for "数量: 1".
  const chip = (...labels: string[]): string | undefined => chips.find(([l]) => labels.includes(l))?.[1];
  return {
    ...readFields(item, CARTOON),
    status: statusOf(one(item, BADGES.status)),
    stage: statusOf(one(item, BADGES.shipment)),
    quantity: chip('数量', 'Quantity'),
    delivery: chip('商品类型'),
    keys: one(item, WAITING)
      ? undefined
      : all(item, CARTOON_KEYS, 10)
          .map((el) => valueOf(el))
          .join('\n'),
  };
};

/**
 * Split the old theme's key text into the buyer's private input and the keys. The private block holds the shop's
 * custom fields as "名称：值" lines: the buyer's input (its recipient account may become the contact), never keys.
 */
const splitPrivacy = (text: string): { input?: string[]; keys: string[] } => {
  const lines = splitCardKeys(text);
  const p = lines.findIndex((l) => PRIVACY_MARK.test(l));
  if (p < 0) return { keys: lines.filter((l) => !KEYS_MARK.test(l)) };
  const k = lines.findIndex((l, i) => i > p && KEYS_MARK.test(l));
  return { input: lines.slice(p + 1, k < 0 ? undefined : k), keys: k < 0 ? [] : lines.slice(k + 1) };
};

const oldOrder = (block: ParentNode, anchor: Element): RawOrder => {
  const raw = rawFromPairs(linePairs(ownText(block)), VOCAB);
  raw.orderNo = textOf(anchor) || raw.orderNo;
  const typed = raw.product ? TYPE_SUFFIX.exec(raw.product) : null;
  if (typed?.[1]) {
    raw.product = typed[1];
    raw.delivery ??= parseDeliveryMode(typed[2]) ? typed[2] : undefined;
  }
  const area = splitPrivacy(
    allOutsideAds(block, OLD_KEYS, 5)
      .map((el) => valueOf(el))
      .join('\n'),
  );
  raw.keys = area.keys;
  raw.input = area.input;
  return raw;
};

const cartoonItems = (doc: Document): Element[] =>
  allOutsideAds(doc, ITEM, 100).filter((el) => one(el, CARTOON.orderNo) && one(el, BADGES.status));

const oldAnchors = (doc: Document): Element[] => allOutsideAds(doc, OLD_ANCHOR, 100);

export default adapter(
  'acg-faka',
  (doc) => cartoonItems(doc).length > 0 || oldAnchors(doc).length > 0,
  (doc) => {
    const items = cartoonItems(doc);
    if (items.length) return items.map(cartoonOrder);
    const anchors = oldAnchors(doc);
    return orderBlocks(anchors).map((block, i) => oldOrder(block, anchors[i]!));
  },
);
