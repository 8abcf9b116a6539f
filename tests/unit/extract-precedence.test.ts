/**
 * DESIGN.md's status precedence, every combination: the shop's explicit status × what its key area holds. Run through
 * buildOrder, the one place every adapter and the generic reader build an order, so the table is what they all return.
 */
import { describe, expect, it } from 'vitest';
import { inputRecipient, readKeyArea, settleStatus } from '@/lib/extract/normalize';
import { buildOrder } from '@/lib/extract/platform';
import type { OrderStatus } from '@/lib/extract/types';

const KEYS = ['CDK-7F3A-99QX-K2LM', 'CDK-8B1C-44RT-P0ZN'];
const QQ = '2853761049';

/** Key-area contents: the text in the box, and the keys that must come out of it. */
const AREAS = {
  keys: { text: KEYS.join('\n'), keys: KEYS },
  input: { text: `QQ账号:${QQ}\n区服:安卓QQ区-长城守卫军`, keys: [] },
  stock: { text: '很抱歉，有人在你付款之前抢走了商品，请联系客服。', keys: [] },
  apology: { text: '很抱歉，订单处理失败，请联系客服处理', keys: [] },
  waiting: { text: '正在发货中，请耐心等待，如有疑问，请联系客服。', keys: [] },
  manual: { text: '手工发货，请主动联系客服', keys: [] },
  partial: { text: `${KEYS[0]}\n第2张暂时缺货，补货后补发`, keys: [KEYS[0]] },
  keysAndInput: { text: `充值账号：${QQ}\n${KEYS.join('\n')}`, keys: KEYS },
  empty: { text: '', keys: [] },
} as const;
type Area = keyof typeof AREAS;

// Explicit statuses as shops word them, and what each maps to alone.
const STATUSES: ReadonlyArray<readonly [word: string, alone: OrderStatus]> = [
  ['', 'unknown'],
  ['已付款', 'paid'],
  ['已完成', 'delivered'],
  ['已发货', 'delivered'],
  ['处理中', 'processing'],
  ['部分发货', 'processing'],
  ['等待发货', 'processing'],
  ['待支付', 'pending_payment'],
  ['异常', 'abnormal'],
  ['已失败', 'abnormal'],
  ['已冻结', 'frozen'],
  ['已关闭', 'closed'],
  ['已退款', 'refunded'],
];

/**
 * The expected status for each explicit status (by what it maps to alone) and area, written out rather than computed:
 * keys count only under no status or a paid/unknown one; a not-done status always wins, except that a stock message
 * makes any order but a refunded one out_of_stock; a failure apology and a restock promise outrank a done status.
 */
const EXPECTED: Record<OrderStatus, Record<Area, OrderStatus>> = {
  // prettier-ignore
  unknown: { keys: 'delivered', input: 'unknown', stock: 'out_of_stock', apology: 'abnormal', waiting: 'processing', manual: 'processing', partial: 'processing', keysAndInput: 'delivered', empty: 'unknown' },
  // prettier-ignore
  paid: { keys: 'delivered', input: 'paid', stock: 'out_of_stock', apology: 'abnormal', waiting: 'processing', manual: 'processing', partial: 'processing', keysAndInput: 'delivered', empty: 'paid' },
  // prettier-ignore
  delivered: { keys: 'delivered', input: 'delivered', stock: 'out_of_stock', apology: 'abnormal', waiting: 'delivered', manual: 'delivered', partial: 'processing', keysAndInput: 'delivered', empty: 'delivered' },
  // prettier-ignore
  processing: { keys: 'processing', input: 'processing', stock: 'out_of_stock', apology: 'processing', waiting: 'processing', manual: 'processing', partial: 'processing', keysAndInput: 'processing', empty: 'processing' },
  // prettier-ignore
  pending_payment: { keys: 'pending_payment', input: 'pending_payment', stock: 'out_of_stock', apology: 'pending_payment', waiting: 'pending_payment', manual: 'pending_payment', partial: 'pending_payment', keysAndInput: 'pending_payment', empty: 'pending_payment' },
  // prettier-ignore
  abnormal: { keys: 'abnormal', input: 'abnormal', stock: 'out_of_stock', apology: 'abnormal', waiting: 'abnormal', manual: 'abnormal', partial: 'abnormal', keysAndInput: 'abnormal', empty: 'abnormal' },
  // prettier-ignore
  frozen: { keys: 'frozen', input: 'frozen', stock: 'out_of_stock', apology: 'frozen', waiting: 'frozen', manual: 'frozen', partial: 'frozen', keysAndInput: 'frozen', empty: 'frozen' },
  // prettier-ignore
  closed: { keys: 'closed', input: 'closed', stock: 'out_of_stock', apology: 'closed', waiting: 'closed', manual: 'closed', partial: 'closed', keysAndInput: 'closed', empty: 'closed' },
  // prettier-ignore
  refunded: { keys: 'refunded', input: 'refunded', stock: 'refunded', apology: 'refunded', waiting: 'refunded', manual: 'refunded', partial: 'refunded', keysAndInput: 'refunded', empty: 'refunded' },
  // prettier-ignore
  out_of_stock: { keys: 'out_of_stock', input: 'out_of_stock', stock: 'out_of_stock', apology: 'out_of_stock', waiting: 'out_of_stock', manual: 'out_of_stock', partial: 'out_of_stock', keysAndInput: 'out_of_stock', empty: 'out_of_stock' },
};

describe('status precedence: explicit status × key area', () => {
  const cases = STATUSES.flatMap(([word, alone]) =>
    (Object.keys(AREAS) as Area[]).map((area) => [word || '(none)', area, EXPECTED[alone][area]] as const),
  );

  it.each(cases)('status %s, key area %s → %s', (word, area, expected) => {
    const order = buildOrder('test', {
      orderNo: 'K2M9PQ4XW7RT5ZBA',
      status: word === '(none)' ? '' : word,
      contact: 'buyer@example.com',
      keys: AREAS[area].text,
    })!;
    expect(order.status).toBe(expected);
    // Real keys are kept whatever the status (a partial delivery under 处理中 shows them); nothing else ever is one.
    expect(order.cardKeys ?? []).toEqual(AREAS[area].keys);
    // A by-hand note says how the order is delivered when the page names no delivery mode.
    expect(order.deliveryMode).toBe(area === 'manual' ? 'manual' : undefined);
    // The labelled contact stays the contact whatever the key area echoes.
    expect(order.contact).toBe('buyer@example.com');
    // Without a labelled contact, the echoed recipient account takes its place.
    const bare = buildOrder('test', {
      orderNo: 'K2M9PQ4XW7RT5ZBA',
      status: word === '(none)' ? '' : word,
      keys: AREAS[area].text,
    })!;
    expect(bare.contact).toBe(area === 'input' || area === 'keysAndInput' ? QQ : undefined);
  });

  it('covers every explicit status of the contract', () => {
    expect(new Set(STATUSES.map(([, s]) => s))).toEqual(
      new Set(Object.keys(EXPECTED).filter((s) => s !== 'out_of_stock')),
    );
    expect(settleStatus('out_of_stock', readKeyArea(AREAS.keys.text))).toBe('out_of_stock');
  });

  it('maps a theme word by the theme, not by the word alone', () => {
    const raw = { orderNo: 'M4T9WQ2ZR8K1PD6E', status: '已处理', keys: KEYS.join('\n') };
    expect(buildOrder('test', { ...raw, words: { 已处理: 'processing' } })!.status).toBe('processing');
    expect(buildOrder('test', { ...raw, words: { 已处理: 'delivered' } })!.status).toBe('delivered');
  });
});

describe('readKeyArea', () => {
  it('takes stock messages, notes and instructions out of the keys', () => {
    expect(readKeyArea('库存可使用卡密不足，请联系管理员核查')).toEqual({ keys: [], input: [], hint: 'out_of_stock' });
    expect(readKeyArea('正在发货中，请耐心等待，如有疑问，请联系客服。')).toEqual({
      keys: [],
      input: [],
      hint: 'processing',
    });
    expect(readKeyArea('ABC-123\n第3张暂时缺货，补货后补发')).toEqual({
      keys: ['ABC-123'],
      input: [],
      hint: 'processing',
      partial: true,
    });
    const area = '账号：iqy_88231 密码：Qm7#pL2x\n使用说明：请勿修改密码\n温馨提示: 24小时内有效\n请在24小时内登录使用';
    expect(readKeyArea(area)).toEqual({ keys: ['账号：iqy_88231 密码：Qm7#pL2x'], input: [] });
    // Only a leading label marks a note; a key merely containing the word stays.
    expect(readKeyArea('提示码ABC-123\nKEY 注意: 大写').keys).toEqual(['提示码ABC-123', 'KEY 注意: 大写']);
    expect(readKeyArea('网易云账号:13800000000\n已为您开通，到期时间 2025-06-10')).toEqual({
      keys: [],
      input: ['网易云账号:13800000000'],
      recipient: '13800000000',
      hint: 'delivered',
    });
  });

  it('reads a by-hand delivery note as waiting for the shop, never as a key', () => {
    expect(readKeyArea('手工发货，请主动联系客服')).toEqual({ keys: [], input: [], hint: 'processing', manual: true });
    expect(readKeyArea('本商品为人工充值，客服将在 2 小时内处理')).toMatchObject({ keys: [], manual: true });
    // Done by hand is done: 已人工处理 stays a delivered note.
    expect(readKeyArea('已人工处理，请查收')).toEqual({ keys: [], input: [], hint: 'delivered' });
  });

  it('drops English instructions, arrows and all, but keeps keys that end in a dot', () => {
    expect(readKeyArea('STM-20US-9QK2\nRedeem it in Steam → Games → Redeem a Steam Wallet Code.').keys).toEqual([
      'STM-20US-9QK2',
    ]);
    expect(readKeyArea('ABCD EFGH IJKL MNOP.').keys).toEqual(['ABCD EFGH IJKL MNOP.']);
  });

  it('recognises the buyer’s echoed input by its shape', () => {
    for (const line of [
      'QQ账号:2853761049',
      '充值账号：13912345678',
      '游戏ID：wzry_88231',
      '下单ＱＱ：10001',
      '原神UID:118765432',
    ])
      expect(readKeyArea(line).input).toEqual([line]);
    for (const line of ['备注：尽快', '区服:天空岛', '角色名：小明']) {
      expect(readKeyArea(line).input).toEqual([line]);
      expect(readKeyArea(line).recipient).toBeUndefined();
    }
    expect(readKeyArea('QQ账号:2853761049\n游戏ID：abc').recipient).toBe('2853761049');
  });

  it('keeps sold accounts as keys: an account with its password is a key, not input', () => {
    expect(readKeyArea('QQ号：123456789 密码：abc123').keys).toEqual(['QQ号：123456789 密码：abc123']);
    expect(readKeyArea('账号：steam_user01\n密码：Pa55word').keys).toEqual(['账号：steam_user01', '密码：Pa55word']);
    expect(readKeyArea('卡号：8800123 密码：x9y8').keys).toEqual(['卡号：8800123 密码：x9y8']);
  });

  it('treats a line equal to the order’s contact as input', () => {
    expect(readKeyArea('buyer@example.com\nKEY-1', 'buyer@example.com')).toEqual({
      keys: ['KEY-1'],
      input: ['buyer@example.com'],
      recipient: 'buyer@example.com',
    });
    expect(readKeyArea('联系：13912345678', '13912345678').input).toEqual(['联系：13912345678']);
  });
});

describe('the contact', () => {
  it('takes the labelled contact first, the echoed recipient account only where the page labels none', () => {
    const input = ['QQ账号:2853761049', '区服:安卓QQ区'];
    const raw = { orderNo: 'K2M9PQ4XW7RT5ZBA', status: '待处理', input };
    expect(buildOrder('test', { ...raw, contact: 'buyer@qq.com' })!.contact).toBe('buyer@qq.com');
    expect(buildOrder('test', { ...raw, contact: '13912345678' })!.contact).toBe('13912345678');
    expect(buildOrder('test', raw)!.contact).toBe('2853761049');
    expect(buildOrder('test', { ...raw, contact: '—' })!.contact).toBe('2853761049');
  });

  it('finds the recipient among input lines whose labels the shop chose', () => {
    expect(inputRecipient(['游戏区服：天空岛', '手机号：13912345678'])).toBe('13912345678');
    expect(inputRecipient(['QQ账号:2853761049'])).toBe('2853761049');
    expect(inputRecipient(['区服:安卓QQ区', '充值的号:10086'])).toBe('10086');
    expect(inputRecipient(['区服:安卓QQ区', '备注：尽快发'])).toBeUndefined();
    expect(inputRecipient(['下单密码：********'])).toBeUndefined();
    expect(inputRecipient([])).toBeUndefined();
  });
});
