import { describe, expect, it } from 'vitest';
import { getShop, mergeShopRecords, recordShopPage } from '@/lib/db';
import { parseIcp } from '@/lib/extract/icp';
import { OrdersSeenSchema, parseMessage } from '@/lib/messaging/schemas';
import { freshDb } from './fresh-db';

describe('parseIcp', () => {
  it.each([
    ['Copyright © 2024 某某发卡网 京ICP备12345678号-1 京公网安备11010502000001号', '京ICP备12345678号-1'],
    ['粤ICP备2021012345号', '粤ICP备2021012345号'],
    ['备案号：沪ICP证123456号', '沪ICP证123456号'],
    ['浙 ICP 备 19000001 号 - 2', '浙ICP备19000001号-2'],
    ['苏icp备2020000001号', '苏ICP备2020000001号'],
    ['闽ICP备字第12345678号', '闽ICP备12345678号'],
  ])('%s → %s', (text, icp) => {
    expect(parseIcp(text)).toBe(icp);
  });

  it.each([['京公网安备 11010502000001号'], ['ICP备案查询'], ['本站暂无ICP备案'], ['ICP备12345678号'], ['']])(
    'no ICP number in %j',
    (text) => {
      expect(parseIcp(text)).toBeUndefined();
    },
  );

  it('finds a footer at the end of a long page, and a number in its header when the footer has none', () => {
    const body = '正文内容。'.repeat(60_000);
    expect(parseIcp(`${body}\n© 2025 卡盟 鲁ICP备20001234号`)).toBe('鲁ICP备20001234号');
    expect(parseIcp(`川ICP备30001234号\n${body}`)).toBe('川ICP备30001234号');
  });

  it('the message schema accepts exactly what parseIcp writes', () => {
    const msg = { orders: [{ platform: 'generic', orderNo: 'A123456', status: 'paid' }], url: 'https://s.example/o' };
    expect(parseMessage(OrdersSeenSchema, { ...msg, icp: parseIcp('京ICP备12345678号-1') }).icp).toBe(
      '京ICP备12345678号-1',
    );
    expect(() => parseMessage(OrdersSeenSchema, { ...msg, icp: '<img src=x>' })).toThrow(/icp/);
  });
});

describe('shops', () => {
  const T0 = Date.parse('2025-03-01T00:00:00Z');

  it('keeps an ICP number once seen, while later pages without one only move the check time', async () => {
    const db = freshDb();
    await recordShopPage(db, 'shop.example', {}, T0);
    expect(await getShop(db, 'shop.example')).toEqual({ site: 'shop.example', firstSeenAt: T0, icpCheckedAt: T0 });
    await recordShopPage(db, 'shop.example', { icp: '京ICP备12345678号' }, T0 + 1000);
    await recordShopPage(db, 'shop.example', {}, T0 + 2000);
    expect(await getShop(db, 'shop.example')).toEqual({
      site: 'shop.example',
      firstSeenAt: T0,
      icpCheckedAt: T0 + 2000,
      icp: '京ICP备12345678号',
      icpSeenAt: T0 + 1000,
    });
    // A shop that changed its filing: the newer number wins.
    await recordShopPage(db, 'shop.example', { icp: '京ICP备87654321号' }, T0 + 3000);
    expect((await getShop(db, 'shop.example'))?.icp).toBe('京ICP备87654321号');
  });

  it('merges two records of one shop whichever comes first', () => {
    const a = { site: 's', firstSeenAt: 5, icpCheckedAt: 9, icp: '京ICP备11111111号', icpSeenAt: 9, extra: 1 };
    const b = { site: 's', firstSeenAt: 3, icpCheckedAt: 12 };
    const merged = { site: 's', firstSeenAt: 3, icpCheckedAt: 12, icp: '京ICP备11111111号', icpSeenAt: 9, extra: 1 };
    expect(mergeShopRecords(a, b)).toEqual(merged);
    expect(mergeShopRecords(b, a)).toEqual(merged);
  });
});
