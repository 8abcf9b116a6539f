/**
 * Classic multi-merchant 发卡平台 (fakanet's orderquery.htm, SSR). Search results are tables with the
 * columns 订单时间, 订单号, (支付方式 | 卡密), 订单金额, 支付金额, 订单状态; keys load into `div#cardinfo`
 * in the 卡密 column, whose header carries "(已发货/购买数：N/N)". An order-number search adds the
 * 订单支付详情 table (支付时间, 支付类型, 支付状态). Status cells read "完成付款/订单完成" and the like.
 */
import { parseAmount } from '../normalize';
import {
  all,
  buildOrder,
  normLabel,
  readText,
  tableRecords,
  textOf,
  type PlatformAdapter,
  type RawOrder,
} from '../platform';
import { inAd } from '../scope';
import type { ExtractedOrder } from '../types';

/** Columns every order table has (both search types); 订单时间 (not 下单时间) is this system's word. */
const ORDER_COLUMNS = ['订单时间', '订单号', '订单状态', '支付金额'];
/** Columns of the 订单支付详情 table. */
const PAYMENT_COLUMNS = ['支付时间', '支付状态'];
const COL = {
  orderNo: '订单号',
  orderedAt: '订单时间',
  payment: '支付方式',
  orderAmount: '订单金额',
  paidAmount: '支付金额',
  status: '订单状态',
  keys: '卡密',
  paidAt: '支付时间',
  payType: '支付类型',
  payState: '支付状态',
};
/** The link a contact search puts beside the status; not part of the status. */
const VIEW_LINK = /\s*点击查看\s*/g;
const BOUGHT = /购买数\s*[:：]\s*\d+\s*\/\s*(\d+)/;
const PAY_OK = /成功/;
const MANUAL = /人工处理/;
/** The search that lists a buyer's orders by contact: its keyword is the contact the buyer typed. */
const CONTACT_SEARCH = { type: 'st', value: 'contact', keyword: 'kw' };

function headers(table: Element): string[] {
  const rows = all(table, 'tr', 200).filter((r) => r.closest('table') === table);
  const head = rows.find((r) => all(r, 'th', 20).length > 0) ?? rows[0];
  return all(head, 'th,td', 20).map((c) => normLabel(textOf(c, 64)));
}

/**
 * Tables whose header row (th cells) has all `columns`. Starts from the th cells naming the first
 * column, so a long page full of unrelated tables costs one cheap pass over its th cells.
 */
function tablesWith(doc: Document, columns: readonly string[]): Element[] {
  const found = new Set<Element>();
  // getElementsByTagName: the cheapest walk over a big document's th cells.
  const cells = doc.getElementsByTagName('th');
  for (let i = 0; i < cells.length && i < 5000; i++) {
    const th = cells[i]!;
    const text = th.textContent ?? '';
    if (!text.includes(columns[0]!) || normLabel(text) !== columns[0]) continue;
    const table = th.closest('table');
    if (!table || found.has(table) || inAd(table)) continue;
    const h = headers(table);
    if (columns.every((c) => h.includes(c))) found.add(table);
  }
  return [...found];
}

function fromRecord(rec: Map<string, Element>, keysHeader: string | undefined): RawOrder {
  const text = (label: string): string | undefined => {
    const cell = rec.get(label);
    return cell ? textOf(cell) : undefined;
  };
  const keysCell = keysHeader ? rec.get(keysHeader) : undefined;
  const keys = keysCell ? readText(keysCell) : undefined;
  const paid = parseAmount(text(COL.paidAmount));
  return {
    orderNo: text(COL.orderNo),
    orderedAt: text(COL.orderedAt),
    payment: text(COL.payment),
    // 支付金额 is what was paid (after discounts); an unpaid order shows 0.00 there.
    amount: paid && paid.amount > 0 ? text(COL.paidAmount) : text(COL.orderAmount),
    currency: 'CNY',
    status: text(COL.status)?.replace(VIEW_LINK, ' ').trim(),
    quantity: keysHeader ? BOUGHT.exec(keysHeader)?.[1] : undefined,
    keys,
    delivery: keys && MANUAL.test(keys) ? '人工处理' : undefined,
  };
}

/** The successful payment of an order-number search: when it was paid and with what. */
function paymentDetail(doc: Document): Partial<RawOrder> {
  for (const table of tablesWith(doc, PAYMENT_COLUMNS)) {
    for (const rec of tableRecords(table)) {
      const cell = (label: string): string => textOf(rec.get(label));
      if (PAY_OK.test(cell(COL.payState))) return { paidAt: cell(COL.paidAt), payment: cell(COL.payType) };
    }
  }
  return {};
}

const adapter: PlatformAdapter = {
  id: 'fakanet',
  detect: (doc) => tablesWith(doc, ORDER_COLUMNS).length > 0,
  extract(doc, url) {
    const raws = tablesWith(doc, ORDER_COLUMNS).flatMap((table) => {
      const keysHeader = headers(table).find((h) => h.startsWith(COL.keys));
      return tableRecords(table).map((rec) => fromRecord(rec, keysHeader));
    });
    const contact =
      url.searchParams.get(CONTACT_SEARCH.type) === CONTACT_SEARCH.value
        ? (url.searchParams.get(CONTACT_SEARCH.keyword) ?? undefined)
        : undefined;
    // The payment table has no order number: it belongs to the page's order only when there is one.
    const detail = raws.length === 1 ? paymentDetail(doc) : {};
    return raws
      .map((raw) =>
        buildOrder('fakanet', { ...raw, contact, paidAt: detail.paidAt, payment: raw.payment ?? detail.payment }),
      )
      .filter((o): o is ExtractedOrder => o !== undefined);
  },
};
export default adapter;
