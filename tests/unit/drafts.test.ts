import { describe, expect, it, vi } from 'vitest';
import type { EventRecord, EvidenceRecord, OrderRecord } from '@/lib/db/types';
import {
  buildDraft,
  CHANNELS,
  channelMeta,
  channelsForStep,
  draftChannels,
  type Draft,
  type DraftChannel,
  type DraftInput,
  type DraftLocale,
} from '@/lib/drafts';

const at = (iso: string): number => Date.parse(iso);
const NOW = at('2026-11-30T16:20:00+08:00');
const ORDER_NO = 'D20261130140500123';
const HASH_1 = `3f2a9c0d1e4b${'a'.repeat(52)}`;
const HASH_2 = `77aa01bc9def${'b'.repeat(52)}`;
const LOCALES: DraftLocale[] = ['zh_CN', 'en'];
const ALL = draftChannels();
const CITING = CHANNELS.filter((c) => c.cites).map((c) => c.id);

function order(over: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id: 7,
    platform: 'dujiaoka',
    orderNo: ORDER_NO,
    productName: 'QQ超级会员月卡',
    amount: 29.9,
    currency: 'CNY',
    paymentMethod: '易支付-支付宝',
    orderedAt: '2026-11-30T14:03:00+08:00',
    paidAt: '2026-11-30 14:05:00',
    status: 'processing',
    statusText: '正在处理',
    contact: 'buyer@qq.com',
    site: 'ka.example.com',
    url: `https://ka.example.com/detail-order-sn/${ORDER_NO}?token=s3cret`,
    urls: [],
    firstSeenAt: at('2026-11-30T14:06:00+08:00'),
    lastSeenAt: at('2026-11-30T16:19:00+08:00'),
    pageWindowMinutes: 24 * 60,
    ...over,
  };
}

function events(): EventRecord[] {
  return [
    { orderId: 7, kind: 'first_seen', at: at('2026-11-30T14:06:00+08:00'), status: 'paid', statusText: '已支付' },
    {
      orderId: 7,
      kind: 'status_changed',
      at: at('2026-11-30T14:30:00+08:00'),
      status: 'processing',
      previousStatus: 'paid',
      statusText: '正在处理',
    },
    // Copying the chat draft, then marking the step done: only the mark is listed.
    { orderId: 7, kind: 'draft_copied', at: at('2026-11-30T14:44:00+08:00'), detail: 'chat' },
    { orderId: 7, kind: 'user_action', at: at('2026-11-30T14:45:00+08:00'), action: 'contacted_support' },
    // A copied ticket draft with no mark after it: listed as prepared.
    { orderId: 7, kind: 'draft_copied', at: at('2026-11-30T15:10:00+08:00'), detail: 'ticket' },
    // Another order's events are ignored.
    { orderId: 8, kind: 'user_action', at: at('2026-11-30T15:00:00+08:00'), action: 'refunded' },
  ];
}

function evidence(): EvidenceRecord[] {
  const base = { source: 'auto' as const, mime: 'image/png', size: 1000, url: 'https://ka.example.com/', blobId: 'b' };
  return [
    { ...base, orderId: 7, kind: 'payment_receipt', sha256: HASH_2, capturedAt: at('2026-11-30T14:10:40+08:00') },
    { ...base, orderId: 7, kind: 'order_screenshot', sha256: HASH_1, capturedAt: at('2026-11-30T14:06:12+08:00') },
    { ...base, orderId: 8, kind: 'support_chat', sha256: 'c'.repeat(64), capturedAt: at('2026-11-30T14:07:00+08:00') },
  ];
}

function input(locale: DraftLocale, over: Partial<DraftInput> = {}): DraftInput {
  return { order: order(), events: events(), evidence: evidence(), now: NOW, locale, ...over };
}

const KEY_ISSUE = {
  key: 'ABCD-EFGH-IJKL-9X2Z',
  kind: 'used' as const,
  message: '该卡密已被使用',
  deliveredAt: at('2026-11-30T15:20:00+08:00'),
  redeemedAt: at('2026-11-30T16:10:00+08:00'),
};

function draft(channel: DraftChannel, locale: DraftLocale, over: Partial<DraftInput> = {}): Draft {
  const extra = channel === 'invalid_key' ? { keyIssue: KEY_ISSUE } : {};
  return buildDraft(channel, input(locale, { ...extra, ...over }));
}

/** Everything a user copies: the body plus the title. */
const text = (d: Draft): string => [d.title, d.body].filter(Boolean).join('\n');

/** Traces of missing facts: literal placeholders, empty brackets, dangling labels, blank-line runs. */
function traces(s: string): string[] {
  const found: string[] = [];
  for (const re of [
    /undefined/,
    /NaN/,
    /null/i,
    /（\s*）/,
    /\(\s*\)/,
    /\[\s*\]/,
    /【\s*】/,
    /「\s*」/,
    /“\s*”/,
    /"\s*"/,
  ]) {
    if (re.test(s)) found.push(String(re));
  }
  if (/[:：]\s*$/m.test(s)) found.push('dangling label');
  if (/\n[ \t]*\n[ \t]*\n/.test(s)) found.push('double blank line');
  if (/^[ \t]+\S|\S[ \t]+$/m.test(s)) found.push('stray whitespace at a line end');
  if (/[，,、；;]\s*[。.]/.test(s)) found.push('empty list item');
  return found;
}

const L = {
  zh_CN: { paid: '2026-11-30 14:05（UTC+8）', elapsed: '2小时15分钟', shot: '2026-11-30 14:06:12（UTC+8）' },
  en: { paid: '2026-11-30 14:05 (UTC+8)', elapsed: '2 h 15 min', shot: '2026-11-30 14:06:12 (UTC+8)' },
};

describe('channel table', () => {
  it('has one entry per channel, each with labels in both locales and a ladder step', () => {
    expect(new Set(ALL).size).toBe(8);
    expect(ALL).toEqual(['chat', 'ticket', 'invalid_key', 'alipay', 'wechat', 'c12315', 'heimao', 'c12377']);
    for (const c of CHANNELS) {
      expect(c.label.zh_CN.length).toBeGreaterThan(0);
      expect(c.label.en.length).toBeGreaterThan(0);
      expect(['contact_support', 'payment_complaint', 'regulator_complaint']).toContain(c.step);
    }
    expect(channelsForStep('payment_complaint')).toEqual(['alipay', 'wechat']);
    expect(channelsForStep('regulator_complaint')).toEqual(['c12315', 'heimao', 'c12377']);
    expect(channelMeta('chat').limit).toBe(300);
    expect(() => channelMeta('fax' as DraftChannel)).toThrow();
  });
});

describe.each(LOCALES)('every channel in %s', (locale) => {
  const l = L[locale];

  it.each(ALL)('%s: states the facts, formatted', (channel) => {
    const d = draft(channel, locale);
    const t = text(d);
    expect(d.channel).toBe(channel);
    expect(d.locale).toBe(locale);
    expect(t).toContain(ORDER_NO);
    expect(t).toContain('¥29.90');
    expect(t).toContain('QQ超级会员月卡');
    expect(t).toContain('易支付-支付宝');
    if (channel !== 'invalid_key') expect(t).toContain(l.paid);
    if (channel !== 'invalid_key') expect(t).toContain(l.elapsed);
    expect(traces(t)).toEqual([]);
    expect(d.length).toBe(d.body.length);
  });

  it.each(ALL)('%s: fits its limit, and its fields fit theirs', (channel) => {
    const d = draft(channel, locale);
    const limit = channelMeta(channel).limit;
    if (limit !== undefined) {
      expect(d.limit).toBe(limit);
      expect(d.length).toBeLessThanOrEqual(limit);
    }
    for (const f of d.fields ?? []) {
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.length).toBe(f.value.length);
      if (f.limit !== undefined) expect(f.length).toBeLessThanOrEqual(f.limit);
    }
  });

  it.each(ALL.filter((c) => c !== 'chat'))(
    '%s: lists the evidence with kind, capture time and hash prefix',
    (channel) => {
      // A 300-character field holds the statement, the claim and one capture: give it one.
      const tight = (channelMeta(channel).limit ?? Infinity) <= 300;
      const t = text(draft(channel, locale, tight ? { evidence: [evidence()[1] as EvidenceRecord] } : {}));
      expect(t).toContain(l.shot);
      expect(t).toContain('SHA-256 3f2a9c0d1e4b');
      expect(t).not.toContain(HASH_1); // only the prefix
      expect(t).toContain(locale === 'zh_CN' ? '订单页截图' : 'Order page screenshot');
    },
  );

  // The payment apps' fields are short: there the citation comes "where it fits", checked with a bare order.
  it.each(CITING)('%s: cites the law as reference with a not-legal-advice line', (channel) => {
    const short = channelMeta(channel).step === 'payment_complaint';
    const bare: Partial<DraftInput> = {
      order: {
        platform: 'generic',
        orderNo: 'A1',
        status: 'processing',
        site: '',
        url: '',
        urls: [],
        firstSeenAt: 0,
        lastSeenAt: 0,
      },
      events: [],
      evidence: [],
    };
    const t = text(draft(channel, locale, short ? bare : {}));
    if (locale === 'zh_CN') {
      expect(t).toMatch(/《电子商务法》第二十条/);
      expect(t).toMatch(/第五十一条/);
      expect(t).toMatch(/《消费者权益保护法》第五十三条/);
      expect(t).toContain('不构成法律意见');
    } else {
      expect(t).toMatch(/E-Commerce Law arts?\. 20/);
      expect(t).toMatch(/art\. 53/);
      expect(t).toContain('not legal advice');
    }
  });

  it.each(ALL)('%s: a minimal order (order no. and status only) leaves no trace of missing facts', (channel) => {
    const minimal: OrderRecord = {
      platform: 'generic',
      orderNo: 'A1',
      status: 'unknown',
      site: '',
      url: '',
      urls: [],
      firstSeenAt: 0,
      lastSeenAt: 0,
    };
    const d = buildDraft(channel, { order: minimal, events: [], evidence: [], now: NOW, locale });
    const t = [text(d), ...(d.fields ?? []).map((f) => `${f.label}\n${f.value}`), ...(d.tips ?? []), d.path ?? ''].join(
      '\n',
    );
    expect(t).toContain('A1');
    expect(traces(t)).toEqual([]);
    expect(t).not.toMatch(/1970|¥\s|UTC\+8\)?\s*[，,]\s*$/m);
  });

  it.each(ALL)('%s: long input still fits, without cutting the order number or the amount', (channel) => {
    const many = Array.from({ length: 200 }, (_, i) => i);
    const d = draft(channel, locale, {
      order: order({ productName: `超长商品名称${'很'.repeat(500)}`, contact: `u${'9'.repeat(300)}@example.com` }),
      events: many.map((i) => ({
        orderId: 7,
        kind: 'status_changed' as const,
        at: at('2026-11-30T14:30:00+08:00') + i * 1000,
        status: 'processing' as const,
        statusText: `处理中第${i}次`,
      })),
      evidence: many.map((i) => ({
        orderId: 7,
        kind: 'order_screenshot' as const,
        source: 'auto' as const,
        sha256: i.toString(16).padStart(12, 'e').padEnd(64, '0'),
        mime: 'image/png',
        size: 1,
        capturedAt: at('2026-11-30T14:40:00+08:00') + i * 60_000,
        url: '',
        blobId: String(i),
      })),
    });
    const limit = channelMeta(channel).limit;
    if (limit !== undefined) expect(d.length).toBeLessThanOrEqual(limit);
    for (const f of d.fields ?? []) if (f.limit !== undefined) expect(f.length).toBeLessThanOrEqual(f.limit);
    expect(d.body.length).toBeLessThan(8000);
    expect(text(d)).toContain(ORDER_NO);
    expect(text(d)).toContain('¥29.90');
    expect(traces(text(d))).toEqual([]);
  });

  it.each(ALL)('%s: hostile page text stays literal plain text and is capped', (channel) => {
    const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)>\u0000\u0007\u202e\u200b${'A'.repeat(100_000)}`;
    const d = draft(channel, locale, {
      order: order({ productName: hostile, statusText: hostile, paymentMethod: hostile, contact: hostile }),
      keyIssue: { ...KEY_ISSUE, message: hostile },
    });
    const t = [text(d), ...(d.fields ?? []).map((f) => f.value)].join('\n');
    expect(t).toContain('<script>alert(1)</script>');
    expect(t).not.toContain('&lt;');
    // oxlint-disable-next-line no-control-regex -- asserting that control characters are gone
    expect(t).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u200b\u202a-\u202e]/);
    expect(t).not.toContain('A'.repeat(200));
    expect(d.body.length).toBeLessThan(8000);
    expect(t).toContain(ORDER_NO);
  });

  it.each(ALL)('%s: is pure: the same input gives the same text whatever the clock says', (channel) => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z'));
    const first = draft(channel, locale);
    vi.setSystemTime(new Date('2031-06-01T00:00:00Z'));
    const second = draft(channel, locale);
    vi.useRealTimers();
    expect(second).toEqual(first);
  });
});

describe('chat (商家在线客服)', () => {
  it('is precise: order, time, amount, elapsed, product, recipient and one ask', () => {
    const d = draft('chat', 'zh_CN');
    expect(d.body).toContain(
      `订单 ${ORDER_NO} 于 2026-11-30 14:05（UTC+8） 支付成功 ¥29.90（易支付-支付宝），已过 2小时15分钟 仍未收到「QQ超级会员月卡」的卡密/激活码。`,
    );
    expect(d.body).toContain('收货账号：buyer@qq.com');
    expect(d.body).toContain('请在 1小时 内补发卡密；如无法处理，请原路退款 ¥29.90。');
    expect(d.body.match(/请/g)).toHaveLength(2); // 请在 … ; 请原路退款: one ask with its fallback
    expect(d.body).not.toMatch(/《|第五十三条/); // no law in a first message
  });

  it('says so when the money left but the page still shows 待支付', () => {
    const d = buildDraft('chat', {
      ...input('zh_CN'),
      order: order({
        status: 'pending_payment',
        statusText: '待支付',
        paidAt: undefined,
        paymentSeenAt: NOW - 3_600_000,
      }),
      events: [],
    });
    expect(d.body).toContain('疑似支付回调失败');
    expect(d.body).toContain('已过 1小时 仍未收到');
  });

  it('in English keeps the recipient account within 300 characters', () => {
    const d = draft('chat', 'en');
    expect(d.body).toMatch(/^Hello, order D20261130140500123 was paid at 2026-11-30 14:05 \(UTC\+8\): ¥29\.90/);
    expect(d.body).toContain('After 2 h 15 min I still have no card key / activation code for "QQ超级会员月卡".');
    expect(d.body).toContain('Recipient account: buyer@qq.com.');
    expect(d.body).toContain('Please deliver the key within 1 h, or refund ¥29.90');
    expect(d.length).toBeLessThanOrEqual(300);
  });
});

describe('ticket (商家工单 / 邮件)', () => {
  it('has a subject, the status history, what was done, the ask with a deadline and the next step', () => {
    const d = draft('ticket', 'zh_CN');
    expect(d.title).toBe(`订单 ${ORDER_NO} 付款 2小时15分钟 后仍未收到卡密，请补发或退款`);
    expect(d.body).toContain('2026-11-30 14:30（UTC+8） 订单状态变为：处理中（页面显示“正在处理”）');
    expect(d.body).toContain('2026-11-30 14:06（UTC+8） 首次记录订单，状态：已支付');
    expect(d.body).toContain('2026-11-30 14:45（UTC+8） 已联系商家客服');
    expect(d.body).not.toContain('准备了「商家在线客服」'); // superseded by the mark at 14:45
    expect(d.body).not.toContain('已收到退款'); // another order's event
    // The promised 24 h window ends 2026-12-01 14:05, still ahead: that is the deadline.
    expect(d.body).toContain('请在 21小时45分钟 内，即 2026-12-01 14:05（UTC+8） 前，将卡密发放到订单页或收货账号');
    expect(d.body).toContain('逾期未处理，我将向支付宝提交交易投诉。');
    expect(d.body).toContain('1. 订单页截图，2026-11-30 14:06:12（UTC+8），SHA-256 3f2a9c0d1e4b');
    expect(d.body).toContain('2. 付款凭证（账单详情），2026-11-30 14:10:40（UTC+8），SHA-256 77aa01bc9def');
  });

  it('uses a deadline passed in, and says how overdue the order is', () => {
    const d = buildDraft('ticket', {
      ...input('en'),
      order: order({ pageWindowMinutes: 60 }),
      deadline: at('2026-11-30T20:20:00+08:00'),
    });
    expect(d.body).toContain('within 4 h, by 2026-11-30 20:20 (UTC+8),');
    expect(d.body).toContain('Your shop promises delivery within 1 h; it is now 1 h 15 min overdue.');
    expect(d.body).toContain('If it is not resolved by then, I will file a transaction complaint with Alipay.');
  });

  it('takes the elapsed time from the clock the escalation layer passes in', () => {
    const d = buildDraft('ticket', {
      ...input('zh_CN'),
      clock: { elapsedMs: 3 * 86_400_000 + 2 * 3_600_000, windowMs: 86_400_000, overdue: true },
    });
    expect(d.body).toContain('付款至今：3天2小时（承诺 1天 内发货，已超时 2天2小时）');
  });

  it('points a crypto payment to 12315 / 黑猫 and writes the amount in USDT', () => {
    const d = buildDraft('ticket', {
      ...input('zh_CN'),
      order: order({ amount: 12.5, currency: 'USDT', paymentMethod: 'USDT-TRC20' }),
    });
    expect(d.body).toContain('金额：12.50 USDT');
    expect(d.body).toContain('我将向12315和黑猫投诉反映');
  });

  it('lists a copied draft of another channel as prepared', () => {
    expect(draft('c12315', 'zh_CN').body).toContain('2026-11-30 15:10（UTC+8） 准备了「商家工单 / 邮件」文本');
    expect(draft('ticket', 'zh_CN').body).not.toContain('准备了「商家工单 / 邮件」'); // not its own copy
  });
});

describe('alipay (支付宝交易投诉)', () => {
  it('gives the reason, the path and a description that rebuts "已发货" with capture times and hashes', () => {
    const d = draft('alipay', 'zh_CN');
    expect(d.reason).toBe('未收到货');
    expect(d.path).toBe('支付宝 → 我的 → 账单 → 找到这笔付款 → 投诉 / 申请售后');
    expect(d.body).toContain(
      '如商家答复“已发货”，与事实不符：截至 2026-11-30 16:19（UTC+8），订单页显示“正在处理”，没有任何卡密。',
    );
    // Order-page captures come first: they are the rebuttal.
    expect(d.body.indexOf('订单页截图')).toBeLessThan(d.body.indexOf('付款凭证'));
    expect(d.body).toContain('请求全额退款 ¥29.90。');
    expect(d.tips?.[0]).toContain('2026-11-30 14:05（UTC+8）、¥29.90');
    expect(d.length).toBeLessThanOrEqual(500);
  });

  it('never claims the page showed no key when keys were seen', () => {
    const d = buildDraft('alipay', {
      ...input('zh_CN'),
      order: order({ status: 'delivered', statusText: '已完成', cardKeys: ['XXXX-1234'] }),
    });
    expect(d.body).not.toContain('没有任何卡密');
  });

  it('tells the broken-key story when a key issue is reported', () => {
    const d = buildDraft('alipay', { ...input('zh_CN'), keyIssue: KEY_ISSUE });
    expect(d.body).toContain('收到的卡密 ********9X2Z 无法使用，兑换时提示“该卡密已被使用”');
    expect(d.body).not.toContain('ABCD-EFGH');
  });
});

describe('wechat (微信支付投诉)', () => {
  it('gives the path to 订单详情 → 投诉 / 申请退款 and a description within 300 characters', () => {
    for (const locale of LOCALES) {
      const d = draft('wechat', locale);
      expect(d.path).toContain('账单');
      expect(d.path).toContain('订单详情');
      expect(d.path).toContain('申请退款');
      expect(d.length).toBeLessThanOrEqual(300);
      expect(d.body).toContain(ORDER_NO);
    }
    expect(draft('wechat', 'zh_CN').body).toContain('请求全额退款 ¥29.90。');
  });
});

describe('12315', () => {
  it('has complainant placeholders, the respondent, the claim, the facts in order and the evidence', () => {
    const d = buildDraft('c12315', {
      ...input('zh_CN'),
      shop: { name: '某某发卡网', contact: 'QQ 10001', company: '某某网络科技有限公司' },
    });
    expect(d.fields?.map((f) => f.label)).toEqual(['投诉人', '被投诉人', '投诉诉求', '争议事实', '证据清单']);
    const field = (label: string): string => d.fields?.find((f) => f.label === label)?.value ?? '';
    expect(field('投诉人')).toContain('姓名：【请填写您的真实姓名】');
    expect(field('投诉人')).toContain('电话：【请填写您的手机号】');
    expect(field('投诉人')).toContain('地址：【请填写您的地址】');
    expect(field('被投诉人')).toBe(
      '名称：某某发卡网\n网址：https://ka.example.com/\n商家联系方式：QQ 10001\n经营者：某某网络科技有限公司',
    );
    expect(d.body).not.toContain('s3cret'); // the order URL's lookup token never leaves
    expect(field('投诉诉求')).toBe('请求经营者按约定发放已付款的卡密，或退还货款 ¥29.90。');
    const facts = field('争议事实');
    expect(facts.indexOf('1. 2026-11-30 14:03（UTC+8） 下单')).toBeLessThan(
      facts.indexOf('2. 2026-11-30 14:05（UTC+8） 支付成功'),
    );
    expect(field('证据清单')).toMatch(/^1\. 订单页截图，2026-11-30 14:06:12（UTC\+8），SHA-256 3f2a9c0d1e4b$/m);
  });

  it('asks for the operator when the site shows none', () => {
    const d = draft('c12315', 'en');
    expect(d.body).toContain('Operator: [the site shows no operator name');
    expect(d.body).toContain('Name: ka.example.com');
  });
});

describe('heimao (黑猫投诉)', () => {
  it('has a title of at most 30 characters, a description and a demand; the recipient is masked', () => {
    for (const locale of LOCALES) {
      const d = buildDraft('heimao', { ...input(locale), shop: { name: '一个名字非常非常非常非常长的发卡小店铺' } });
      expect(d.title?.length).toBeLessThanOrEqual(30);
      expect(d.fields?.[0]?.limit).toBe(30);
      expect(d.fields).toHaveLength(3);
      expect(d.body).not.toContain('buyer@qq.com');
      expect(d.body).toContain('bu****@qq.com');
    }
    const zh = draft('heimao', 'zh_CN');
    expect(zh.title).toBe('ka.example.com付款后不发卡密，要求退款');
    expect(zh.fields?.map((f) => f.label)).toEqual(['投诉标题', '投诉描述', '诉求']);
    expect(zh.fields?.[2]?.value).toBe('要求商家退还货款 ¥29.90，或立即发放卡密');
  });
});

describe('invalid key (卡密无效 / 已被使用)', () => {
  it('shows the key masked except the last 4, when it came and what redemption said', () => {
    const zh = draft('invalid_key', 'zh_CN');
    expect(zh.body).toContain(
      `订单 ${ORDER_NO}（QQ超级会员月卡，¥29.90）于 2026-11-30 15:20（UTC+8） 发放的卡密 ********9X2Z 无法使用：2026-11-30 16:10（UTC+8） 兑换时提示“该卡密已被使用”。`,
    );
    expect(zh.body).not.toContain('ABCD');
    expect(zh.body).toContain('更换有效卡密，或原路全额退款 ¥29.90');
    const en = draft('invalid_key', 'en');
    expect(en.body).toContain('the card key ********9X2Z delivered at 2026-11-30 15:20 (UTC+8)');
    expect(en.body).toContain('the site said "该卡密已被使用"');
  });

  it("uses the order's only key and its card_keys_found time when the issue does not name them", () => {
    const d = buildDraft('invalid_key', {
      ...input('zh_CN'),
      order: order({ status: 'delivered', cardKeys: ['KEY-0000-7777'] }),
      events: [{ orderId: 7, kind: 'card_keys_found', at: at('2026-11-30T14:20:00+08:00') }],
      keyIssue: {},
    });
    expect(d.body).toContain('于 2026-11-30 14:20（UTC+8） 发放的卡密 ********7777 无法使用。');
  });
});

/** The value of a draft's form field by its label. */
const fieldOf = (d: Draft, label: string): string => d.fields?.find((f) => f.label === label)?.value ?? '';

describe('c12377 (网信办 违法和不良信息举报)', () => {
  it("names the site by URL, host and the ICP number a page of it showed, and never the order URL's token", () => {
    const d = buildDraft('c12377', { ...input('zh_CN'), shop: { icp: '京ICP备12345678号-1' } });
    expect(d.fields?.map((f) => f.label)).toEqual(['被举报网站', '举报类型', '举报内容', '证据清单', '举报诉求']);
    expect(fieldOf(d, '被举报网站')).toBe(
      '网站名称：ka.example.com\n网址：https://ka.example.com/\n域名：ka.example.com\nICP备案号：京ICP备12345678号-1',
    );
    expect(d.body).not.toContain('s3cret');
    // The ICP number is there, so no tip on how to look one up.
    expect(d.tips?.join('\n')).not.toContain('beian.miit.gov.cn');
  });

  it('asks for the ICP number, and says where to look it up, when no page showed one', () => {
    for (const locale of LOCALES) {
      const d = draft('c12377', locale);
      expect(d.body).toContain(locale === 'zh_CN' ? '网站页面未显示ICP备案号' : 'no page of the site showed an ICP');
      expect(d.tips?.join('\n')).toContain('beian.miit.gov.cn');
    }
  });

  it('states what was paid and when, what was promised, the contacts tried and the evidence kept', () => {
    const d = draft('c12377', 'zh_CN');
    const facts = fieldOf(d, '举报内容');
    expect(facts).toContain(`订单 ${ORDER_NO} 于 2026-11-30 14:05（UTC+8） 支付成功 ¥29.90（易支付-支付宝）`);
    expect(facts).toContain('网站承诺 1天 内发货。');
    expect(facts).toContain('【已采取的措施】\n2026-11-30 14:45（UTC+8） 已联系商家客服');
    expect(fieldOf(d, '举报类型')).toBe('涉嫌网络诈骗：收款后不发货，联系商家未获处理');
    expect(fieldOf(d, '证据清单')).toMatch(/^1\. 订单页截图，2026-11-30 14:06:12（UTC\+8），SHA-256 3f2a9c0d1e4b$/m);
    // A report read by an authority: the recipient account is kept to what identifies it.
    expect(d.body).not.toContain('buyer@qq.com');
    expect(d.body).toContain('bu****@qq.com');
  });

  it('says how far past the promise the order is, and leaves "not resolved" out when the shop was never contacted', () => {
    const d = buildDraft('c12377', {
      ...input('en'),
      events: [],
      clock: { elapsedMs: 3 * 86_400_000, windowMs: 86_400_000, overdue: true },
    });
    expect(fieldOf(d, 'Report')).toContain('The site promises delivery within 1 day; it is now 2 days overdue.');
    expect(fieldOf(d, 'Type')).toBe('Suspected online fraud: took payment and delivered nothing');
  });

  it('says plainly, in the request and first among the tips, that 12377 is not a refund channel', () => {
    const zh = draft('c12377', 'zh_CN');
    expect(fieldOf(zh, '举报诉求')).toContain('12377 不是退款渠道');
    expect(zh.tips?.[0]).toContain('不是退款渠道');
    expect(zh.path).toContain('12377.cn');
    const en = draft('c12377', 'en');
    expect(fieldOf(en, 'Request')).toContain('12377 is not a refund channel');
    expect(en.tips?.[0]).toContain('not a refund channel');
    // It asks the authority for no money: no refund demand and no law of sale.
    expect(zh.body).not.toMatch(/请求全额退款|要求商家退还|第五十三条/);
  });

  it('tells the broken-key story when a key issue is reported', () => {
    const d = buildDraft('c12377', { ...input('zh_CN'), keyIssue: KEY_ISSUE });
    expect(fieldOf(d, '举报类型')).toBe('涉嫌网络诈骗：收款后发放无法使用的卡密，联系商家未获处理');
    expect(d.body).toContain('********9X2Z');
    expect(d.body).not.toContain('ABCD-EFGH');
  });
});

describe('an order the buyer entered by hand', () => {
  const buyerOrder = (): OrderRecord =>
    order({ entry: 'buyer', status: 'paid', statusText: undefined, lastSeenAt: at('2026-11-30T15:00:00+08:00') });
  const entered: EventRecord[] = [
    { orderId: 7, kind: 'first_seen', at: at('2026-11-30T15:00:00+08:00'), status: 'paid', detail: 'buyer' },
  ];

  it('says where its facts come from and that the buyer entered it, in the drafts that list the facts', () => {
    for (const channel of ['ticket', 'c12315', 'heimao', 'c12377'] as const) {
      const zh = buildDraft(channel, { ...input('zh_CN'), order: buyerOrder(), events: entered });
      expect(zh.body).toContain('订单信息来源：本人依据付款记录手动登记（非订单页读取）');
      const en = buildDraft(channel, { ...input('en'), order: buyerOrder(), events: entered });
      expect(en.body).toContain("Order details from: the buyer's own entry from the payment record");
    }
    const d = buildDraft('c12315', { ...input('zh_CN'), order: buyerOrder(), events: entered });
    expect(d.body).toContain('2026-11-30 15:00（UTC+8） 本人手动登记订单（依据付款记录）');
    expect(d.body).not.toContain('首次记录订单');
  });

  it('claims nothing about an order page KamiGuard never read', () => {
    for (const channel of ALL) {
      const d = buildDraft(channel, { ...input('zh_CN'), order: buyerOrder(), events: entered });
      expect(text(d)).not.toMatch(/订单页(目前)?显示|截至 .*订单页|订单状态：/);
      expect(traces(text(d))).toEqual([]);
    }
    expect(buildDraft('alipay', { ...input('zh_CN'), order: buyerOrder(), events: entered }).body).toContain(
      '如商家答复“已发货”，与事实不符：本人至今未收到任何卡密/激活码。',
    );
    const en = buildDraft('alipay', { ...input('en'), order: buyerOrder(), events: entered });
    expect(en.body).toContain(
      'A "delivered" reply would be untrue: I have received no card key or activation code at all.',
    );
  });

  it('states the page again once a shop page showed the order differently', () => {
    const seen: EventRecord[] = [
      ...entered,
      {
        orderId: 7,
        kind: 'status_changed',
        at: at('2026-11-30T16:00:00+08:00'),
        status: 'processing',
        previousStatus: 'paid',
        statusText: '正在处理',
      },
    ];
    const d = buildDraft('alipay', {
      ...input('zh_CN'),
      order: { ...buyerOrder(), status: 'processing', statusText: '正在处理' },
      events: seen,
    });
    expect(d.body).toContain('订单页显示“正在处理”，没有任何卡密');
  });
});
