import { describe, expect, it } from 'vitest';
import { findOrderForPage } from '@/lib/background/order-for-page';
import { upsertSighting } from '@/lib/db';
import { freshDb } from './fresh-db';

const sight = (orderNo: string, url: string, at: number) => ({
  order: { platform: 'dujiaoka', orderNo, status: 'processing' as const },
  site: new URL(url).host,
  url,
  at,
});

describe('findOrderForPage (shortcut and context-menu captures)', () => {
  it('prefers the order shown at this URL, else the shop’s most recently seen order, else none', async () => {
    const db = freshDb();
    await upsertSighting(db, sight('A', 'https://shop.example.com/detail-order-sn/A', 1_000));
    await upsertSighting(db, sight('B', 'https://shop.example.com/detail-order-sn/B', 2_000));
    expect((await findOrderForPage(db, 'https://shop.example.com/detail-order-sn/A#top'))?.orderNo).toBe('A');
    expect((await findOrderForPage(db, 'https://shop.example.com/order-search'))?.orderNo).toBe('B');
    expect(await findOrderForPage(db, 'https://other.example.net/detail-order-sn/A')).toBeUndefined();
    expect(await findOrderForPage(db, 'not a url')).toBeUndefined();
  });
});
