/** Payment stop pages: recognised cheaply, never orders, their trade number read from the page or the URL. */
import { describe, expect, it } from 'vitest';
import { extractOrders } from '@/lib/extract';
import { readPaymentStop } from '@/lib/extract/payment-stop';
import { parseHtml } from './extract-fixture-files';

const page = (body: string, title = ''): Document =>
  parseHtml(`<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`);
const OK = '<h2 class="weui_msg_title">支付成功</h2><p class="weui_msg_desc">支付成功，请回到浏览器查看订单</p>';
const FAIL = '<h2>错误提示</h2><p>支付失败或支付超时，请返回重新发起支付</p>';

describe('readPaymentStop', () => {
  it('reads the outcome and the trade number from the path, the query or the page', () => {
    expect(readPaymentStop(page(OK, '支付结果'), 'https://p.example/pay/ok/2024060112000012345/')).toEqual({
      outcome: 'success',
      tradeNo: '2024060112000012345',
    });
    expect(readPaymentStop(page(OK, '支付结果'), 'https://p.example/pay/ok/?trade_no=2024060112000099999')).toEqual({
      outcome: 'success',
      tradeNo: '2024060112000099999',
    });
    expect(
      readPaymentStop(page(FAIL, '错误提示'), 'https://p.example/submit2.php?trade_no=2024060112000012345'),
    ).toEqual({ outcome: 'failure', tradeNo: '2024060112000012345' });
    // A number printed on the page wins over the URL.
    const labelled = page(`${OK}<p>订单号：2024060112000077777</p>`, '支付结果');
    expect(readPaymentStop(labelled, 'https://p.example/?trade_no=2024060112000099999')?.tradeNo).toBe(
      '2024060112000077777',
    );
    // A heading says it where the title does not.
    expect(readPaymentStop(page(OK, '云付通'), 'https://p.example/payok.html')).toEqual({ outcome: 'success' });
  });

  it('is no stop page where the title and first heading say nothing of a payment result', () => {
    expect(
      readPaymentStop(page('<p>支付成功，请回到浏览器查看订单</p>', '易支付常见问题'), 'https://p.example/'),
    ).toBeUndefined();
    expect(
      readPaymentStop(
        page('<h1>订单处理结果</h1><span>正在检测付款结果...</span>', '订单处理结果'),
        'https://p.example/',
      ),
    ).toBeUndefined();
  });

  it('is no stop page where the page shows order facts or a long text: a shop page with a 支付成功 banner', () => {
    const shop = page(`${OK}<p>商品名称：QQ超级会员</p><p>订单状态：已完成</p><textarea>K-1</textarea>`, '支付成功');
    expect(readPaymentStop(shop, 'https://shop.example/pay/ok/2024060112000012345/')).toBeUndefined();
    const long = page(`${OK}<p>${'本站承诺正品保障，'.repeat(80)}</p>`, '支付成功');
    expect(readPaymentStop(long, 'https://shop.example/')).toBeUndefined();
  });
});

describe('extractOrders on stop pages', () => {
  it('returns [] for epay and for a gateway’s plain 支付成功 page that prints a number and an amount', () => {
    expect(extractOrders(page(OK, '支付结果'), 'https://p.example/pay/ok/2024060112000012345/')).toEqual([]);
    const plain = page(
      '<h1>支付成功</h1><p>订单号：YF20250401120000123456</p><p>支付金额：¥ 30.00</p><p>交易时间：2025-04-01 12:00:31</p>',
      '支付成功 - 云付通',
    );
    expect(extractOrders(plain, 'https://pay.yunfutong.example/result')).toEqual([]);
    // The same facts on a page that is no stop page are an order of the generic reader.
    const order = page(
      '<h1>订单信息</h1><p>订单号：YF20250401120000123456</p><p>支付金额：¥ 30.00</p><p>交易时间：2025-04-01 12:00:31</p>',
      '订单信息',
    );
    expect(extractOrders(order, 'https://shop.example/order')).toHaveLength(1);
  });
});
