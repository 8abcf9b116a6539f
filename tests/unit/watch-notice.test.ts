/** Change detection and the words of the notice a background check shows; opening the order from it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { EventRecord } from '@/lib/db/types';
import { formatMessage, type ChromeMessage } from '@/lib/reminders/messages';
import { onNotificationButton, onNotificationClicked } from '@/lib/reminders/notification-actions';
import { changeNotice, detectChange, watchNotificationId, type Translate } from '@/lib/watch/notify';
import { freshDb } from './fresh-db';

const ev = (kind: EventRecord['kind'], over: Partial<EventRecord> = {}): EventRecord => ({
  orderId: 1,
  kind,
  at: 0,
  ...over,
});
const changed = (status: EventRecord['status'], previousStatus: EventRecord['status'] = 'processing') =>
  ev('status_changed', { status, previousStatus });

describe('what changed', () => {
  it('nothing, or only a page read as unknown: no notice', () => {
    expect(detectChange([])).toBeUndefined();
    expect(detectChange([changed('unknown')])).toBeUndefined();
  });

  it('keys arriving, with how many', () => {
    expect(detectChange([changed('delivered'), ev('card_keys_found', { detail: '2' })])).toEqual({
      kind: 'keys',
      keys: 2,
      status: 'delivered',
      previousStatus: 'processing',
    });
    // Keys under a status that still says processing (a partial delivery) are news too.
    expect(detectChange([ev('card_keys_found', { detail: '1' })])?.kind).toBe('keys');
  });

  it('delivered without keys on the page, and every other status', () => {
    expect(detectChange([changed('delivered')])?.kind).toBe('delivered');
    for (const s of ['abnormal', 'out_of_stock', 'frozen', 'refunded', 'paid'] as const)
      expect(detectChange([changed(s)])).toEqual({ kind: 'status', status: s, previousStatus: 'processing' });
  });

  it('a paid order shown unpaid or closed comes first: the money is at stake', () => {
    expect(detectChange([changed('pending_payment', 'paid')])?.kind).toBe('unpaid');
    expect(detectChange([changed('closed', 'paid'), ev('card_keys_found', { detail: '1' })])?.kind).toBe('unpaid');
    expect(detectChange([ev('payment_callback_suspected', { status: 'pending_payment' })])?.kind).toBe('unpaid');
  });
});

const load = (locale: string) =>
  JSON.parse(readFileSync(join(__dirname, `../../public/_locales/${locale}/messages.json`), 'utf8')) as Record<
    string,
    ChromeMessage
  >;
const msgIn =
  (messages: Record<string, ChromeMessage>): Translate =>
  (key, subs) =>
    formatMessage(messages[key]!, subs ?? []);
describe('the words', () => {
  const order = { productName: 'QQ超级会员年卡', orderNo: 'KG7Q2M9X4A1B3C5D', site: 'shop.example.com' };

  it('say what changed, in zh_CN', () => {
    const zh = msgIn(load('zh_CN'));
    expect(changeNotice(zh, { ...order, status: 'delivered' }, { kind: 'keys', keys: 2 })).toEqual({
      title: '卡密已到：QQ超级会员年卡',
      message: '订单 KG7Q2M9X4A1B3C5D（shop.example.com）的页面显示了 2 个新卡密，已存为证据。点开订单查看。',
    });
    expect(
      changeNotice(
        zh,
        { ...order, status: 'abnormal' },
        { kind: 'status', status: 'abnormal', previousStatus: 'processing' },
      ).title,
    ).toBe('订单变为 异常：QQ超级会员年卡');
    expect(
      changeNotice(zh, { ...order, status: 'pending_payment' }, { kind: 'unpaid', status: 'pending_payment' }).title,
    ).toBe('已付款的订单显示 待支付：可能是支付回调失败');
  });

  it('and in English; a long product name is cut', () => {
    const en = msgIn(load('en'));
    const long = { ...order, productName: 'x'.repeat(100), status: 'delivered' as const };
    const { title } = changeNotice(en, long, { kind: 'keys', keys: 1 });
    expect(title.startsWith('Card keys arrived: xxx')).toBe(true);
    expect(title.length).toBeLessThan(70);
  });
});

describe('clicking the notice', () => {
  it('opens the order, from the body or its one button', async () => {
    const id = watchNotificationId(42);
    expect(await onNotificationClicked(fakeBrowser, id)).toEqual({ openOrderId: 42 });
    expect(await onNotificationButton(freshDb(), fakeBrowser, id, 0, 0)).toEqual({ openOrderId: 42 });
    expect(await onNotificationClicked(fakeBrowser, 'watch:x')).toEqual({});
  });
});
