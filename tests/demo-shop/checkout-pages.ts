/**
 * Buy pages of the demo shop (issue 14), written after dujiaoka's unicorn buy template (resources/views/unicorn/
 * static_pages/buy.blade.php): a 代充 product whose extra buyer field (other_ipu "qq_account=QQ账号=true") is
 * rendered as a <label for> + input below the price, an automatic product, the order-search page, and an ordinary
 * site's login page reached from its checkout.
 */
import { esc, layout } from './pages.ts';

/** A product of the demo shop. */
export interface DemoProduct {
  id: number;
  name: string;
  price: string;
  stock: number;
  mode: 'auto' | 'manual';
  /** Extra buyer fields (dujiaoka other_ipu: field, label, placeholder). */
  inputs: { field: string; label: string; placeholder: string }[];
  description: string;
}

export const PRODUCTS: readonly DemoProduct[] = [
  {
    id: 7,
    name: '腾讯视频VIP会员 月卡 代充',
    price: '15.00',
    stock: 3,
    mode: 'manual',
    inputs: [{ field: 'qq_account', label: 'QQ账号', placeholder: '请填写要开通会员的QQ号' }],
    description: '本商品为人工代充：下单时填写要开通的 QQ 号，付款后 24小时内到账。请仔细核对 QQ 号。',
  },
  {
    id: 3,
    name: 'QQ超级会员 1个月 卡密',
    price: '29.90',
    stock: 120,
    mode: 'auto',
    inputs: [],
    description: '自动发货，付款后在订单页查看卡密，到 QQ 会员官网兑换。',
  },
];

export function buyPage(p: DemoProduct): string {
  const fields = p.inputs
    .map(
      (i) => `<div class="col">
      <label for="${esc(i.field)}" class="col-form-label">${esc(i.label)}:</label>
      <input type="text" class="form-control" id="${esc(i.field)}" name="${esc(i.field)}" required placeholder="${esc(i.placeholder)}">
    </div>`,
    )
    .join('\n');
  return layout(
    `${p.name} | 演示发卡小店`,
    `<style>
.buy{display:flex;gap:20px}.buy img{width:160px;height:160px;background:#e8ecf3;border-radius:8px}
.buy-form .row{display:flex;flex-wrap:wrap;gap:12px;margin:10px 0}.col{display:flex;flex-direction:column;min-width:220px}
.form-control{padding:6px 8px;border:1px solid #ccd;border-radius:6px;font-size:14px}
.col-form-label{font-size:13px;color:#555;margin-bottom:4px}
.btn{padding:8px 18px;border-radius:6px;border:1px solid #321fdb;background:#fff;color:#321fdb;font-size:14px;cursor:pointer}
</style>
<div class="card"><div class="card-body buy">
  <div><div class="card-img-top"></div><h6><small class="badge ${p.mode === 'auto' ? 'bg-success' : 'bg-warning'}">${p.mode === 'auto' ? '自动发货' : '人工处理'}</small></h6></div>
  <div style="flex:1">
    <h3 class="card-title">${esc(p.name)}</h3>
    <h6><small class="text-muted">库存：${p.stock}</small></h6>
    <div class="buy-form">
      <form action="/create-order" method="post">
        <input type="hidden" name="_token" value="demo-csrf-token">
        <div class="row">
          <div class="col" style="min-width:100%"><h6>价格：￥ ${esc(p.price)}</h6></div>
          <input type="hidden" name="gid" value="${p.id}">
          <div class="col">
            <label for="email" class="col-form-label">邮箱:</label>
            <input type="email" class="form-control" name="email" id="email" required placeholder="邮箱">
          </div>
          <div class="col" style="min-width:80px">
            <label for="shop-number" class="col-form-label">购买:</label>
            <input type="number" class="form-control" id="shop-number" name="by_amount" min="1" value="1">
          </div>
        </div>
        <div class="row">
          ${fields}
          <div class="col" style="min-width:100%">
            <label class="col-form-label">支付方式：</label>
            <label><input type="radio" name="payway" value="1" checked> 支付宝当面付</label>
          </div>
          <div class="col"><button type="submit" id="submit" class="btn">下单</button></div>
        </div>
      </form>
    </div>
  </div>
</div></div>
<div class="card"><div class="card-body"><h5>商品描述</h5><p>${esc(p.description)}</p></div></div>`,
  );
}

/** dujiaoka unicorn's order-search page (searchOrder.blade.php): by order number, or by e-mail and password. */
export function orderSearchPage(): string {
  return layout(
    '订单查询 | 演示发卡小店',
    `<div class="card"><div class="card-body">
  <h3 class="card-title">订单查询</h3>
  <h6><small class="text-muted">可以用订单号或下单邮箱查询最近的订单。</small></h6>
  <form action="/search-order-by-sn" method="post">
    <label for="orderSN">订单号:</label> <input type="text" id="orderSN" name="order_sn" required placeholder="订单号">
    <button type="submit">立即查询</button>
  </form>
  <form action="/search-order-by-email" method="post" style="margin-top:12px">
    <label for="email">下单邮箱:</label> <input type="email" id="email" name="email" required>
    <label for="searchPwd">查询密码:</label> <input type="password" id="searchPwd" name="search_pwd" required>
    <button type="submit">立即查询</button>
  </form>
</div></div>`,
  );
}

/** An ordinary site's login page, reached from its checkout: a 手机号 field and the cart total beside it. */
export function ordinaryLoginPage(): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>登录 - 优选生活馆</title>
<style>body{font-family:system-ui,'WenQuanYi Micro Hei',sans-serif;background:#fafafa}.box{width:360px;margin:60px auto;background:#fff;padding:24px;border-radius:8px}label{display:block;margin-top:12px}input{width:100%;padding:6px}</style>
</head><body><div class="box">
<p class="cart-tip">结算前请先登录。购物车共 2 件商品，合计 <b>¥128.00</b></p>
<form action="/passport/login" method="post">
  <label for="mobile">手机号</label><input id="mobile" name="mobile" type="text" placeholder="请输入手机号">
  <label for="password">密码</label><input id="password" name="password" type="password" placeholder="请输入密码">
  <button type="submit">登 录</button>
</form>
</div></body></html>`;
}
