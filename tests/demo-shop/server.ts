/**
 * The demo shop: a small local web server with realistic sample pages of the shop systems KamiGuard reads
 * (dujiaoka unicorn order pages, an acg-faka query page rendered by script, an epay cashier/QR page and its return
 * URL). Used by `npm start` and the e2e tests; never shipped in the extension.
 *
 * Order state lives in memory and can be changed by the tests through POST /__demo/orders/<SN>?status=<key> (&keys=0 clears its keys). For the
 * background checks (issue 13) the shop also has a buyer session (a cookie every page sets; an order can require it,
 * and POST /__demo/sessions/clear logs everyone out), failures on demand (POST /__demo/orders/<SN>?fail=500&times=2),
 * acg-faka orders the tests change (POST /__demo/acg/<tradeNo>?paid=now&delivery=1&secret=…), and a log of every request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { acgQueryPage, chinaTime, epayQrPage, indexPage, loginPage, notFoundPage, unicornOrderPage } from './pages.ts';
import { buyPage, orderSearchPage, ordinaryLoginPage, PRODUCTS } from './checkout-pages.ts';

export type DemoStatus = 'pending' | 'paid' | 'processing' | 'completed' | 'expired' | 'closed' | 'abnormal';

export interface DemoOrder {
  sn: string;
  product: string;
  quantity: number;
  price: string;
  email: string;
  payment: string;
  mode: 'auto' | 'manual';
  status: DemoStatus;
  keys: string[];
  /**
   * What the buyer typed for a manual (代充) product, as dujiaoka stores it in the order's key area until someone
   * delivers ("desc:value" lines, OrderService::validatorChargeInput).
   */
  input?: string[];
  /** Minutes before server start the order was created. */
  ageMinutes: number;
  /** The order page shows only to a logged-in buyer (the session cookie); others get the login page. */
  login?: boolean;
  /** The next `times` requests of the order page answer with this HTTP status. */
  fail?: { status: number; times: number };
  /** What the buyer typed into a 代充 product's extra field (shown in the key area of manual orders). */
  recipient?: string;
}

/** One request the shop received. */
export interface DemoRequest {
  at: number;
  method: string;
  /** Path and query. */
  url: string;
  /** Whether the request carried a live buyer session. */
  session: boolean;
  /** The request's Cookie header. */
  cookie?: string;
  /** Its Sec-Fetch-Site and Origin headers (what the browser says about who asked). */
  fetchSite?: string;
  origin?: string;
}

/** An acg-faka order as its query API returns it (app/Controller/User/Api/Index.php `query`; survey §2). */
export interface AcgDemoOrder {
  trade_no: string;
  amount: string;
  status: 0 | 1;
  delivery_status: 0 | 1;
  create_time: string;
  pay_time: string | null;
  pay: { name: string };
  commodity: { name: string };
  card_num: number;
  /** Only when paid and not behind a query password. */
  secret?: string;
  password: boolean;
}

/** The buyer's session cookie. SameSite=Strict: the strictest a shop can set, to prove what the checks send. */
export const SESSION_COOKIE = 'demo_sid';

export function initialOrders(): Map<string, DemoOrder> {
  const list: DemoOrder[] = [
    {
      sn: 'KG7Q2M9X4A1B3C5D',
      product: 'QQ超级会员 1个月',
      quantity: 1,
      price: '29.90',
      email: 'buyer@example.com',
      payment: '支付宝当面付',
      mode: 'auto',
      status: 'completed',
      keys: ['CDK-7F3A-99QX-K2LM', 'CDK-8B1C-44RT-P0ZN'],
      ageMinutes: 95,
    },
    {
      sn: 'KG3H8N2P6R0T4V7W',
      product: '腾讯视频VIP 月卡 代充',
      quantity: 1,
      price: '15.00',
      email: 'buyer@example.com',
      payment: '易支付-微信',
      mode: 'manual',
      status: 'processing',
      keys: [],
      ageMinutes: 42,
    },
    {
      // A 代充 order waiting for a person: its key box echoes the buyer's QQ number (issue 11).
      sn: 'KG8D4C2Q6R1T9M3P',
      product: '王者荣耀 点券 600 代充',
      quantity: 1,
      price: '58.00',
      email: '1846352971@qq.com',
      payment: '易支付-微信',
      mode: 'manual',
      status: 'processing',
      keys: [],
      input: ['QQ账号:1846352971', '区服:安卓QQ区'],
      ageMinutes: 20,
    },
    {
      sn: 'KG5P0C1B2D3E4F6G',
      product: '王者荣耀 点券 60',
      quantity: 1,
      price: '6.00',
      email: 'buyer@example.com',
      payment: '易支付-支付宝',
      mode: 'auto',
      status: 'pending',
      keys: [],
      ageMinutes: 3,
    },
  ];
  return new Map(list.map((o) => [o.sn, o]));
}

function initialAcgOrders(): Map<string, AcgDemoOrder> {
  const list: AcgDemoOrder[] = [
    {
      trade_no: '281261130104512907',
      amount: '9.90',
      status: 1,
      delivery_status: 0,
      create_time: '2026-11-30 10:45:12',
      pay_time: '2026-11-30 10:45:40',
      pay: { name: '支付宝' },
      commodity: { name: 'Steam 充值卡 50元' },
      card_num: 1,
      password: false,
      secret: '',
    },
    {
      trade_no: '735261130093015288',
      amount: '30.00',
      status: 1,
      delivery_status: 1,
      create_time: '2026-11-30 09:30:15',
      pay_time: '2026-11-30 09:30:41',
      pay: { name: '支付宝' },
      commodity: { name: '网易云音乐 黑胶VIP 月卡' },
      card_num: 1,
      password: true,
    },
  ];
  return new Map(list.map((o) => [o.trade_no, o]));
}

export interface DemoShop {
  server: Server;
  origin: string;
  orders: Map<string, DemoOrder>;
  acg: Map<string, AcgDemoOrder>;
  /** Every request received, oldest first. */
  requests: DemoRequest[];
  close(): Promise<void>;
}

/** The shop's in-memory state. */
interface State {
  orders: Map<string, DemoOrder>;
  acg: Map<string, AcgDemoOrder>;
  sessions: Set<string>;
  requests: DemoRequest[];
  startedAt: number;
}

export async function startDemoShop(port = 0, host = '127.0.0.1'): Promise<DemoShop> {
  const state: State = {
    orders: initialOrders(),
    acg: initialAcgOrders(),
    sessions: new Set(),
    requests: [],
    startedAt: Date.now(),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        route(req, res, Buffer.concat(chunks).toString('utf8'), state);
      } catch (err) {
        send(res, 500, 'text/plain', String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://${host}:${actual}`,
    orders: state.orders,
    acg: state.acg,
    requests: state.requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function route(req: IncomingMessage, res: ServerResponse, body: string, state: State): void {
  const url = new URL(req.url ?? '/', 'http://demo');
  const path = url.pathname;
  const { orders, startedAt } = state;
  const sid = cookieOf(req, SESSION_COOKIE);
  const session = sid !== undefined && state.sessions.has(sid);
  if (!path.startsWith('/__demo/'))
    state.requests.push({
      at: Date.now(),
      method: req.method ?? 'GET',
      url: `${path}${url.search}`,
      session,
      ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}),
      ...(req.headers['sec-fetch-site'] ? { fetchSite: String(req.headers['sec-fetch-site']) } : {}),
      ...(req.headers.origin ? { origin: req.headers.origin } : {}),
    });
  // Every page a buyer opens keeps (or starts) the buyer's session, as a shop's cart cookie would; a page that needs a
  // login does not start one (else a request without the cookie would be logged in by its own answer).
  const needsLogin = /^\/detail-order-sn\/([A-Za-z0-9]+)$/.exec(path)?.[1];
  if (!session && !path.startsWith('/__demo/') && !(needsLogin && orders.get(needsLogin)?.login)) {
    const id = randomBytes(12).toString('hex');
    state.sessions.add(id);
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict`);
  }

  if (req.method === 'POST' && path === '/__demo/sessions/clear') {
    state.sessions.clear();
    return send(res, 200, 'application/json', '{"ok":true}');
  }
  if (req.method === 'POST' && path.startsWith('/__demo/orders/')) {
    const order = orders.get(decodeURIComponent(path.slice('/__demo/orders/'.length)));
    if (!order) return send(res, 404, 'text/plain', 'no such order');
    const status = url.searchParams.get('status') as DemoStatus | null;
    if (url.searchParams.get('keys') === '0') order.keys = [];
    if (status) {
      order.status = status;
      if (status === 'completed' && order.keys.length === 0) order.keys = ['VIP-' + order.sn.slice(-6) + '-OK'];
    }
    if (url.searchParams.has('login')) order.login = url.searchParams.get('login') === '1';
    if (url.searchParams.has('fail'))
      order.fail = { status: Number(url.searchParams.get('fail')), times: Number(url.searchParams.get('times') ?? 1) };
    return send(res, 200, 'application/json', JSON.stringify(order));
  }
  if (req.method === 'POST' && path.startsWith('/__demo/acg/')) {
    const order = state.acg.get(decodeURIComponent(path.slice('/__demo/acg/'.length)));
    if (!order) return send(res, 404, 'text/plain', 'no such order');
    if (url.searchParams.has('delivery')) order.delivery_status = url.searchParams.get('delivery') === '1' ? 1 : 0;
    if (url.searchParams.has('secret')) order.secret = url.searchParams.get('secret') ?? '';
    // Ordered and paid just now (the tests' time scale makes the stored 2026-11-30 times weeks old).
    if (url.searchParams.get('paid') === 'now') {
      order.create_time = chinaTime(Date.now() - 30_000);
      order.pay_time = chinaTime(Date.now());
    }
    return send(res, 200, 'application/json', JSON.stringify(order));
  }
  if (path === '/') return send(res, 200, 'text/html', indexPage([...orders.values()]));
  const detail = /^\/detail-order-sn\/([A-Za-z0-9]+)$/.exec(path);
  if (detail) {
    const order = orders.get(detail[1]!);
    if (!order) return send(res, 404, 'text/html', notFoundPage());
    if (order.fail && order.fail.times > 0) {
      order.fail.times--;
      return send(
        res,
        order.fail.status,
        'text/html',
        '<!DOCTYPE html><title>Server Error</title><h1>500 Server Error</h1>',
      );
    }
    if (order.login && !session) return send(res, 200, 'text/html', loginPage());
    return send(res, 200, 'text/html', unicornOrderPage(order, startedAt));
  }
  // An epay-style return URL: the shop answers with a redirect to the order page (as dujiaoka's yipay return does).
  if (path === '/pay/yipay/return_url') {
    res.writeHead(302, {
      location: `/detail-order-sn/${encodeURIComponent(url.searchParams.get('out_trade_no') ?? '')}`,
    });
    return void res.end();
  }
  if (path === '/epay/qrcode') {
    const order = orders.get(url.searchParams.get('sn') ?? '') ?? [...orders.values()][1]!;
    return send(res, 200, 'text/html', epayQrPage(order, startedAt));
  }
  if (req.method === 'POST' && path === '/create-order') return createOrder(res, body, state);
  const buy = /^\/buy\/(\d+)$/.exec(path);
  if (buy) {
    const product = PRODUCTS.find((p) => p.id === Number(buy[1]));
    return product ? send(res, 200, 'text/html', buyPage(product)) : send(res, 404, 'text/html', notFoundPage());
  }
  if (path === '/order-search') return send(res, 200, 'text/html', orderSearchPage());
  if (path === '/passport/login') return send(res, 200, 'text/html', ordinaryLoginPage());
  if (path === '/user/index/query') return send(res, 200, 'text/html', acgQueryPage());
  if (path === '/user/api/index/query' && req.method === 'POST') {
    // As the real API: form fields in the body (the query string is read too, as PHP's request does).
    const form = new URLSearchParams(body);
    const keywords = form.get('keywords') ?? url.searchParams.get('keywords') ?? '';
    return send(res, 200, 'application/json', JSON.stringify(acgQueryAnswer(state.acg, keywords)));
  }
  if (path === '/user/api/index/secret' && req.method === 'POST') {
    return send(res, 200, 'application/json', JSON.stringify({ code: 200, data: { secret: 'NEVIP-4F7K-Q9X2-ZZ81' } }));
  }
  return send(res, 404, 'text/html', notFoundPage());
}

/**
 * acg-faka's query answer, `{ code: 200, data: { list, total } }`. The demo buyer used one contact for both orders, so
 * every query shows both (a contact search in the real shop); the secret only for a paid order without a password.
 */
function acgQueryAnswer(acg: Map<string, AcgDemoOrder>, keywords: string): unknown {
  if (keywords === '-') return { code: 0, msg: '无数据' };
  const list = [...acg.values()].map((o) => {
    const item: Record<string, unknown> = { ...o };
    if (o.status !== 1 || o.password) delete item.secret;
    return item;
  });
  return { code: 200, data: { list, total: list.length } };
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/**
 * dujiaoka's POST /create-order: the buy form's own submit. Stores an unpaid order from the posted fields and
 * redirects to its order page, as dujiaoka redirects to the bill page.
 */
function createOrder(res: ServerResponse, body: string, state: State): void {
  const form = new URLSearchParams(body);
  const product = PRODUCTS.find((p) => p.id === Number(form.get('gid')));
  if (!product) return send(res, 400, 'text/plain', 'no such product');
  const sn = `KGNEW${String(state.orders.size + 1).padStart(11, '0')}`;
  state.orders.set(sn, {
    sn,
    product: product.name,
    quantity: Number(form.get('by_amount') ?? 1) || 1,
    price: product.price,
    email: form.get('email') ?? '',
    payment: '支付宝当面付',
    mode: product.mode,
    status: 'pending',
    keys: [],
    ageMinutes: (state.startedAt - Date.now()) / 60_000,
    ...(product.inputs[0] ? { recipient: form.get(product.inputs[0].field) ?? '' } : {}),
  });
  res.writeHead(302, { location: `/detail-order-sn/${sn}` });
  res.end();
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}
