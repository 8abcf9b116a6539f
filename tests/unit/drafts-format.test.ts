import { describe, expect, it } from 'vitest';
import { formatAmount, formatElapsed } from '@/lib/drafts/format';
import { formatChinaTime, parseChinaTime, readShopTime } from '@/lib/time';
import { fitSections, type Section } from '@/lib/drafts/fit';
import { cleanText, maskContact, maskKey, truncateSafe } from '@/lib/drafts/sanitize';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatChinaTime', () => {
  const ms = Date.UTC(2026, 10, 30, 6, 5, 9); // 14:05:09 in China

  it('formats epoch ms as China time in both locales', () => {
    expect(formatChinaTime(ms, 'zh_CN')).toBe('2026-11-30 14:05（UTC+8）');
    expect(formatChinaTime(ms, 'en')).toBe('2026-11-30 14:05 (UTC+8)');
    expect(formatChinaTime(ms, 'en', { seconds: true })).toBe('2026-11-30 14:05:09 (UTC+8)');
  });

  it('reads ISO strings with and without a zone; a zone-less time is China time', () => {
    expect(formatChinaTime('2026-11-30T06:05:00Z', 'en')).toBe('2026-11-30 14:05 (UTC+8)');
    expect(formatChinaTime('2026-11-30 14:05:00', 'en')).toBe('2026-11-30 14:05 (UTC+8)');
    expect(formatChinaTime('2026-11-30T15:05:00+09:00', 'en')).toBe('2026-11-30 14:05 (UTC+8)');
    expect(formatChinaTime('2026-11-30T15:05:00+0900', 'en')).toBe('2026-11-30 14:05 (UTC+8)');
    expect(parseChinaTime('2026-11-30 14:05')).toBe(Date.UTC(2026, 10, 30, 6, 5));
  });

  it('reads back what the extractor stores: a shop time read from a page means the same instant everywhere', () => {
    for (const printed of [
      '2026-11-30 14:05',
      '2026年11月30日 14时05分',
      '2026/11/30 14:05:00',
      '2026-11-30T06:05:00Z',
    ]) {
      const iso = readShopTime(printed);
      expect(iso, printed).toBeDefined();
      expect(parseChinaTime(iso!), printed).toBe(Date.UTC(2026, 10, 30, 6, 5));
      expect(formatChinaTime(iso!, 'en'), printed).toBe('2026-11-30 14:05 (UTC+8)');
    }
  });

  it('rolls over to the next China day', () => {
    expect(formatChinaTime('2026-12-31T16:30:00Z', 'zh_CN')).toBe('2027-01-01 00:30（UTC+8）');
  });

  it('keeps a date-only string a date instead of inventing midnight', () => {
    expect(formatChinaTime('2026-11-30', 'zh_CN')).toBe('2026-11-30');
  });

  it('returns undefined for anything that is not a time', () => {
    for (const bad of ['garbage', '', '2026-02-31 10:00', '2026-13-01', '2026-11-30 25:00', '2026-02-30']) {
      expect(formatChinaTime(bad, 'zh_CN')).toBeUndefined();
    }
    for (const bad of [NaN, Infinity, -Infinity, 1e20]) expect(formatChinaTime(bad, 'en')).toBeUndefined();
  });
});

describe('formatElapsed', () => {
  it.each([
    [30_000, '不到1分钟', 'under 1 min'],
    [45 * MIN + 59_000, '45分钟', '45 min'],
    [2 * HOUR, '2小时', '2 h'],
    [2 * HOUR + 15 * MIN, '2小时15分钟', '2 h 15 min'],
    [DAY, '1天', '1 day'],
    [3 * DAY + 2 * HOUR + 15 * MIN, '3天2小时', '3 days 2 h'],
  ])('%d ms → %s / %s', (ms, zh, en) => {
    expect(formatElapsed(ms, 'zh_CN')).toBe(zh);
    expect(formatElapsed(ms, 'en')).toBe(en);
  });

  it('returns undefined for negative or non-finite durations', () => {
    for (const bad of [-1, NaN, Infinity]) expect(formatElapsed(bad, 'zh_CN')).toBeUndefined();
  });
});

describe('formatAmount', () => {
  it('writes yuan with the yuan sign and two decimals', () => {
    expect(formatAmount(29.9, 'CNY')).toBe('¥29.90');
    expect(formatAmount(29.9, 'cny')).toBe('¥29.90');
    expect(formatAmount(29.9)).toBe('¥29.90');
    expect(formatAmount(0.005, 'CNY')).toBe('¥0.01');
    expect(formatAmount(1299, 'RMB')).toBe('¥1299.00');
  });

  it('writes other currencies after the number and keeps crypto decimals', () => {
    expect(formatAmount(29.9, 'USDT')).toBe('29.90 USDT');
    expect(formatAmount(10, 'USDT')).toBe('10.00 USDT');
    expect(formatAmount(0.123456, 'USDT')).toBe('0.123456 USDT');
    expect(formatAmount(1.0000001, 'USDT')).toBe('1.00 USDT');
  });

  it('leaves out an implausible currency and refuses bad amounts', () => {
    expect(formatAmount(29.9, '<b>x</b>')).toBe('29.90');
    for (const bad of [NaN, -1, Infinity, 1e30]) expect(formatAmount(bad, 'CNY')).toBeUndefined();
  });
});

describe('sanitize', () => {
  it('cleans page text to one plain line and treats "nothing" words as missing', () => {
    expect(cleanText('  QQ\u0000会员\n\t月卡\u202e ', 50)).toBe('QQ 会员 月卡');
    expect(cleanText('<script>alert(1)</script>', 50)).toBe('<script>alert(1)</script>');
    for (const empty of ['', '   ', '-', 'null', 'undefined', 'NaN', '\u200b'])
      expect(cleanText(empty, 50)).toBeUndefined();
    expect(cleanText(42, 50)).toBeUndefined();
  });

  it('caps long text with an ellipsis', () => {
    const out = cleanText('商'.repeat(100_000), 60);
    expect(out).toHaveLength(60);
    expect(out?.endsWith('…')).toBe(true);
  });

  it('never cuts inside a number and never splits a surrogate pair', () => {
    expect(truncateSafe('订单 20261130140500123 已付款', 12)).toBe('订单…');
    expect(truncateSafe('金额 ¥29.90 未到账', 8)).toBe('金额…');
    const emoji = truncateSafe('🎮'.repeat(10), 6);
    expect(emoji).toBe('🎮🎮…');
  });

  it('masks a key except its last 4 characters', () => {
    expect(maskKey('ABCD-EFGH-IJKL-9X2Z')).toBe('********9X2Z');
    expect(maskKey('AB129X2Z')).toBe('****9X2Z');
    expect(maskKey('1234')).toBe('****');
  });

  it('masks contacts for public channels', () => {
    expect(maskContact('buyer@qq.com')).toBe('bu****@qq.com');
    expect(maskContact('13812345678')).toBe('138****5678');
    expect(maskContact('123456789')).toBe('123****789');
  });
});

const sections = (): Section[] => [
  { lines: ['INTRO'], priority: 0 },
  {
    heading: '[List]',
    lines: ['item-1', 'item-2', 'item-3', 'item-4'],
    priority: 1,
    trim: 'end',
    more: (n) => `+${n}`,
  },
  { heading: '[Extra]', lines: ['extra line that is long'], priority: 2 },
  { lines: ['ASK'], priority: 0 },
];

describe('fitSections', () => {
  const opts = { sectionSep: '\n\n', lineSep: '\n' };

  it('joins everything when there is room, leaving no empty section behind', () => {
    const all = fitSections([...sections(), { heading: '[Empty]', lines: [], priority: 1 }], opts);
    expect(all).toBe('INTRO\n\n[List]\nitem-1\nitem-2\nitem-3\nitem-4\n\n[Extra]\nextra line that is long\n\nASK');
  });

  it('drops the least important section first, then thins lists, keeping required ones', () => {
    const full = fitSections(sections(), opts);
    const withoutExtra = fitSections(sections(), { ...opts, limit: full.length - 10 });
    expect(withoutExtra).not.toContain('[Extra]');
    expect(withoutExtra).toContain('item-4');
    const thinned = fitSections(sections(), { ...opts, limit: 40 });
    expect(thinned.length).toBeLessThanOrEqual(40);
    expect(thinned).toContain('INTRO');
    expect(thinned).toContain('ASK');
    expect(thinned).toMatch(/item-\d\n\+\d\n\nASK$/);
    expect(thinned).not.toContain('item-4');
    expect(thinned).not.toMatch(/\n\n\n/);
  });

  it('thins a middle-trimmed list from the middle', () => {
    const s: Section[] = [
      {
        lines: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'],
        priority: 1,
        trim: 'middle',
        minLines: 2,
        more: (n) => `(${n} more)`,
      },
    ];
    expect(fitSections(s, { sectionSep: '\n', lineSep: '\n', limit: 15 })).toBe('a1\n(4 more)\na6');
  });

  it('shortens the longest required line before the short ask at the end', () => {
    const s: Section[] = [
      { lines: [`statement ${'x'.repeat(200)}`], priority: 0 },
      { lines: ['Please refund ¥29.90.'], priority: 0 },
    ];
    const out = fitSections(s, { sectionSep: ' ', lineSep: ' ', limit: 80 });
    expect(out.length).toBeLessThanOrEqual(80);
    expect(out.endsWith('Please refund ¥29.90.')).toBe(true);
  });
});
