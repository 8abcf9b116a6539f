/** HTML of the demo shop's pages, written after the markup of the real systems described in shared/research. */
import type { DemoOrder, DemoStatus } from './server.ts';

export const esc = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** "2026-11-30 10:00:00" in China time, as the shops print it. */
export function chinaTime(epochMs: number): string {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const UNICORN_STATUS: Record<DemoStatus, [string, string]> = {
  pending: ['bg-secondary', '待支付'],
  // (Not a dujiaoka label: the demo's "paid, nothing more yet" and "closed by the shop" for the background checks.)
  paid: ['bg-primary', '已支付'],
  processing: ['bg-info', '待处理'],
  completed: ['bg-success', '已完成'],
  expired: ['bg-dark', '已过期'],
  closed: ['bg-dark', '已关闭'],
  abnormal: ['bg-danger', '异常'],
};

export function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,'WenQuanYi Micro Hei',sans-serif;margin:0;background:#f5f6fa;color:#222}
.navbar{background:#3c4b64;color:#fff;padding:12px 24px;font-weight:600}
.navbar a{color:#fff;margin-left:16px;text-decoration:none;font-weight:400}
.container{max-width:860px;margin:24px auto;padding:0 16px}
.card{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;margin-bottom:16px}
.card-body{padding:16px 20px}
.mb-1{margin-bottom:6px}.text-muted{color:#888}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;color:#fff;font-size:12px}
.bg-success{background:#2eb85c}.bg-info{background:#39f}.bg-warning{background:#f9b115}.bg-danger{background:#e55353}
.bg-secondary{background:#9da5b1}.bg-dark{background:#4f5d73}.bg-primary{background:#321fdb}
textarea{width:100%;font-family:monospace}
footer{text-align:center;color:#999;padding:24px;font-size:12px}
</style>
</head>
<body>
<nav class="navbar">演示发卡小店<a href="/">首页</a><a href="/order-search">查询订单</a></nav>
<div class="container">
${body}
</div>
<footer>Demo shop for KamiGuard e2e tests · Powered by 独角数卡 (demo) · 京ICP备12345678号-1（演示用，非真实备案）</footer>
<script src="/assets/js/jquery.min.js" defer></script>
</body>
</html>`;
}

export function unicornOrderPage(o: DemoOrder, startedAt: number): string {
  const [cls, label] = UNICORN_STATUS[o.status];
  const created = chinaTime(startedAt - o.ageMinutes * 60_000);
  const total = (Number(o.price) * o.quantity).toFixed(2);
  // A manual product's key area holds the buyer's input until someone delivers (dujiaoka's `info` field).
  const input = o.input ?? [`QQ账号:${o.recipient ?? o.email.split('@')[0]}`];
  const keyArea = o.keys.length > 0 ? o.keys.join('\n') : o.mode === 'manual' ? input.join('\n') : '';
  return layout(
    '订单详情 - 演示发卡小店',
    `<div class="card"><div class="card-body">
  <h5 class="card-title">订单信息 <small class="text-muted">订单号：${esc(o.sn)}</small></h5>
  <div class="mb-1"><label>订单名称：</label><span>${esc(o.product)} x ${o.quantity}</span></div>
  <div class="mb-1"><label>购买数量：</label><span>${o.quantity}</span></div>
  <div class="mb-1"><label>订单创建时间：</label><span>${created}</span></div>
  <div class="mb-1"><label>下单邮箱：</label><span>${esc(o.email)}</span></div>
  <div class="mb-1"><label>订单类型：</label><span class="badge ${o.mode === 'auto' ? 'bg-success' : 'bg-warning'}">${o.mode === 'auto' ? '自动发货' : '人工处理'}</span></div>
  <div class="mb-1"><label>实际支付价格：</label><span>${total}</span></div>
  <div class="mb-1"><label>订单状态：</label><span class="badge ${cls}">${label}</span></div>
  <div class="mb-1"><label>支付方式：</label><span>${esc(o.payment)}</span></div>
</div></div>
<div class="card"><div class="card-body">
  <h6 class="card-title">订单详情</h6>
  <textarea class="form-control" rows="5" readonly>${esc(keyArea)}</textarea>
  <button id="copy-card" class="btn btn-primary" data-clipboard-text="${esc(keyArea)}">复制</button>
</div></div>`,
  );
}

export function epayQrPage(o: DemoOrder, startedAt: number): string {
  return `<!DOCTYPE html>
<html lang="zh-cn"><head><meta charset="utf-8"><title>微信扫码支付</title>
<style>body{font-family:system-ui,'WenQuanYi Micro Hei',sans-serif;background:#eee}.box{width:420px;margin:40px auto;background:#fff;padding:24px}.amount{font-size:28px;color:#f60}</style>
</head><body><div class="box">
<h1 class="mod-title"><span class="ico-wechat"></span>微信扫码支付</h1>
<div class="amount">¥${esc(o.price)}</div>
<div class="qrcode-img-wrapper"><div id="qrcode" class="qr-image"></div><p>请使用微信扫一扫完成支付</p></div>
<dl class="detail-ct">
  <dt>购买物品</dt><dd id="productName">${esc(o.product)}</dd>
  <dt>商户订单号</dt><dd id="billId">2026113010${String(o.ageMinutes).padStart(4, '0')}48213</dd>
  <dt>创建时间</dt><dd id="createTime">${chinaTime(startedAt - o.ageMinutes * 60_000)}</dd>
  <dt>商家</dt><dd>演示发卡小店</dd>
</dl>
</div></body></html>`;
}

/** acg-faka 3.x Cartoon query page: a shell whose orders arrive by AJAX and are rendered by script after load. */
export function acgQueryPage(): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>订单查询 - 演示商城</title></head>
<body>
<div class="query-box"><input name="keywords" placeholder="订单号/联系方式"><button id="search">查询订单</button></div>
<div class="loading-state">正在查询订单信息...</div>
<div class="order-list"></div>
<script>
(function () {
  var tradeNo = new URLSearchParams(location.search).get('tradeNo') || '';
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function row(cls, label, valueCls, value) { var d = el('div', cls, label); d.appendChild(el('span', valueCls, value)); return d; }
  // As the real query.js (util.post → jQuery): a form POST, the answer { code, data: { list, total } }.
  function post(url, data) {
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', 'x-requested-with': 'XMLHttpRequest' }, body: new URLSearchParams(data) }).then(function (r) { return r.json(); });
  }
  setTimeout(function () {
    post('/user/api/index/query', { keywords: tradeNo, page: 1, limit: 10 })
      .then(function (res) {
        document.querySelector('.loading-state').remove();
        var list = document.querySelector('.order-list');
        res.data.list.forEach(function (o) {
          var item = el('div', 'order-item');
          var st = el('div', 'order-status');
          st.appendChild(el('span', 'status-badge ' + (o.status ? 'status-paid' : 'status-pending'), o.status ? '已付款' : '待付款'));
          item.appendChild(st);
          var no = el('div', 'order-no', '#'); no.appendChild(el('span', 'order-no-text', o.trade_no)); item.appendChild(no);
          item.appendChild(row('order-time', '下单时间：', 'order-time-text', o.create_time));
          item.appendChild(row('payment-time', '付款时间：', 'payment-time-text', o.pay_time || '-'));
          item.appendChild(row('payment-dst', '支付方式：', 'payment-name', o.pay.name));
          var amount = el('div', 'order-amount'); amount.appendChild(el('span', 'amount-label', '订单金额'));
          var av = el('div', 'amount-value', '¥'); av.appendChild(el('span', 'amount-number', o.amount)); amount.appendChild(av); item.appendChild(amount);
          item.appendChild(el('h6', 'goods-name', o.commodity.name));
          item.appendChild(el('span', 'goods-sku a-badge', '数量: ' + o.card_num));
          if (o.status) {
            var card = el('div', 'card-section'); card.appendChild(el('div', 'card-title', '宝贝内容'));
            card.appendChild(el('span', 'shipment-badge ' + (o.delivery_status ? 'shipment-paid' : 'shipment-waiting'), o.delivery_status ? '已发货' : '等待发货'));
            if (o.password) {
              var box = el('div', 'password-box');
              var input = el('input'); input.placeholder = '请输入查询密码'; box.appendChild(input);
              var btn = el('button', 'view-card-btn', '查看卡密'); btn.setAttribute('data-no', o.trade_no); box.appendChild(btn);
              btn.addEventListener('click', function () {
                btn.textContent = '正在解密数据...';
                post('/user/api/index/secret', { tradeNo: o.trade_no, password: input.value })
                  .then(function (r) { box.remove(); card.appendChild(el('div', 'card-display', r.data.secret)); });
              });
              card.appendChild(box);
            } else if (o.secret) {
              card.appendChild(el('div', 'card-display', o.secret));
            }
            item.appendChild(card);
          }
          list.appendChild(item);
        });
      });
  }, 300);
})();
</script>
</body></html>`;
}

export function indexPage(orders: DemoOrder[]): string {
  const links = orders
    .map((o) => `<li><a href="/detail-order-sn/${esc(o.sn)}">${esc(o.product)} — 订单 ${esc(o.sn)}</a></li>`)
    .join('\n');
  return layout(
    '演示发卡小店',
    `<div class="card"><div class="card-body">
<h2>KamiGuard 演示商店 / demo shop</h2>
<p>这是一个本地演示商店，页面仿照独角数卡、异次元发卡和彩虹易支付的真实结构。打开下面的订单页，再点击浏览器工具栏里的卡密守护图标。</p>
<p>A local demo shop whose pages follow the markup of real card-key shop systems. Open an order page below, then click KamiGuard in the toolbar.</p>
<ul>
${links}
<li><a href="/user/index/query?tradeNo=281261130104512907">异次元发卡 订单查询 (rendered by script)</a></li>
<li><a href="/epay/qrcode">易支付 微信扫码支付页</a></li>
<li><a href="/buy/7">购买页：腾讯视频VIP会员 月卡 代充（填 QQ 号，付款前检查）</a></li>
<li><a href="/buy/3">购买页：QQ超级会员 1个月 卡密（自动发货）</a></li>
<li><a href="/pay/yipay/return_url?pid=1001&amp;trade_no=2026113018000112345&amp;out_trade_no=KG5P0C1B2D3E4F6G&amp;type=alipay&amp;name=product&amp;money=6.00&amp;trade_status=TRADE_SUCCESS&amp;sign=demo&amp;sign_type=MD5">易支付 付款成功后跳回商店（商店仍显示待支付）</a></li>
</ul>
</div></div>`,
  );
}

/** The page a shop answers instead of an order when the buyer is not logged in. */
export function loginPage(): string {
  return layout(
    '会员登录 - 演示发卡小店',
    `<div class="card"><div class="card-body">
<h5>会员登录</h5>
<form method="post" action="/login">
  <div class="mb-1"><label>账号：</label><input name="username" placeholder="邮箱 / 手机号"></div>
  <div class="mb-1"><label>密码：</label><input type="password" name="password" placeholder="请输入密码"></div>
  <button type="submit">登录</button>
</form>
<p class="text-muted">登录后才能查看订单详情。</p>
</div></div>`,
  );
}

export function notFoundPage(): string {
  return layout('错误', '<div class="card"><div class="card-body err-message"><h5>订单不存在</h5></div></div>');
}
