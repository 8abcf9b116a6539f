/**
 * Classic multi-merchant 发卡平台 (fakanet's orderquery.htm, SSR). Search results are tables with the
 * columns 订单时间, 订单号, (支付方式 | 卡密), 订单金额, 支付金额, 订单状态; keys load into `div#cardinfo`
 * in the 卡密 column, whose header carries "(已发货/购买数：N/N)". An order-number search adds the
 * 订单支付详情 table (支付时间, 支付类型, 支付状态). Status cells read "完成付款/订单完成" and the like.
 */
import { parseAmount } from '../normalize';
import {
  adapter,
  all,
  normLabel,
  readText,
  statusOf,
  tableHeaders,
  tableRecords,
  textOf,
  type RawOrder,
} from '../platform';
import { inAd } from '../scope';

/** Columns every order table has (both search types); 订单时间 (not 下单时间) is this system's word. */
const ORDER_COLUMNS = ['订单时间', '订单号', '订单状态', '支付金额'];
/** Columns of the 订单支付详情 table. */
const PAYMENT_COLUMNS = ['支付时间', '支付状态'];

/**
 * Tables whose header row has all `columns`. Starts from the header cells naming the first column — th cells, or
 * the td cells of a table's first row (themes that write `<tr class="th"><td>…`) — so a long page full of unrelated
 * tables costs one cheap pass over those cells.
 */
const tablesWith = (doc: Document, columns: readonly string[]): Element[] => {
  const found = new Set<Element>();
  const cells = [...all(doc, 'th', 5000), ...all(doc, 'tr:first-child > td', 5000)];
  for (const th of cells) {
    if (!th.textContent?.includes(columns[0]!) || normLabel(th.textContent) !== columns[0]) continue;
    const table = th.closest('table');
    if (!table || found.has(table) || inAd(table)) continue;
    const h = tableHeaders(table);
    if (columns.every((c) => h.includes(c))) found.add(table);
  }
  return [...found];
};

/** Cell text by column; undefined when the table lacks the column. */
const cellText =
  (rec: Map<string, Element>) =>
  (column: string): string | undefined => {
    const cell = rec.get(column);
    return cell && textOf(cell);
  };

const fromRecord = (rec: Map<string, Element>, keysHeader: string | undefined): RawOrder => {
  const text = cellText(rec);
  const keysCell = keysHeader ? rec.get(keysHeader) : undefined;
  const keys = keysCell && readText(keysCell);
  const paid = text('支付金额');
  return {
    orderNo: text('订单号'),
    orderedAt: text('订单时间'),
    payment: text('支付方式'),
    // 支付金额 is what was paid (after discounts); an unpaid order shows 0.00 there.
    amount: (parseAmount(paid)?.amount ?? 0) > 0 ? paid : text('订单金额'),
    // The link a contact search puts beside the status (点击查看) is not part of the status.
    status: statusOf(rec.get('订单状态')),
    quantity: keysHeader && /购买数\s*[:：]\s*\d+\s*\/\s*(\d+)/.exec(keysHeader)?.[1],
    keys,
    delivery: keys && /人工处理/.test(keys) ? '人工处理' : undefined,
  };
};

/** The successful payment of an order-number search: when it was paid and with what. */
const paymentDetail = (doc: Document): RawOrder => {
  for (const table of tablesWith(doc, PAYMENT_COLUMNS)) {
    for (const rec of tableRecords(table)) {
      const cell = (label: string): string => textOf(rec.get(label));
      if (/成功/.test(cell('支付状态'))) return { paidAt: cell('支付时间'), payment: cell('支付类型') };
    }
  }
  return {};
};

export default adapter(
  'fakanet',
  (doc) => tablesWith(doc, ORDER_COLUMNS).length > 0,
  (doc, url) => {
    const raws = tablesWith(doc, ORDER_COLUMNS).flatMap((table) => {
      const keysHeader = tableHeaders(table).find((h) => h.startsWith('卡密'));
      return tableRecords(table).map((rec) => fromRecord(rec, keysHeader));
    });
    // The search that lists a buyer's orders by contact (st=contact): its keyword is the contact the buyer typed.
    const contact = (url.searchParams.get('st') === 'contact' && url.searchParams.get('kw')) || undefined;
    // The payment table has no order number: it belongs to the page's order only when there is one.
    const detail = raws.length === 1 ? paymentDetail(doc) : {};
    return raws.map((raw) => ({ ...raw, contact, paidAt: detail.paidAt, payment: raw.payment ?? detail.payment }));
  },
);
