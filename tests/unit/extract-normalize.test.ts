import { describe, expect, it } from 'vitest';
import {
  capContact,
  cleanText,
  parseAmount,
  parseDeliveryMode,
  parsePromisedWindowMinutes,
  parseStatus,
  splitCardKeys,
  splitProductName,
} from '@/lib/extract/normalize';
import { readShopTime } from '@/lib/time';
import type { OrderStatus } from '@/lib/extract/types';

describe('cleanText', () => {
  it('strips zero-width, bidi and control characters and collapses whitespace', () => {
    expect(cleanText('  订\u200b单\u200d号\uFEFF：\tA1\u0007 \n\u3000B2\u202e  ')).toBe('订单号： A1 B2');
  });
  it('caps the length and never splits a surrogate pair', () => {
    expect(cleanText('x'.repeat(100_000), 50)).toHaveLength(50);
    expect(cleanText('ab😀', 3)).toBe('ab');
  });
  it('returns an empty string for null-ish input', () => {
    expect(cleanText(undefined)).toBe('');
    expect(cleanText(null)).toBe('');
  });
});

describe('parseStatus', () => {
  // Every status word of the survey's "Status strings, all systems" list, with its meaning.
  const table: Record<string, OrderStatus> = {
    待支付: 'pending_payment',
    待付款: 'pending_payment',
    未支付: 'pending_payment',
    未付款: 'pending_payment',
    部分付款: 'pending_payment',
    已支付: 'paid',
    已付款: 'paid',
    完成付款: 'paid',
    付款成功: 'paid',
    支付成功: 'paid',
    待处理: 'processing',
    处理中: 'processing',
    正在处理: 'processing',
    已处理: 'processing',
    等待发货: 'processing',
    已发货: 'delivered',
    已完成: 'delivered',
    订单完成: 'delivered',
    开通中: 'processing',
    失败: 'abnormal',
    已失败: 'abnormal',
    处理失败: 'abnormal',
    异常: 'abnormal',
    状态异常: 'abnormal',
    异常中: 'abnormal',
    已过期: 'closed',
    已取消: 'closed',
    已关闭: 'closed',
    订单已关闭: 'closed',
    订单超时已关闭: 'closed',
    已退款: 'refunded',
    订单已退款: 'refunded',
    已退单: 'refunded',
    退单中: 'abnormal',
    已冻结: 'frozen',
    已折抵: 'refunded',
    未知状态: 'unknown',
    等待中: 'processing',
    进行中: 'processing',
    补单中: 'processing',
    续费中: 'processing',
    改密中: 'processing',
    已更新: 'processing',
    未开始: 'processing',
    登录失败: 'abnormal',
    已撤回: 'closed',
    已使用: 'delivered',
    未使用: 'delivered',
    通知成功: 'paid',
    通知失败: 'abnormal',
  };
  it.each(Object.entries(table))('%s → %s', (word, status) => {
    expect(parseStatus(word)).toBe(status);
  });

  it('maps the stock and error phrases', () => {
    expect(parseStatus('库存不足')).toBe('out_of_stock');
    expect(parseStatus('库存可使用卡密不足，请联系管理员核查')).toBe('out_of_stock');
    expect(parseStatus('该商品库存卡密不足，请联系站长加卡！')).toBe('out_of_stock');
    expect(parseStatus('该商品库存不足，请联系站长增加库存！')).toBe('out_of_stock');
    expect(parseStatus('很抱歉，有人在你付款之前抢走了商品，请联系客服。')).toBe('out_of_stock');
    expect(parseStatus('正在发货中，请耐心等待，如有疑问，请联系客服。')).toBe('processing');
    expect(parseStatus('订单已过期，请重新下单')).toBe('closed');
    expect(parseStatus('支付失败或支付超时，请返回重新发起支付')).toBe('closed');
    expect(parseStatus('商品未发货或暂无卡密信息')).toBe('processing');
    expect(parseStatus('该订单已人工处理')).toBe('delivered');
  });

  it('resolves composite fakanet / acg-faka texts to the later stage', () => {
    expect(parseStatus('未付款/马上付款')).toBe('pending_payment');
    expect(parseStatus('部分付款/继续支付')).toBe('pending_payment');
    expect(parseStatus('完成付款/订单完成')).toBe('delivered');
    expect(parseStatus('完成付款/订单已退款')).toBe('refunded');
    expect(parseStatus('已付款 / 等待发货')).toBe('processing');
  });

  it('reads the English words of translated themes', () => {
    expect(parseStatus('Paid')).toBe('paid');
    expect(parseStatus('Unpaid')).toBe('pending_payment');
    expect(parseStatus('Paid / Shipped')).toBe('delivered');
    expect(parseStatus('Paid / Awaiting shipment')).toBe('processing');
    expect(parseStatus('Refunded')).toBe('refunded');
    expect(parseStatus('Expired')).toBe('closed');
  });

  it('returns unknown for text that is no status', () => {
    expect(parseStatus('')).toBe('unknown');
    expect(parseStatus('订单不存在')).toBe('unknown');
    expect(parseStatus('hello')).toBe('unknown');
  });
});

describe('parseAmount', () => {
  it('reads CNY markers', () => {
    expect(parseAmount('￥29.90')).toEqual({ amount: 29.9, currency: 'CNY' });
    expect(parseAmount('¥ 1,234.50')).toEqual({ amount: 1234.5, currency: 'CNY' });
    expect(parseAmount('10.00元')).toEqual({ amount: 10, currency: 'CNY' });
  });
  it('reads crypto and dollar units', () => {
    expect(parseAmount('3.5 USDT')).toEqual({ amount: 3.5, currency: 'USDT' });
    expect(parseAmount('USDT-TRC20 12')).toEqual({ amount: 12, currency: 'USDT' });
    expect(parseAmount('0.01ETH')).toEqual({ amount: 0.01, currency: 'ETH' });
    expect(parseAmount('12 TRX')).toEqual({ amount: 12, currency: 'TRX' });
    expect(parseAmount('$5')).toEqual({ amount: 5, currency: 'USD' });
  });
  it('assumes no currency for a bare number', () => {
    expect(parseAmount('8.8')).toEqual({ amount: 8.8 });
    expect(parseAmount('288.00')).toEqual({ amount: 288 });
    expect(parseAmount('订单总价： 45.00')).toEqual({ amount: 45 });
  });
  it('rejects text without a number', () => {
    expect(parseAmount('免费')).toBeUndefined();
    expect(parseAmount(undefined)).toBeUndefined();
  });
});

describe('readShopTime', () => {
  it('reads zone-less shop times as +08:00', () => {
    expect(readShopTime('2024-05-01 12:30:45')).toBe('2024-05-01T12:30:45+08:00');
    expect(readShopTime('2024/5/1 12:30')).toBe('2024-05-01T12:30:00+08:00');
    expect(readShopTime('2024年5月1日 12:30')).toBe('2024-05-01T12:30:00+08:00');
    expect(readShopTime('2024年5月1日 9时5分')).toBe('2024-05-01T09:05:00+08:00');
    expect(readShopTime('下单于 2024.05.01')).toBe('2024-05-01T00:00:00+08:00');
  });
  it('keeps an explicit zone', () => {
    expect(readShopTime('2024-05-01T04:30:45Z')).toBe('2024-05-01T04:30:45Z');
    expect(readShopTime('2024-05-01 04:30:45 +0000')).toBe('2024-05-01T04:30:45+00:00');
  });
  it('rejects impossible dates and placeholders', () => {
    expect(readShopTime('2024-02-30 10:00')).toBeUndefined();
    expect(readShopTime('2024-05-01 25:00')).toBeUndefined();
    expect(readShopTime('-')).toBeUndefined();
  });
});

describe('splitProductName', () => {
  it('splits a trailing quantity', () => {
    expect(splitProductName('QQ超级会员月卡 x 2')).toEqual({ name: 'QQ超级会员月卡', quantity: 2 });
    expect(splitProductName('腾讯视频VIP × 3')).toEqual({ name: '腾讯视频VIP', quantity: 3 });
  });
  it('leaves names without the suffix alone', () => {
    expect(splitProductName('iPhone X2 保护壳')).toEqual({ name: 'iPhone X2 保护壳' });
    expect(splitProductName('Steam 100x')).toEqual({ name: 'Steam 100x' });
  });
});

describe('splitCardKeys', () => {
  it('splits one key per line and keeps 卡号/密码 lines whole', () => {
    expect(splitCardKeys('  AAAA-1111 \r\n\n卡号：8800123 密码：x9y8\n\tBBBB-2222\n')).toEqual([
      'AAAA-1111',
      '卡号：8800123 密码：x9y8',
      'BBBB-2222',
    ]);
  });
  it('bounds count and length', () => {
    expect(splitCardKeys(Array.from({ length: 2000 }, (_, i) => `K${i}`).join('\n')).length).toBeLessThanOrEqual(500);
    expect(splitCardKeys('k'.repeat(5000))[0]!.length).toBeLessThanOrEqual(1024);
  });
});

// readKeyArea and the status precedence: extract-precedence.test.ts.

describe('capContact and parseDeliveryMode', () => {
  it('caps contacts at 256 characters', () => {
    expect(capContact('a'.repeat(1000))).toHaveLength(256);
    expect(capContact(' buyer@example.com ')).toBe('buyer@example.com');
  });
  it('maps delivery modes', () => {
    expect(parseDeliveryMode('自动发货')).toBe('auto');
    expect(parseDeliveryMode('人工处理')).toBe('manual');
    expect(parseDeliveryMode('人工发货')).toBe('manual');
    expect(parseDeliveryMode('手工发货')).toBe('manual');
    expect(parseDeliveryMode('虚拟商品')).toBeUndefined();
  });
});

describe('parsePromisedWindowMinutes', () => {
  it('reads the upper bound of a promised window', () => {
    expect(parsePromisedWindowMinutes('本商品24小时内发货')).toBe(24 * 60);
    expect(parsePromisedWindowMinutes('付款后5分钟内自动发货')).toBe(5);
    expect(parsePromisedWindowMinutes('人工处理 1-12小时')).toBe(12 * 60);
    expect(parsePromisedWindowMinutes('预计1~3个工作日到账')).toBe(3 * 24 * 60);
    expect(parsePromisedWindowMinutes('半小时内发货')).toBe(30);
    expect(parsePromisedWindowMinutes('二十四小时内处理')).toBe(24 * 60);
  });
  it('finds a statement deep in a long page', () => {
    expect(parsePromisedWindowMinutes(`${'商品介绍。'.repeat(20_000)}人工充值商品 48小时内到账`)).toBe(48 * 60);
  });
  it('takes the largest of several statements', () => {
    expect(parsePromisedWindowMinutes('自动商品5分钟内发货，代充商品48小时内到账')).toBe(48 * 60);
  });
  it('ignores payment limits and text without a window', () => {
    expect(parsePromisedWindowMinutes('请注意！！5分钟内未完成支付订单将作废')).toBeUndefined();
    expect(parsePromisedWindowMinutes('请在5分钟内完成付款')).toBeUndefined();
    expect(parsePromisedWindowMinutes('请在10分钟内完成订单')).toBeUndefined();
    expect(parsePromisedWindowMinutes('处理时间：2024-05-01 12:30')).toBeUndefined();
    expect(parsePromisedWindowMinutes('欢迎光临')).toBeUndefined();
  });
});
