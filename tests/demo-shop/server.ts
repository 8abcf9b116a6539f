/**
 * The demo shop: a small local web server with realistic sample pages of the shop systems KamiGuard reads
 * (dujiaoka unicorn order pages, an acg-faka query page rendered by script, an epay cashier/QR page and its return
 * URL). Used by `npm start` and the e2e tests; never shipped in the extension.
 *
 * Order state lives in memory and can be changed by the tests through POST /__demo/orders/<SN>?status=<key>.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { acgQueryPage, epayQrPage, indexPage, notFoundPage, unicornOrderPage } from './pages.ts';

export type DemoStatus = 'pending' | 'processing' | 'completed' | 'expired' | 'abnormal';

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
  /** Minutes before server start the order was created. */
  ageMinutes: number;
}

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

export interface DemoShop {
  server: Server;
  origin: string;
  orders: Map<string, DemoOrder>;
  close(): Promise<void>;
}

export async function startDemoShop(port = 0, host = '127.0.0.1'): Promise<DemoShop> {
  const orders = initialOrders();
  const startedAt = Date.now();
  const server = createServer((req, res) => {
    try {
      route(req, res, orders, startedAt);
    } catch (err) {
      send(res, 500, 'text/plain', String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://${host}:${actual}`,
    orders,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function route(req: IncomingMessage, res: ServerResponse, orders: Map<string, DemoOrder>, startedAt: number): void {
  const url = new URL(req.url ?? '/', 'http://demo');
  const path = url.pathname;

  if (req.method === 'POST' && path.startsWith('/__demo/orders/')) {
    const order = orders.get(decodeURIComponent(path.slice('/__demo/orders/'.length)));
    const status = url.searchParams.get('status') as DemoStatus | null;
    if (!order || !status) return send(res, 404, 'text/plain', 'no such order');
    order.status = status;
    if (status === 'completed' && order.keys.length === 0) order.keys = ['VIP-' + order.sn.slice(-6) + '-OK'];
    return send(res, 200, 'application/json', JSON.stringify(order));
  }
  if (path === '/') return send(res, 200, 'text/html', indexPage([...orders.values()]));
  const detail = /^\/detail-order-sn\/([A-Za-z0-9]+)$/.exec(path);
  if (detail) {
    const order = orders.get(detail[1]!);
    if (!order) return send(res, 404, 'text/html', notFoundPage());
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
  if (path === '/user/index/query') return send(res, 200, 'text/html', acgQueryPage());
  if (path === '/user/api/index/query' && req.method === 'POST') {
    return send(res, 200, 'application/json', JSON.stringify(acgQueryData(url.searchParams.get('keywords') ?? '')));
  }
  if (path === '/user/api/index/secret' && req.method === 'POST') {
    return send(res, 200, 'application/json', JSON.stringify({ code: 200, data: { secret: 'NEVIP-4F7K-Q9X2-ZZ81' } }));
  }
  return send(res, 404, 'text/html', notFoundPage());
}

/** acg-faka's query API: one order waiting for delivery and one whose keys sit behind a query password. */
function acgQueryData(keywords: string): unknown {
  return {
    code: 200,
    data: [
      {
        trade_no: keywords || '281261130104512907',
        amount: '9.90',
        status: 1,
        delivery_status: 0,
        create_time: '2026-11-30 10:45:12',
        pay_time: '2026-11-30 10:45:40',
        pay: '支付宝',
        commodity: 'Steam 充值卡 50元',
        num: 1,
        password: false,
      },
      {
        trade_no: '735261130093015288',
        amount: '30.00',
        status: 1,
        delivery_status: 1,
        create_time: '2026-11-30 09:30:15',
        pay_time: '2026-11-30 09:30:41',
        pay: '支付宝',
        commodity: '网易云音乐 黑胶VIP 月卡',
        num: 1,
        password: true,
      },
    ],
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}
