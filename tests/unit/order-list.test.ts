/** Issue 12: the popup list's pure pieces — groups and sorting, filter and search, the bar, the step's one action. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '@/lib/db/types';
import { computeClock, DEFAULT_ESCALATION_SETTINGS, STEP_IDS, type ClockState } from '@/lib/escalation';
import {
  barFraction,
  barTone,
  buildList,
  coarseSpan,
  groupOf,
  matchesSearch,
  nextAction,
  partialKeysStatus,
  passesFilter,
  paymentChannel,
  sortForList,
  type ListItem,
} from '@/lib/order-list';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 6, 12);

function order(id: number, extra: Partial<OrderRecord> = {}): OrderRecord & { id: number } {
  return {
    id,
    platform: 'dujiaoka',
    orderNo: `NO${id}`,
    productName: `Product ${id}`,
    status: 'processing',
    site: `shop${id}.example`,
    url: `https://shop${id}.example/o/${id}`,
    urls: [],
    firstSeenAt: NOW - HOUR,
    lastSeenAt: NOW - HOUR,
    ...extra,
  };
}
const item = (o: OrderRecord & { id: number }): ListItem & { clock: ClockState } => {
  const clock = computeClock(o, [], DEFAULT_ESCALATION_SETTINGS, NOW);
  return { order: o, clock, urgency: clock };
};
const paidHoursAgo = (h: number): string => new Date(NOW - h * HOUR).toISOString();

const at = (h: number, extra: Partial<OrderRecord> = {}): ReturnType<typeof item> =>
  item(order(9, { paidAt: paidHoursAgo(h), ...extra }));

const overdueOld = item(order(1, { paidAt: paidHoursAgo(50) }));
const overdueNew = item(order(2, { paidAt: paidHoursAgo(30) }));
const running = item(order(3, { paidAt: paidHoursAgo(2) }));
const unpaid = item(order(4, { status: 'pending_payment' }));
const delivered = item(order(5, { status: 'delivered', paidAt: paidHoursAgo(5) }));
const closed = item(order(6, { status: 'closed' }));

describe('groups and sorting', () => {
  it('puts each order in its group', () => {
    expect([overdueOld, running, unpaid, delivered, closed].map(groupOf)).toEqual([
      'overdue',
      'running',
      'running',
      'done',
      'done',
    ]);
  });
  it('sorts overdue (longest past first), then running, then done', () => {
    const sorted = sortForList([delivered, running, closed, overdueNew, unpaid, overdueOld]);
    // Inside a group urgencyCompare decides: a never-paid order before a stopped one.
    expect(sorted.map((i) => i.order.id)).toEqual([1, 2, 3, 4, 6, 5]);
  });
  it('builds headings with counts before each non-empty group', () => {
    const { entries, counts, shown } = buildList([delivered, overdueOld, running], 'all', '');
    expect(counts).toEqual({ overdue: 1, running: 1, done: 1 });
    expect(shown).toBe(3);
    expect(entries.map((e) => (e.type === 'heading' ? `#${e.group}` : e.item.order.id))).toEqual([
      '#overdue',
      1,
      '#running',
      3,
      '#done',
      5,
    ]);
  });
});

describe('filter and search', () => {
  it('splits open from ended', () => {
    expect(passesFilter(overdueOld, 'open')).toBe(true);
    expect(passesFilter(delivered, 'open')).toBe(false);
    expect(passesFilter(delivered, 'ended')).toBe(true);
    expect(passesFilter(running, 'ended')).toBe(false);
    expect(passesFilter(running, 'all')).toBe(true);
  });
  it('matches order number, product or shop, every term, ignoring case', () => {
    expect(matchesSearch(running, 'no3')).toBe(true);
    expect(matchesSearch(running, 'PRODUCT 3')).toBe(true);
    expect(matchesSearch(running, 'shop3.example')).toBe(true);
    expect(matchesSearch(running, 'product shop4')).toBe(false);
    expect(matchesSearch(running, '   ')).toBe(true);
  });
  it('keeps group counts before the search, and drops empty groups', () => {
    const { entries, counts, shown } = buildList([overdueOld, running, delivered], 'all', 'NO3');
    expect(counts.overdue).toBe(1);
    expect(shown).toBe(1);
    expect(entries.filter((e) => e.type === 'heading').map((e) => e.group)).toEqual(['running']);
  });
});

describe('the bar', () => {
  it('fills with the waited share of the window, full past it, empty without a clock', () => {
    expect(barFraction(running.clock)).toBeCloseTo(2 / 24);
    expect(barFraction(overdueOld.clock)).toBe(1);
    expect(barFraction(unpaid.clock)).toBe(0);
    expect(barFraction({ started: true, elapsedMs: 5, windowMs: 0 })).toBe(1);
  });
  it('has a tone that follows the clock', () => {
    expect(barTone(overdueOld.clock)).toBe('bad');
    expect(barTone(running.clock)).toBe('ok');
    expect(barTone(delivered.clock)).toBe('idle');
  });
  it('says durations coarsely', () => {
    expect(coarseSpan(5 * HOUR + 20 * 60_000, 'zh_CN')).toBe('5 小时');
    expect(coarseSpan(24 * HOUR, 'zh_CN')).toBe('24 小时');
    expect(coarseSpan(3 * 24 * HOUR, 'en')).toBe('3 days');
    expect(coarseSpan(10_000, 'en')).toBe('1 min');
  });
});

describe('the step due now as one action', () => {
  it('maps each step to its action', () => {
    expect(nextAction(at(0.05).order, at(0.05).clock)).toMatchObject({ kind: 'import_receipt', step: 'evidence' });
    expect(nextAction(at(0.3).order, at(0.3).clock)).toMatchObject({ kind: 'open_page', step: 'confirm_status' });
    expect(nextAction(at(2).order, at(2).clock)).toMatchObject({ kind: 'copy_draft', channel: 'chat' });
    const late = at(30, { paymentMethod: '微信支付' });
    expect(nextAction(late.order, late.clock)).toMatchObject({ kind: 'copy_draft', channel: 'wechat' });
    expect(nextAction(at(80).order, at(80).clock)).toMatchObject({ kind: 'copy_draft', channel: 'c12315' });
  });
  it('offers nothing without a clock or once it stopped; review only until the order is resolved', () => {
    expect(nextAction(unpaid.order, unpaid.clock)).toBeUndefined();
    expect(nextAction(delivered.order, delivered.clock)).toBeUndefined();
    expect(nextAction({}, { started: true, currentStep: 'review' })).toMatchObject({ kind: 'open_order' });
    expect(nextAction({ resolvedAt: NOW }, { started: true, currentStep: 'review' })).toBeUndefined();
  });
  it('picks the payment channel from the payment method', () => {
    expect(paymentChannel('支付宝')).toBe('alipay');
    expect(paymentChannel('WeChat Pay')).toBe('wechat');
    expect(paymentChannel(undefined)).toBe('alipay');
  });
  it('has a label in both locales for every action it can return', () => {
    const zh = JSON.parse(readFileSync(join(__dirname, '../../public/_locales/zh_CN/messages.json'), 'utf8'));
    const labels = new Set<string>();
    for (const step of STEP_IDS) {
      for (const pm of ['支付宝', '微信支付']) {
        const a = nextAction({ paymentMethod: pm }, { started: true, currentStep: step });
        if (a) labels.add(a.label);
      }
    }
    for (const k of ['list_group_overdue', 'list_group_running', 'list_group_done', 'list_filter_open']) labels.add(k);
    expect([...labels].filter((k) => !(k in zh))).toEqual([]);
  });
});

describe('keys shown under a not-done status', () => {
  it('names the status exactly when the shop shows keys but does not say the order is done', () => {
    const keys = ['K-1'];
    for (const status of [
      'processing',
      'abnormal',
      'out_of_stock',
      'frozen',
      'pending_payment',
      'paid',
      'unknown',
    ] as const)
      expect(partialKeysStatus({ status, cardKeys: keys }), status).toBe(status);
    for (const status of ['delivered', 'refunded', 'closed'] as const)
      expect(partialKeysStatus({ status, cardKeys: keys }), status).toBeUndefined();
    expect(partialKeysStatus({ status: 'processing', cardKeys: [] })).toBeUndefined();
    expect(partialKeysStatus({ status: 'processing' })).toBeUndefined();
  });
});
