/**
 * Pages that attack KamiGuard, for tests/e2e/hostile.test.ts. One local server answers on two origins
 * (`http://127.0.0.1:<port>` and `http://localhost:<port>`: two sites to the browser), so a page can frame a page of
 * another site. Every order page is a dujiaoka (独角数卡) unicorn order page, the format the demo shop serves, with the
 * attack added.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileSite {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The same server as another site: http://localhost:<port> */
  otherOrigin: string;
  close(): Promise<void>;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Text that looks like markup and script, for every field a page shows. */
export const MARKUP = {
  product: `<img src=x onerror="alert('product')"><script>alert('product-script')</script>`,
  contact: `"><svg onload=alert('contact')>@example.com`,
  payment: `<iframe src="javascript:alert('payment')"></iframe>支付宝`,
  status: `已完成<b onmouseover=alert('status')>`,
  key: `<img src=x onerror=alert('key')>KEY-<script>alert(1)</script>`,
  title: `订单详情 <script>alert('title')</script>`,
};

interface UnicornFields {
  sn: string;
  title?: string;
  product?: string;
  contact?: string;
  payment?: string;
  status?: string;
  keys?: string;
  /** Raw HTML before and after the order card (ads, scripts). */
  before?: string;
  after?: string;
  /** Raw HTML at the end of the body. */
  script?: string;
}

/** A unicorn order page; field values are text (escaped here), `before`/`after`/`script` are raw HTML. */
function unicornPage(f: UnicornFields): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(f.title ?? '订单详情 - 发卡小店')}</title>
<style>body{font-family:system-ui,'WenQuanYi Micro Hei',sans-serif;margin:0;background:#f5f6fa}.card{background:#fff;margin:12px;padding:12px}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;color:#fff;background:#39f}.ad{font-size:11px;color:#999}</style>
</head><body>
${f.before ?? ''}
<div id="order" class="container">
<div class="card"><div class="card-body">
  <h5 class="card-title">订单信息 <small class="text-muted">订单号：${esc(f.sn)}</small></h5>
  <div class="mb-1"><label>订单名称：</label><span>${esc(f.product ?? '爱奇艺黄金会员月卡')} x 1</span></div>
  <div class="mb-1"><label>订单创建时间：</label><span>2026-05-01 12:30:45</span></div>
  <div class="mb-1"><label>下单邮箱：</label><span>${esc(f.contact ?? 'buyer@example.com')}</span></div>
  <div class="mb-1"><label>实际支付价格：</label><span>19.90</span></div>
  <div class="mb-1"><label>订单状态：</label><span id="status" class="badge">${esc(f.status ?? '待处理')}</span></div>
  <div class="mb-1"><label>支付方式：</label><span>${esc(f.payment ?? '支付宝')}</span></div>
</div></div>
<div class="card"><div class="card-body">
  <h6 class="card-title">订单详情</h6>
  <textarea id="keys" class="form-control" rows="3" readonly>${esc(f.keys ?? '')}</textarea>
</div></div>
</div>
${f.after ?? ''}
${f.script ?? ''}
</body></html>`;
}

/**
 * Rewrites itself every 50 ms for `ms`: a new line in a log, a changed counter, the status badge flipping between
 * 处理中 and 已完成, and the URL's hash (each hash change restarts the extractor's watcher). Then it settles on
 * 已完成 with one card key.
 */
function flickerPage(sn: string, ms: number): string {
  return unicornPage({
    sn,
    status: '处理中',
    after: '<div class="card"><p>刷新次数：<span id="ticks">0</span></p><div id="log"></div></div>',
    script: `<script>
(function () {
  var end = Date.now() + ${ms}, n = 0;
  var status = document.getElementById('status'), ticks = document.getElementById('ticks'), log = document.getElementById('log');
  var timer = setInterval(function () {
    n++;
    if (Date.now() >= end) {
      clearInterval(timer);
      status.textContent = '已完成';
      document.getElementById('keys').value = 'FLK-KEY-0001';
      document.getElementById('keys').textContent = 'FLK-KEY-0001';
      document.title = '订单详情 - 发卡小店';
      window.__settledAt = Date.now();
      return;
    }
    status.textContent = n % 2 ? '已完成' : '处理中';
    ticks.textContent = String(n);
    var line = document.createElement('p');
    line.textContent = '订单状态刷新 #' + n + '：' + status.textContent;
    log.appendChild(line);
    if (log.childNodes.length > 40) log.removeChild(log.firstChild);
    location.hash = 't' + n;
  }, 50);
})();
</script>`,
  });
}

/** Scripts a page runs to pass itself off as KamiGuard: its message formats, its probe, a fake extension API. */
function imitationScript(extensionId: string, tag: string): string {
  return `<script>
(function () {
  var ext = ${JSON.stringify(extensionId)}, tag = ${JSON.stringify(tag)};
  var fake = function (n) {
    return { orders: [{ platform: 'dujiaoka', orderNo: 'FAKE-' + tag + '-' + n, status: 'delivered', cardKeys: ['FAKE-KEY'] }],
      url: location.href, title: '订单详情', visibleText: '订单号 FAKE-' + tag + '-' + n };
  };
  var real = window.chrome && window.chrome.runtime;
  window.__imitation = { realRuntime: typeof (real && real.sendMessage), sent: 0, errors: [] };
  var shots = 0;
  var timer = setInterval(function () {
    var n = ++shots;
    // @webext-core/messaging's wire format, and the probe's message, posted to the window.
    window.postMessage({ id: n, type: 'ordersSeen', data: fake('POST' + n), timestamp: Date.now() }, '*');
    window.postMessage({ kamiguard: 'probe' }, '*');
    if (window.parent !== window) window.parent.postMessage({ id: n, type: 'ordersSeen', data: fake('PARENT' + n) }, '*');
    // Custom DOM events with the same data.
    document.dispatchEvent(new CustomEvent('ordersSeen', { detail: fake('EVENT' + n) }));
    window.dispatchEvent(new CustomEvent('kamiguard', { detail: { type: 'ordersSeen', data: fake('WEVENT' + n) } }));
    // The real extension API, if the page could reach it (it cannot: no externally_connectable).
    try {
      if (real && real.sendMessage) real.sendMessage(ext, { id: n, type: 'ordersSeen', data: fake('RUNTIME' + n) }, function () {});
    } catch (e) { window.__imitation.errors.push(String(e)); }
    // A fake chrome.runtime of the page's own, used as the extractor would use it.
    window.chrome = { runtime: { id: ext, lastError: undefined, sendMessage: function (m, cb) { window.__imitation.sent++; if (cb) cb({ res: { orderIds: [1] } }); } } };
    window.chrome.runtime.sendMessage({ id: n, type: 'ordersSeen', data: fake('FAKERT' + n), timestamp: Date.now() }, function () {});
    if (n >= 30) clearInterval(timer);
  }, 100);
})();
</script>`;
}

/** A page of another site that is not a shop page, framing `frame` (a shop order page). */
function portalPage(frame: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>游戏资源导航</title></head>
<body><h1>游戏资源导航</h1><p>热门推荐</p>
<iframe id="framed" src="${esc(frame)}" width="900" height="600"></iframe></body></html>`;
}

/**
 * The order 10,000 elements deep, and beside it a hidden branch 10,000 deep full of order-like text. Built by script:
 * the HTML parser flattens nesting past a few hundred levels. The chain holding the order is `display: contents`:
 * Chromium's own layout crashes the tab at about 3,000 nested boxes, extension or not, and a page that kills itself
 * tests nothing of ours.
 */
function deepPage(sn: string): string {
  return unicornPage({
    sn,
    status: '已完成',
    keys: 'DEEP-KEY-0001',
    script: `<script>
(function () {
  function chain(from, style) {
    for (var i = 0; i < 10000; i++) { var d = document.createElement('div'); d.style.display = style; from.appendChild(d); from = d; }
    return from;
  }
  var order = document.getElementById('order');
  chain(document.body, 'contents').appendChild(order);
  var hidden = document.createElement('div');
  hidden.hidden = true;
  document.body.appendChild(hidden);
  chain(hidden, 'block').textContent = '订单号：DEEPFAKE0001 订单状态：已完成 卡密：DEEP-FAKE-KEY';
  window.__depth = 10000;
})();
</script>`,
  });
}

/** The real order, and 5,000 ad blocks around it that each look like a delivered order. */
function adsPage(sn: string): string {
  const ads: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const no = `AD${String(100000 + i)}`;
    ads.push(
      `<div class="ad"><span>订单号：${no}</span> <span>订单状态：已完成</span> <span>卡密：FREE-VIP-${i}</span> <span>实际支付价格：0.01</span> <a href="https://ad.example/${i}">免费领取</a></div>`,
    );
  }
  return unicornPage({
    sn,
    status: '已完成',
    keys: 'ADS-REAL-KEY',
    before: `<aside class="ads">${ads.slice(0, 2500).join('\n')}</aside>`,
    after: `<aside class="ads">${ads.slice(2500).join('\n')}</aside>`,
  });
}

/** `unit` repeated to 1 MB. */
const mb = (unit: string): string => unit.repeat(Math.ceil((1 << 20) / unit.length));

/** 1 MB in the product name, the contact, a card key and a hidden block. */
function hugePage(sn: string): string {
  return unicornPage({
    sn,
    status: '已完成',
    product: mb('爱奇艺黄金会员'),
    contact: `${mb('a')}@example.com`,
    keys: mb('K'),
    after: `<div hidden>${esc(mb('订单号：HIDDEN0001 '))}</div>`,
  });
}

export async function startHostileSite(): Promise<HostileSite> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hostile');
    const sn = url.pathname.split('/').pop() ?? '';
    const ext = url.searchParams.get('ext') ?? '';
    let html: string | undefined;
    if (url.pathname.startsWith('/flicker/detail-order-sn/'))
      html = flickerPage(sn, Number(url.searchParams.get('ms') ?? 60_000));
    else if (url.pathname.startsWith('/markup/detail-order-sn/'))
      html = unicornPage({
        sn,
        title: MARKUP.title,
        product: MARKUP.product,
        contact: MARKUP.contact,
        payment: MARKUP.payment,
        status: MARKUP.status,
        keys: MARKUP.key,
        // Real scripts that mention orders: their text is never read as page text.
        after: `<script>var x = "订单号：SCRIPT0001 订单状态：已完成";</script><noscript>订单号：NOSCRIPT0001</noscript>`,
      });
    else if (url.pathname.startsWith('/huge/detail-order-sn/')) html = hugePage(sn);
    else if (url.pathname.startsWith('/deep/detail-order-sn/')) html = deepPage(sn);
    else if (url.pathname.startsWith('/ads/detail-order-sn/')) html = adsPage(sn);
    else if (url.pathname.startsWith('/imitate/detail-order-sn/'))
      html = unicornPage({
        sn,
        status: '待处理',
        after: `<iframe src="${esc(url.searchParams.get('frame') ?? '')}" width="600" height="200"></iframe>`,
        script: imitationScript(ext, 'PAGE'),
      });
    else if (url.pathname === '/imitate-frame')
      html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>广告</title></head><body><p>广告位</p>${imitationScript(ext, 'FRAME')}</body></html>`;
    else if (url.pathname === '/portal') html = portalPage(url.searchParams.get('frame') ?? '');
    else if (url.pathname.startsWith('/plain/detail-order-sn/'))
      html = unicornPage({ sn, status: '已完成', keys: 'FRAMED-KEY-0001' });
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    otherOrigin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
