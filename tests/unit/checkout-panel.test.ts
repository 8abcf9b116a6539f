import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { panelLines, type PanelInput } from '@/lib/checkout/panel-model';
import { fieldLines, KIND_KEY, type FieldState } from '@/lib/checkout/field-lines';
import { createPanel, translator, type PanelView, type Translate } from '@/lib/checkout/panel';
import { startPanel, type CheckoutPanel } from '@/lib/checkout/run';
import { formFromRefs } from '@/lib/checkout/form-refs';
import { watchBuyFormInTab } from '@/lib/checkout/in-tab';
import type { CheckoutSeenData } from '@/lib/messaging/schemas';
import { takeSnapshot } from '@/lib/extract/snapshot';
import { readShopPage } from '@/lib/snapshot-reader';
import { PAGE_MESSAGE_KEYS, pageMessages, word } from '@/lib/checkout/messages';
import type { FieldKind } from '@/lib/checkout/field-kind';
import { PROBLEM_CODES } from '@/lib/checkout/validate';
import { PROBLEM_KINDS } from '@/lib/checkout/shop-summary';
import { TERM_ORDER } from '@/lib/checkout/title-terms';
import { formatMessage, type ChromeMessage } from '@/lib/reminders/messages';

const load = (locale: string): Record<string, ChromeMessage> =>
  JSON.parse(readFileSync(join(__dirname, '../../public/_locales', locale, 'messages.json'), 'utf8'));
const zhMessages = load('zh_CN');
const enMessages = load('en');
/** chrome.i18n.getMessage with the shipped zh_CN texts. */
const zh: Translate = (key, subs) => (zhMessages[key] ? formatMessage(zhMessages[key], subs) : key);
/** What the background sends the page: the zh_CN templates with their placeholders left in. */
const ZH_MESSAGES = pageMessages(zh);
const kindName = (kind: FieldKind): string => zh(KIND_KEY[kind]);

const base = (over: Partial<PanelInput> = {}): PanelInput => ({ locale: 'zh_CN', terms: [], ...over });

describe('panel words', () => {
  it('every message either side can build exists in zh_CN and en, with the same placeholders', () => {
    const keys = new Set<string>(PAGE_MESSAGE_KEYS);
    const fields: FieldState[] = PROBLEM_CODES.map((code) => ({
      label: 'F',
      kind: 'qq',
      value: 'x',
      problem: { code, severity: 'warn' },
    }));
    for (const line of fieldLines([...fields, { label: 'F', kind: 'qq', value: '1' }], 'full', kindName).alerts)
      expect(PAGE_MESSAGE_KEYS, `${line.key} is sent to the page`).toContain(line.key);
    const inputs: PanelInput[] = [
      base({
        product: 'P',
        terms: TERM_ORDER.map((kind) => ({ kind, text: 'w', value: 1 })),
        shop: {
          orders: 3,
          onTime: 1,
          late: 1,
          never: 1,
          open: 1,
          medianDeliveryMs: 60_000,
          lastProblem: { kind: 'late', at: 0, overdueMs: 1 },
          slowerThanPromise: 1,
        },
        icp: '京ICP备12345678号',
        stock: { level: 'low', count: 1, text: '库存1' },
        promise: { kind: 'promise', text: '24小时内到账', value: 1440 },
      }),
      base({ stock: { level: 'low', text: '所剩无几' } }),
      base({ stock: { level: 'out', count: 0, text: '库存不足' } }),
      ...PROBLEM_KINDS.map((kind) =>
        base({ shop: { orders: 1, onTime: 0, late: 0, never: 1, open: 0, lastProblem: { kind, at: 0 } } }),
      ),
    ];
    for (const input of inputs) {
      const lines = panelLines(input);
      for (const line of [...lines.terms, ...lines.shop, ...lines.signals]) keys.add(line.key);
    }
    for (const key of keys) {
      expect(zhMessages[key], key).toBeDefined();
      expect(enMessages[key], key).toBeDefined();
      expect(Object.keys(enMessages[key]!.placeholders ?? {}), key).toEqual(
        Object.keys(zhMessages[key]!.placeholders ?? {}),
      );
    }
    expect(keys.size).toBeGreaterThan(50);
  });

  it('are sent to the page as templates and filled there in one pass', () => {
    expect(ZH_MESSAGES.checkout_problem_qq_length).toBe('「$1」：QQ号是 5 到 11 位数字，这里是 $2 位。');
    const t = translator(ZH_MESSAGES);
    expect(t('checkout_problem_qq_length', ['QQ$2', '4'])).toBe('「QQ$2」：QQ号是 5 到 11 位数字，这里是 4 位。');
    expect(t('checkout_field_ok', ['x'])).toBe(zh('checkout_field_ok', ['x']));
    for (const key of PAGE_MESSAGE_KEYS) expect(ZH_MESSAGES[key], key).not.toBe(key);
  });
});

describe('fieldLines', () => {
  it('names the field and what is wrong, and nothing for a valid value', () => {
    const lines = fieldLines(
      [
        { label: 'QQ账号', kind: 'qq', value: '13812345678', problem: { code: 'looks_like_phone', severity: 'check' } },
        { label: 'QQ号', kind: 'qq', value: '1234', problem: { code: 'qq_length', severity: 'warn' } },
        { label: '邮箱', kind: 'email', value: 'a@b.com' },
        { label: '备用', kind: 'qq', value: '' },
      ],
      'full',
      kindName,
    );
    expect(word(lines.alerts, zh)).toEqual([
      '「QQ账号」：这看起来是手机号（11 位，1 开头），这一栏要填的是 QQ号。',
      '「QQ号」：QQ号是 5 到 11 位数字，这里是 4 位。',
    ]);
    expect(word(lines.fieldsOk, zh)).toEqual(['「邮箱」格式没有问题']);
  });

  it('keeps only the warnings in recipient mode', () => {
    const lines = fieldLines(
      [
        { label: 'QQ', kind: 'qq', value: '0123', problem: { code: 'qq_leading_zero', severity: 'warn' } },
        { label: '邮箱', kind: 'email', value: 'a@b.com' },
      ],
      'recipient',
      kindName,
    );
    expect([lines.alerts.length, lines.fieldsOk.length]).toEqual([1, 0]);
  });
});

describe('panelLines', () => {
  it("shows the buyer's record, the last problem with its date, and the signals as facts", () => {
    const lines = panelLines(
      base({
        shop: {
          orders: 5,
          onTime: 2,
          late: 2,
          never: 1,
          open: 1,
          medianDeliveryMs: 12 * 60_000,
          lastProblem: {
            kind: 'late',
            product: '腾讯视频VIP 月卡',
            at: Date.parse('2026-11-30T12:00:00+08:00'),
            overdueMs: 3 * 3600_000,
          },
          slowerThanPromise: 2,
        },
        promise: { kind: 'promise', text: '24小时内到账', value: 1440 },
        stock: { level: 'low', count: 2, text: '库存：2' },
      }),
    );
    expect(word(lines.shop, zh)).toEqual([
      '在这里下过 5 单：按时到 2，超时 2，没到 1。',
      '到货时间中位数：12 分钟。',
      '还有 1 单在等。',
      '最近一次问题（2026年11月30日）：「腾讯视频VIP 月卡」超过承诺时间 3 小时。',
    ]);
    expect(word(lines.signals, zh)).toEqual([
      '这家店的页面上没有看到 ICP 备案号。',
      '库存只剩 2（页面写的是「库存：2」）。',
      '本页承诺「24小时内到账」；你在这家店有 2 单用时超过了这个时间。',
    ]);
    // the page's promise is a term to confirm too
    expect(word(lines.terms, zh)).toEqual(['承诺：24小时内到账']);
  });

  it('says "first order here", and the ICP number with the record when a page showed one', () => {
    expect(word(panelLines(base()).shop, zh)).toEqual(['你第一次在这家店下单。']);
    const lines = panelLines(base({ icp: '京ICP备12345678号-1' }));
    expect(word(lines.shop, zh)).toEqual(['你第一次在这家店下单。', '页面上的备案号：京ICP备12345678号-1']);
    expect(lines.signals).toEqual([]);
  });
});

describe('createPanel', () => {
  afterEach(() => {
    for (const el of Array.from(document.querySelectorAll('[data-kamiguard]'))) el.remove();
  });
  const empty: PanelView = { alerts: [], fieldsOk: [], terms: [], shop: ['你第一次在这家店下单。'], signals: [] };

  it('lives in an open shadow root with an alert region, and shows page text as text', () => {
    const onClose = vi.fn();
    const panel = createPanel(document, zh, { onClose, onHideShop: vi.fn() });
    const root = panel.host.shadowRoot!;
    expect(root.mode).toBe('open');
    expect(panel.host.getAttribute('data-kamiguard')).toBe('checkout');
    expect(panel.host.isConnected).toBe(false); // it enters the page on its first render
    const alert = root.querySelector('[role="alert"]')!;
    expect(alert.textContent).toBe('');
    const hostile = '<img src=x onerror="window.pwned=1">';
    panel.render({ ...empty, alerts: [{ text: hostile, severity: 'check' }], terms: [hostile] }, false);
    expect(document.querySelector('[data-kamiguard="checkout"]')).toBe(panel.host);
    expect(root.querySelector('img')).toBeNull();
    expect(alert.textContent).toContain(hostile);
    expect(root.querySelector('input[type="checkbox"]')).not.toBeNull();
    // keyboard reachable: real buttons
    const buttons = Array.from(root.querySelectorAll('button'));
    expect(buttons.map((b) => b.textContent)).toEqual(['×', '在此店不再显示']);
    buttons[0]!.click();
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('in compact mode shows only warnings, hides itself while there are none, and × hides those warnings', () => {
    const panel = createPanel(document, zh, { onClose: vi.fn(), onHideShop: vi.fn() });
    panel.render(empty, true);
    expect(panel.host.style.getPropertyValue('display')).toBe('none');
    panel.render({ ...empty, alerts: [{ text: 'A' }] }, true);
    expect(panel.host.style.getPropertyValue('display')).toBe('block');
    expect(panel.host.shadowRoot!.querySelector('.p')!.classList.contains('compact')).toBe(true);
    panel.host.shadowRoot!.querySelector('button')!.click();
    expect(panel.host.style.getPropertyValue('display')).toBe('none');
    panel.render({ ...empty, alerts: [{ text: 'A' }] }, true);
    expect(panel.host.style.getPropertyValue('display')).toBe('none');
    panel.render({ ...empty, alerts: [{ text: 'B' }] }, true);
    expect(panel.host.style.getPropertyValue('display')).toBe('block');
  });
});

const shadow = (): ShadowRoot => document.querySelector('[data-kamiguard="checkout"]')!.shadowRoot!;

const typeInto = (selector: string, value: string): void => {
  const input = document.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
};

describe('a buy page read from its snapshot, and the panel told what to show', () => {
  const html = readFileSync(join(__dirname, '../fixtures-checkout/dujiaoka-unicorn-daichong.html'), 'utf8');
  const PAGE_URL = 'https://xinghe.example.cn/buy/7';
  let panel: CheckoutPanel | undefined;
  afterEach(() => {
    panel?.stop();
    panel = undefined;
    document.documentElement.innerHTML = '<head></head><body></body>';
  });

  /** The page as the browser shows it, without its stylesheets and scripts (neither loads here). */
  function open(): void {
    document.documentElement.innerHTML = html
      .replace(/^[\s\S]*?<html[^>]*>/, '')
      .replace(/<\/html>\s*$/, '')
      .replace(/<link[^>]*>/g, '')
      .replace(/<script[\s\S]*?<\/script>/g, '');
  }
  /** What the background reads from the page's snapshot (lib/snapshot-reader.ts), as the page test asked. */
  function read() {
    const reading = readShopPage({ url: PAGE_URL, ...takeSnapshot(document)!, buyForm: true });
    expect(reading.copyDiffers).toBeUndefined();
    return reading.buyPage;
  }
  function start(): CheckoutPanel {
    panel = startPanel({ doc: document, hide: async () => ({ mode: 'recipient' }) });
    return panel;
  }

  it('finds the form in the copy, with the texts for the facts, and names its elements for the page', () => {
    open();
    const found = read()!;
    expect(found.page).toMatchObject({ product: '腾讯视频VIP会员 月卡 代充' });
    expect(found.page.pageText).toContain('付款后 24小时内到账');
    expect(found.page.badges).toContain('人工处理');
    expect(found.form.fields.map((f) => [f.kind, f.label])).toEqual([
      ['email', '邮箱'],
      ['qq', 'QQ账号'],
    ]);
    const form = formFromRefs(document, found.form)!;
    expect(form.fields.map((f) => f.input.id)).toEqual(['email', 'qq_account']);
    expect(form.area.contains(document.querySelector('#qq_account'))).toBe(true);
  });

  it('shows the words, and checks the QQ field as the buyer types', () => {
    open();
    const found = read()!;
    start().show(formFromRefs(document, found.form), {
      mode: 'full',
      messages: ZH_MESSAGES,
      lines: { terms: ['时长：月卡（约 30 天）'], shop: ['在这里下过 2 单：按时到 0，超时 2，没到 0。'], signals: [] },
    });
    expect(shadow().textContent).toContain('在这里下过 2 单：按时到 0，超时 2，没到 0。');
    expect(shadow().textContent).toContain('时长：月卡（约 30 天）');

    typeInto('#qq_account', '13812345678');
    expect(shadow().querySelector('[role="alert"]')!.textContent).toBe(
      '「QQ账号」：这看起来是手机号（11 位，1 开头），这一栏要填的是 QQ号。',
    );
    typeInto('#qq_account', '12345');
    expect(shadow().querySelector('[role="alert"]')!.textContent).toBe('');
    expect(shadow().textContent).toContain('「QQ账号」格式没有问题');
    typeInto('#qq_account', '1234');
    expect(shadow().querySelector('[role="alert"]')!.textContent).toContain('这里是 4 位');
    // the page's form is untouched
    expect(document.querySelector<HTMLInputElement>('#qq_account')!.value).toBe('1234');
    expect(document.querySelector('form')!.querySelectorAll('[data-kamiguard]')).toHaveLength(0);
  });

  it('reads what the buyer typed before the copy, and a box the page hides is no field', () => {
    open();
    document.querySelector<HTMLInputElement>('#qq_account')!.value = '0123';
    const snapshot = takeSnapshot(document)!;
    // The page hides the e-mail box (a style the copy does not have): the snapshot says so by the box's index.
    const boxes = Array.from(document.body.querySelectorAll('textarea, input'));
    snapshot.hidden = [boxes.indexOf(document.querySelector('#email')!)];
    const found = readShopPage({ url: PAGE_URL, ...snapshot, buyForm: true }).buyPage!;
    expect(found.form.fields.map((f) => f.label)).toEqual(['QQ账号']);
    start().show(formFromRefs(document, found.form), { mode: 'recipient', messages: ZH_MESSAGES });
    expect(shadow().querySelector('[role="alert"]')!.textContent).toContain('不会以 0 开头');
  });

  it('does not look for a form unless asked, nor on a page with orders', () => {
    open();
    expect(readShopPage({ url: PAGE_URL, ...takeSnapshot(document)! }).buyPage).toBeUndefined();
  });

  it('names nothing once the page changed under the copy; its next snapshot names the form again', () => {
    open();
    const found = read()!;
    document.body.prepend(document.createElement('div'));
    expect(formFromRefs(document, found.form)).toBeUndefined();
    const again = read()!;
    expect(formFromRefs(document, again.form)?.fields.map((f) => f.input.id)).toEqual(['email', 'qq_account']);
  });

  it('on a page a snapshot cannot carry, the finder in the tab asks with the page texts, shows the answer, reads changes', async () => {
    open();
    const seen = vi.fn(async (_data: CheckoutSeenData) => ({
      mode: 'full' as const,
      messages: ZH_MESSAGES,
      lines: { terms: ['时长：月卡（约 30 天）'], shop: [], signals: [] },
    }));
    const timers: Array<() => void> = [];
    const stopWatching = watchBuyFormInTab(
      {
        doc: document,
        url: () => PAGE_URL,
        seen,
        setTimeout: (fn) => timers.push(fn),
        clearTimeout: () => undefined,
        visible: () => true,
      },
      start(),
    );
    await vi.waitFor(() => expect(document.querySelector('[data-kamiguard="checkout"]')).not.toBeNull());
    expect(seen).toHaveBeenCalledOnce();
    expect(seen.mock.calls[0]![0]).toMatchObject({ url: PAGE_URL, product: '腾讯视频VIP会员 月卡 代充' });
    expect(shadow().textContent).toContain('时长：月卡（约 30 天）');
    typeInto('#qq_account', '13812345678');
    expect(shadow().querySelector('[role="alert"]')!.textContent).toContain('手机号');

    // The page changes: read again once quiet; the same page and product are not asked about again.
    const before = timers.length;
    document.querySelector('form')!.append(document.createElement('span'));
    await vi.waitFor(() => expect(timers.length).toBeGreaterThan(before));
    timers.at(-1)!();
    expect(seen).toHaveBeenCalledOnce();
    // The form goes (a single-page shop's route): so does the panel.
    document.querySelector('form')!.remove();
    await vi.waitFor(() => expect(timers.length).toBeGreaterThan(before + 1));
    timers.at(-1)!();
    expect(document.querySelector('[data-kamiguard]')).toBeNull();
    stopWatching();
  });

  it('shows nothing when the buyer turned it all off, only warnings on a hidden shop, and goes with the form', async () => {
    open();
    const found = read()!;
    start().show(formFromRefs(document, found.form), { mode: 'off' });
    expect(document.querySelector('[data-kamiguard]')).toBeNull();
    expect(panel!.stopped).toBe(true);

    start().show(formFromRefs(document, found.form), { mode: 'recipient', messages: ZH_MESSAGES });
    const host = document.querySelector<HTMLElement>('[data-kamiguard="checkout"]')!;
    expect(host.style.getPropertyValue('display')).toBe('none');
    typeInto('#qq_account', '0123');
    expect(host.style.getPropertyValue('display')).toBe('block');
    expect(shadow().querySelector('[role="alert"]')!.textContent).toContain('不会以 0 开头');
    // A single-page shop moved on: the form is gone, so is the panel.
    panel!.show(undefined, { mode: 'recipient', messages: ZH_MESSAGES });
    expect(document.querySelector('[data-kamiguard]')).toBeNull();
  });
});
