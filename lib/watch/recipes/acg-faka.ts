/**
 * 异次元发卡 acg-faka 3.x: the query page `/user/index/query?tradeNo=…` is a shell; its script (assets/user/controller/
 * index/query.js) posts `keywords=<order number>&page=1&limit=10` to `/user/api/index/query` and builds one
 * `.order-item` per order from the answer `{ code: 200, data: { list: [...], total } }` (app/Controller/User/Api/
 * Index.php `query`). The recipe makes that same request and builds the markup the script would (survey §2, written
 * from the field list, not copied), so the acg-faka adapter reads it as it reads the live page. The server limits this
 * API to 30 queries per IP per 10 minutes and answers "请求过于频繁" beyond: one request per check stays far below.
 *
 * lizhipay/faka and themes that query `/index/api/order/query` have no recipe: their orders are not watched.
 */
import type { RecipeOrder, RecipePage, WatchRecipe } from './types';

const QUERY_PAGE = /\/user\/index\/query\/?$/;
const API_PATH = '/user/api/index/query';

/** One order of the API's list, as far as the page shows it. Every field is untrusted and may be missing. */
interface AcgOrder {
  trade_no?: unknown;
  status?: unknown;
  delivery_status?: unknown;
  amount?: unknown;
  create_time?: unknown;
  pay_time?: unknown;
  card_num?: unknown;
  race?: unknown;
  sku?: unknown;
  secret?: unknown;
  password?: unknown;
  leave_message?: unknown;
  pay?: { name?: unknown } | null;
  commodity?: { name?: unknown; leave_message?: unknown } | null;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A scalar field as the page prints it ('' for anything else). */
const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';

/** The query page the order was seen on (3.x), or undefined. */
function queryPage(order: RecipeOrder): URL | undefined {
  for (const u of [order.url, ...order.urls.toReversed()]) {
    try {
      const url = new URL(u);
      if (QUERY_PAGE.test(url.pathname)) return url;
    } catch {
      // Not a URL: skip it.
    }
  }
  return undefined;
}

/** The markup the Cartoon theme's script builds for one order (the fields the adapter reads). */
function orderItem(o: AcgOrder, orderNo: string): string {
  const paid = str(o.status) === '1';
  const shipped = str(o.delivery_status) === '1';
  const chips: string[] = [];
  if (str(o.race)) chips.push(`商品类型: ${str(o.race)}`);
  if (o.sku && typeof o.sku === 'object' && !Array.isArray(o.sku)) {
    for (const [k, v] of Object.entries(o.sku).slice(0, 20)) chips.push(`${k}: ${str(v)}`);
  }
  chips.push(`数量: ${str(o.card_num)}`);
  let card = '';
  if (paid) {
    // The page inserts the secret and the shop's delivery note as HTML (line breaks as <br>): so does this, into a
    // document parsed with DOMParser, where nothing runs and only text is read — what the buyer's page would show.
    const content =
      o.password === true
        ? `<input type="password" placeholder="请输入查询密码"><button class="view-card-btn" data-no="${esc(orderNo)}">查看卡密</button>`
        : `<div class="card-display">${str(o.secret)}</div>${str(o.leave_message ?? o.commodity?.leave_message) ? `<div class="mt-3">${str(o.leave_message ?? o.commodity?.leave_message)}</div>` : ''}`;
    card = `<div class="card-section"><div class="card-title">宝贝内容</div><span class="shipment-badge ${shipped ? 'shipment-paid">已发货' : 'shipment-waiting">等待发货'}</span>${content}</div>`;
  }
  return `<div class="order-item">
<div class="order-status"><span class="status-badge ${paid ? 'status-paid">已付款' : 'status-pending">待付款'}</span></div>
<div class="order-no">#<span class="order-no-text">${esc(orderNo)}</span></div>
<div class="order-time">下单时间：<span class="order-time-text">${esc(str(o.create_time))}</span></div>
<div class="payment-time">付款时间：<span class="payment-time-text">${esc(str(o.pay_time) || '-')}</span></div>
<div class="payment-dst">支付方式：<span class="payment-name">${esc(str(o.pay?.name))}</span></div>
<div class="order-amount"><span class="amount-label">订单金额</span><span class="amount-value">¥<span class="amount-number">${esc(str(o.amount))}</span></span></div>
<h6 class="goods-name">${esc(str(o.commodity?.name))}</h6>
${chips.map((c) => `<span class="goods-sku a-badge">${esc(c)}</span>`).join('')}
${card}
</div>`;
}

/** The API's answer as a page: the watched order's item, or what the answer says instead. */
export function acgAnswerToPage(body: string, orderNo: string): RecipePage {
  let answer: { code?: unknown; msg?: unknown; data?: unknown };
  try {
    answer = JSON.parse(body) as typeof answer;
  } catch {
    // Not JSON: a login, captcha or error page stood in front of the API; the page reader tells which.
    return body.trimStart().startsWith('<') ? { html: body } : { result: 'unreadable' };
  }
  if (!answer || typeof answer !== 'object') return { result: 'unreadable' };
  if (answer.code !== 200) {
    if (/频繁|too many/i.test(str(answer.msg))) return { result: 'rate_limited' };
    return typeof answer.code === 'number' ? { result: 'missing' } : { result: 'unreadable' };
  }
  const data = answer.data as { list?: unknown } | unknown[] | null | undefined;
  const list = Array.isArray(data) ? data : Array.isArray(data?.list) ? data.list : undefined;
  if (!list) return { result: 'unreadable' };
  const item = (list as AcgOrder[]).find((o) => o && typeof o === 'object' && str(o.trade_no) === orderNo);
  if (!item) return { result: 'missing' };
  return {
    // No <title>: the order keeps the title of the page the buyer saw.
    html: `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div class="order-list">${orderItem(item, orderNo)}</div></body></html>`,
  };
}

export const acgFaka: WatchRecipe = {
  request(order) {
    const page = queryPage(order);
    if (!page) return undefined;
    const api = new URL(page.pathname.replace(QUERY_PAGE, API_PATH), page.origin);
    const pageUrl = new URL(page.pathname, page.origin);
    pageUrl.searchParams.set('tradeNo', order.orderNo);
    return {
      method: 'POST',
      url: api.href,
      // What jQuery's $.ajax sends for the page script's util.post.
      body: new URLSearchParams({ keywords: order.orderNo, page: '1', limit: '10' }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
        accept: 'application/json, text/javascript, */*; q=0.01',
        'x-requested-with': 'XMLHttpRequest',
      },
      pageUrl: pageUrl.href,
    };
  },
  toPage: (body, order) => acgAnswerToPage(body, order.orderNo),
};
