import { describe, expect, it } from 'vitest';
import type { EventRecord, OrderRecord } from '@/lib/db/types';
import { cloneDefaults, computeClock, computeUrgency, urgencyCompare } from '@/lib/escalation';
import { computeClocks } from '@/lib/reminders/clocks';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-11-01T10:00:00+08:00');

const iso = (ms: number): string => new Date(ms).toISOString();

type Case = { order: OrderRecord & { id: number }; events: EventRecord[] };

/** Orders of every kind of clock: paid by the page, by a status, by the buyer; delivered, refunded, resolved, late. */
function cases(): Case[] {
  const out: Case[] = [];
  const add = (over: Partial<OrderRecord>, events: Omit<EventRecord, 'orderId'>[] = []): void => {
    const id = out.length + 1;
    out.push({
      order: {
        id,
        platform: 'generic',
        orderNo: `U${id}`,
        status: 'processing',
        site: `s${id % 3}.example`,
        url: '',
        urls: [],
        firstSeenAt: T0,
        lastSeenAt: T0,
        ...over,
      },
      events: events.map((e) => ({ ...e, orderId: id })),
    });
  };
  add({ paidAt: iso(T0) });
  add({ paidAt: iso(T0 - 30 * HOUR), windowMinutes: 60 });
  add({ status: 'paid' }, [{ kind: 'first_seen', at: T0 + HOUR, status: 'paid' }]);
  add({ status: 'delivered', paidAt: iso(T0) }, [
    { kind: 'first_seen', at: T0 + MIN, status: 'processing' },
    { kind: 'status_changed', at: T0 + 26 * HOUR, status: 'delivered' },
  ]);
  add({ status: 'refunded' }, [
    { kind: 'first_seen', at: T0, status: 'paid' },
    { kind: 'status_changed', at: T0 + 5 * HOUR, status: 'refunded' },
  ]);
  add({ status: 'pending_payment' }, [{ kind: 'first_seen', at: T0, status: 'pending_payment' }]);
  add({ status: 'pending_payment', userPaidAt: T0 + 2 * HOUR }, [
    { kind: 'first_seen', at: T0, status: 'pending_payment' },
    { kind: 'user_paid', at: T0 + 2 * HOUR },
  ]);
  add({ paymentSeenAt: T0 + 3 * HOUR, status: 'pending_payment' });
  add({ paidAt: iso(T0), resolvedAt: T0 + 40 * HOUR, outcome: 'lost' });
  add({ status: 'delivered' }, [{ kind: 'first_seen', at: T0 + 4 * HOUR, status: 'delivered' }]);
  add({ paidAt: iso(T0), pageWindowMinutes: 5 }, [{ kind: 'card_keys_found', at: T0 + 10 * MIN }]);
  add({ paidAt: iso(T0) }, [{ kind: 'user_action', at: T0 + HOUR, action: 'received' }]);
  add({ paidAt: '2026-11-01 10:00:00' });
  return out;
}

const NOWS = [T0 - HOUR, T0 + 5 * MIN, T0 + 23 * HOUR, T0 + 24 * HOUR, T0 + 3 * 24 * HOUR];

describe('computeUrgency', () => {
  it.each(NOWS.map((now) => [new Date(now).toISOString(), now]))(
    'gives what computeClock gives for the fields a list sorts by, at %s',
    (_, now) => {
      const settings = cloneDefaults();
      for (const { order, events } of cases()) {
        const clock = computeClock(order, events, settings, now as number);
        const urgency = computeUrgency(order, events, settings, now as number);
        const pick = {
          started: clock.started,
          running: clock.running,
          overdue: clock.overdue,
          ...(clock.windowEndsAt !== undefined ? { windowEndsAt: clock.windowEndsAt } : {}),
          ...(clock.stoppedAt !== undefined ? { stoppedAt: clock.stoppedAt } : {}),
        };
        expect(urgency, order.orderNo).toEqual(pick);
      }
    },
  );
});

describe('computeClocks', () => {
  it('sorts by urgency as the whole clocks would, and gives the whole clock of each order when asked', () => {
    const settings = cloneDefaults();
    const now = T0 + 30 * HOUR;
    const all = cases();
    const clocks = computeClocks(
      {
        orders: all.map((c) => c.order),
        events: all.flatMap((c) => c.events),
        evidence: [],
        snoozes: new Map(),
        settings,
      },
      now,
    );
    const full = all
      .map(({ order, events }) => ({ id: order.id, clock: computeClock(order, events, settings, now) }))
      .toSorted((a, b) => urgencyCompare(a.clock, b.clock) || a.id - b.id);
    expect(clocks.map((c) => c.order.id)).toEqual(full.map((f) => f.id));
    for (const c of clocks) expect(c.clock).toEqual(full.find((f) => f.id === c.order.id)!.clock);
    // Read twice, computed once: the same object.
    expect(clocks[0]!.clock).toBe(clocks[0]!.clock);
  });
});
