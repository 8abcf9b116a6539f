/**
 * report.html of the evidence bundle: one self-contained, printable page (no scripts, no external resources;
 * images are data: URIs) with the orders' facts, timelines, evidence and drafts. zh-CN labels, English in small
 * type. Every value from a page goes through the escaping `html` builder.
 */
import type { EvidenceKind, EvidenceRecord, EventRecord, TimestampFacts } from '@/lib/db/types';
import type { OrderStatus } from '@/lib/extract/types';
import type { ChainBreakReason } from '../db/chain';
import { html, trustedHtml, type SafeHtml } from './html';
import {
  EVENT_KIND_LABELS,
  EVIDENCE_CHECKLIST,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_SOURCE_LABELS,
  ORDER_STATUS_LABELS,
  type Localized,
} from './labels';
import type { ManifestChainEntry, ManifestEvidenceEntry, ManifestOrder } from './manifest';

/** What the report shows for an evidence item besides its facts. */
export interface ReportPreview {
  /** data: URI of an image (thumbnail or the image itself). */
  dataUri?: string;
  /** Text content of a text record (already truncated). */
  text?: string;
}

export interface ReportInput {
  generatedAt: number;
  orders: ManifestOrder[];
  /** Keyed by `previewKey(orderIndex, seq)`. */
  previews: Map<string, ReportPreview>;
  signed: boolean;
  /** The bundle carries manifest.tsr, a trusted timestamp of manifest.json. */
  timestamped?: boolean;
  /** Offset used to print times; default 480 (China time, UTC+08:00). */
  utcOffsetMinutes?: number;
}

/** Key of an item's preview in `ReportInput.previews`. */
export function previewKey(orderIndex: number, seq: number): string {
  return `${orderIndex}:${seq}`;
}

const REASON_LABELS: Record<ChainBreakReason, Localized> = {
  unchained: { zh_CN: '记录缺少哈希', en: 'record without hash' },
  modified: { zh_CN: '记录内容被修改', en: 'record modified' },
  removed: { zh_CN: '前一条记录缺失', en: 'preceding record missing' },
  reordered: { zh_CN: '记录顺序被改变', en: 'records reordered' },
  truncated: { zh_CN: '末尾记录被删除', en: 'last record(s) removed' },
  unanchored: { zh_CN: '存在未登记的追加记录', en: 'records appended outside the log' },
  head_mismatch: { zh_CN: '最后一条记录被替换', en: 'last record replaced' },
  anchor_missing: { zh_CN: '缺少链头登记', en: 'chain anchor missing' },
};

const STYLE = trustedHtml(`
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 960px; padding: 24px; color: #111; background: #fff;
  font: 14px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #333; }
h3 { font-size: 16px; margin: 20px 0 8px; }
small, .en { color: #555; font-size: 0.78em; font-weight: normal; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f3f3f3; }
table.kv th { white-space: nowrap; width: 1%; }
table.timeline { table-layout: fixed; }
table.timeline th:nth-child(1) { width: 3em; }
table.timeline th:nth-child(2) { width: 11em; }
table.timeline th:nth-child(4) { width: 10.5em; }
.mono, code { font-family: ui-monospace, "SFMono-Regular", Consolas, monospace; font-size: 12px; word-break: break-all; }
.ok { color: #0a6b2d; }
tr.broken td { background: #fdecee; color: #b00020; } .bad { color: #b00020; font-weight: bold; }
.banner { border: 2px solid; padding: 8px 12px; margin: 8px 0; }
.banner.ok { border-color: #0a6b2d; background: #eef8f1; } .banner.bad { border-color: #b00020; background: #fdecee; }
.checklist { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 8px 24px; }
figure.evidence { margin: 12px 0; padding: 8px; border: 1px solid #ccc; }
figure.evidence img { display: block; max-width: 100%; height: auto; border: 1px solid #ddd; margin-bottom: 8px; }
figure.evidence pre, .draft pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f7f7; padding: 8px;
  max-height: 480px; overflow: auto; font-size: 12px; }
.noimg { color: #555; font-style: italic; }
.stamp { border: 1px solid #0a6b2d; background: #f4faf6; padding: 8px 12px; margin-bottom: 8px; }
.cmd { font-family: ui-monospace, "SFMono-Regular", Consolas, monospace; font-size: 12px; background: #f3f3f3;
  padding: 4px 8px; overflow-wrap: anywhere; }
.draft { border-left: 4px solid #999; padding-left: 12px; margin: 12px 0; }
footer { margin-top: 40px; border-top: 1px solid #ccc; color: #333; font-size: 13px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  @page { size: A4; margin: 14mm; }
  section.order { break-before: page; }
  figure.evidence, tr, .draft { break-inside: avoid; }
  figure.evidence pre, .draft pre { max-height: none; overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`);

function bi(label: Localized): SafeHtml {
  return html`${label.zh_CN} <small lang="en">${label.en}</small>`;
}

function biText(zh: string, en: string): SafeHtml {
  return bi({ zh_CN: zh, en });
}

/** `2024-05-01 12:00:00 UTC+08:00` for the given offset. */
export function formatTime(ms: number, utcOffsetMinutes = 480): string {
  if (!Number.isFinite(ms)) return '—';
  const shifted = new Date(ms + utcOffsetMinutes * 60_000).toISOString();
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  const offset = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)} UTC${sign}${offset}`;
}

function statusLabel(status: unknown): SafeHtml | string {
  const label = ORDER_STATUS_LABELS[status as OrderStatus];
  return label ? bi(label) : String(status ?? '');
}

function str(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Label/value table rows; a value that is missing or empty leaves its row out. */
function kvRows(rows: readonly [SafeHtml, unknown][]): SafeHtml[] {
  return rows
    .filter(([, v]) => v !== undefined && v !== '')
    .map(
      ([k, v]) =>
        html`<tr>
          <th>${k}</th>
          <td>${v}</td>
        </tr>`,
    );
}

function factRows(order: Record<string, unknown>, offset: number): SafeHtml[] {
  const time = (v: unknown): string | undefined => (typeof v === 'number' ? formatTime(v, offset) : str(v));
  const amount =
    order.amount !== undefined
      ? `${str(order.amount) ?? ''}${order.currency ? ` ${str(order.currency)}` : ''}`
      : undefined;
  const delivery =
    order.deliveryMode === 'auto'
      ? biText('自动发货', 'automatic')
      : order.deliveryMode === 'manual'
        ? biText('人工发货', 'manual')
        : undefined;
  const cardKeys = Array.isArray(order.cardKeys) ? order.cardKeys.map((k) => String(k)).join('\n') : undefined;
  const rows: [SafeHtml, unknown][] = [
    [biText('订单号', 'Order no.'), html`<span class="mono">${str(order.orderNo)}</span>`],
    [biText('订单来源', 'Entry'), entryLabel(order.entry)],
    [biText('网站', 'Site'), str(order.site)],
    [biText('平台', 'Platform'), str(order.platform)],
    [biText('商品', 'Product'), str(order.productName)],
    [biText('数量', 'Quantity'), str(order.quantity)],
    [biText('金额', 'Amount'), amount],
    [biText('支付方式', 'Payment method'), str(order.paymentMethod)],
    [biText('下单时间', 'Ordered at'), str(order.orderedAt)],
    [biText('支付时间', 'Paid at'), str(order.paidAt)],
    [
      biText('状态', 'Status'),
      order.status !== undefined
        ? html`${statusLabel(order.status)}${order.statusText ? html`（页面原文 <small>page text</small>：${str(order.statusText)}）` : ''}`
        : undefined,
    ],
    [biText('联系方式', 'Contact'), str(order.contact)],
    [biText('发货方式', 'Delivery'), delivery],
    [biText('卡密', 'Card keys'), cardKeys ? html`<pre class="mono">${cardKeys}</pre>` : undefined],
    [biText('用户确认付款', 'User confirmed payment'), time(order.userPaidAt)],
    [biText('检测到支付成功', 'Payment success seen'), time(order.paymentSeenAt)],
    [biText('首次发现', 'First seen'), time(order.firstSeenAt)],
    [biText('最后发现', 'Last seen'), time(order.lastSeenAt)],
    [biText('页面地址', 'URL'), order.url ? html`<span class="mono">${str(order.url)}</span>` : undefined],
    [biText('页面标题', 'Page title'), str(order.pageTitle)],
    [biText('了结时间', 'Resolved at'), time(order.resolvedAt)],
    [biText('结果', 'Outcome'), str(order.outcome)],
  ];
  return kvRows(rows);
}

/**
 * Where the order came from: read from a shop page, or entered by the buyer by hand (whose facts are the buyer's own
 * statement from the payment record, and a reader of the report must be able to tell).
 */
function entryLabel(entry: unknown): SafeHtml | undefined {
  if (entry === 'buyer')
    return html`<b
      >${biText('买家手动录入（依据付款记录，非从订单页读取）', 'entered by the buyer by hand (from the payment record, not read from an order page)')}</b
    >`;
  if (entry === 'page') return biText('从商店订单页读取', 'read from the shop’s order page');
  return undefined;
}

function eventSummary(record: Partial<EventRecord>): SafeHtml {
  const parts: (SafeHtml | string)[] = [];
  if (record.kind === 'first_seen' && record.detail === 'buyer') {
    parts.push(biText('买家手动录入', 'entered by the buyer'));
    return html`${statusLabel(record.status)} · ${parts[0]!}`;
  }
  if (record.kind === 'status_changed') {
    parts.push(html`${statusLabel(record.previousStatus)} → ${statusLabel(record.status)}`);
  } else if (record.status) {
    parts.push(statusLabel(record.status));
  }
  if (record.statusText) parts.push(html`“${record.statusText}”`);
  if (record.action) parts.push(record.action);
  if (record.detail) parts.push(record.detail);
  if (record.url) parts.push(html`<span class="mono">${record.url}</span>`);
  return html`${parts.map((p, i) => html`${i ? ' · ' : ''}${p}`)}`;
}

function timelineRow(orderIndex: number, entry: ManifestChainEntry, offset: number, broken: boolean): SafeHtml {
  const record = entry.record;
  let what: SafeHtml;
  if (entry.type === 'event') {
    const e = record as Partial<EventRecord>;
    const label = EVENT_KIND_LABELS[e.kind as EventRecord['kind']];
    what = html`<b>${label ? bi(label) : e.kind}</b> ${eventSummary(e)}`;
  } else {
    const e = record as Partial<EvidenceRecord>;
    const label = EVIDENCE_KIND_LABELS[e.kind as EvidenceKind];
    what = html`<b>${biText('证据', 'Evidence')}：${label ? bi(label) : e.kind}</b>
      <a href="#o${orderIndex}-s${entry.seq}">${biText('查看', 'view')}</a>`;
  }
  const t = entry.type === 'event' ? (record.at as number) : (record.capturedAt as number);
  return html`<tr class="${broken ? 'broken' : ''}">
    <td>${broken ? '✘ ' : ''}${entry.seq + 1}</td>
    <td>${formatTime(t, offset)}</td>
    <td>${what}</td>
    <td class="mono">${entry.hash ? entry.hash.slice(0, 16) : '—'}</td>
  </tr>`;
}

function fileStatus(entry: ManifestEvidenceEntry): SafeHtml {
  if (entry.file === 'ok') return html`<span class="ok">${biText('文件哈希一致', 'file matches its hash')}</span>`;
  if (entry.file === 'missing') return html`<span class="bad">${biText('文件缺失', 'file missing')}</span>`;
  return html`<span class="bad">${biText('文件哈希不一致', 'file does not match its hash')}</span>
    <span class="mono">${entry.fileSha256}</span>`;
}

/** A stored token's facts as the record carries them (`timestamp` on a kind 'timestamp' row), if well-formed. */
function stampFacts(record: Record<string, unknown>): TimestampFacts | undefined {
  const t = record.timestamp as Partial<TimestampFacts> | undefined;
  return record.kind === 'timestamp' && t && typeof t.imprint === 'string' && typeof t.time === 'string'
    ? (t as TimestampFacts)
    : undefined;
}

/** What a stored timestamp token says and how anyone checks it with OpenSSL. */
function stampDetails(entry: ManifestEvidenceEntry, facts: TimestampFacts, seqOf: Map<string, number>, offset: number) {
  const stampedSeq = seqOf.get(facts.imprint);
  const ms = Date.parse(facts.time);
  const token = entry.path ?? 'token.tsr';
  return html`<div class="stamp">
    <table class="kv">
      ${kvRows([
        [biText('时间戳机构', 'Authority'), facts.authority],
        [biText('机构时间', 'Authority’s time'), html`${formatTime(ms, offset)} <small>(${facts.time})</small>`],
        [biText('序列号', 'Serial'), html`<span class="mono">${facts.serial}</span>`],
        [
          biText('盖章的哈希', 'Stamped hash'),
          html`<span class="mono">${facts.imprint}</span><br />${
              stampedSeq === undefined
                ? biText('即当时的证据链链头', 'the evidence chain’s head at the time')
                : biText(
                    `即第 ${stampedSeq + 1} 条记录的哈希：当时的证据链链头，涵盖它和之前的全部记录`,
                    `the hash of record ${stampedSeq + 1}: the chain head then, covering it and every record before it`,
                  )
            }`,
        ],
        [biText('机构策略', 'Policy'), html`<span class="mono">${facts.policy}</span>`],
      ])}
    </table>
    <p>
      ${biText('用 OpenSSL 核验（需要该机构的 CA 证书）：', 'Check it with OpenSSL (you need the authority’s CA certificate):')}
    </p>
    <p class="cmd">
      openssl ts -verify -digest ${facts.imprint} -in ${token} -CAfile ${'<机构CA证书 authority-ca>.pem'}
    </p>
    <p>
      ${biText(
        `若该机构的证书已过期，加上 -attime ${Number.isFinite(ms) ? Math.floor(ms / 1000) : '<盖章时间的 Unix 秒数>'}（盖章时间）在当时核验证书。`,
        `If the authority’s certificate has expired since, add -attime ${Number.isFinite(ms) ? Math.floor(ms / 1000) : '<Unix time of the stamp>'} (the stamp’s time) to check it as of then.`,
      )}
    </p>
  </div>`;
}

function evidenceFigure(
  orderIndex: number,
  entry: ManifestEvidenceEntry,
  preview: ReportPreview | undefined,
  offset: number,
  seqOf: Map<string, number>,
): SafeHtml {
  const r = entry.record as Partial<EvidenceRecord>;
  const stamp = stampFacts(entry.record);
  const kind = EVIDENCE_KIND_LABELS[r.kind as EvidenceKind];
  const source = EVIDENCE_SOURCE_LABELS[r.source as EvidenceRecord['source']];
  const caption = `${kind?.zh_CN ?? r.kind} ${r.sha256 ?? ''}`;
  const media = stamp
    ? stampDetails(entry, stamp, seqOf, offset)
    : preview?.dataUri
      ? html`<img src="${preview.dataUri}" alt="${caption}" />`
      : preview?.text !== undefined
        ? html`<pre>${preview.text}</pre>`
        : html`<p class="noimg">${biText('此处不显示预览，请打开文件', 'no preview here; open the file')}</p>`;
  const rows: [SafeHtml, unknown][] = [
    [biText('类型', 'Kind'), kind ? bi(kind) : r.kind],
    [biText('来源', 'Made'), source ? bi(source) : r.source],
    [biText('截取时间', 'Captured'), typeof r.capturedAt === 'number' ? formatTime(r.capturedAt, offset) : undefined],
    [biText('网址', 'URL'), r.url ? html`<span class="mono">${r.url}</span>` : undefined],
    [biText('页面标题', 'Page title'), r.pageTitle],
    [biText('备注', 'Note'), r.note],
    [html`SHA-256`, html`<span class="mono">${r.sha256}</span>`],
    [
      biText('大小', 'Size'),
      typeof r.size === 'number' ? `${r.size.toLocaleString('en-US')} bytes · ${r.mime ?? ''}` : undefined,
    ],
    [biText('文件', 'File'), entry.path ? html`<a class="mono" href="${entry.path}">${entry.path}</a>` : undefined],
    [biText('校验', 'Check'), fileStatus(entry)],
  ];
  return html`<figure class="evidence" id="o${orderIndex}-s${entry.seq}">
    ${media}
    <figcaption>
      <table class="kv">
        ${kvRows(rows)}
      </table>
    </figcaption>
  </figure>`;
}

function chainBanner(order: ManifestOrder): SafeHtml {
  const v = order.chain.verification;
  if (v.ok) {
    return html`<div class="banner ok">
      ✔ ${biText('哈希链完整', 'hash chain intact')}：${v.count}
      ${biText('条记录', 'records')}，${biText('链头', 'head')} <span class="mono">${v.head}</span>
    </div>`;
  }
  const at = v.brokenAt + 1;
  return html`<div class="banner bad">
    ✘ ${biText('哈希链异常', 'hash chain broken')}：${biText(`第 ${at} 条记录`, `record ${at}`)} —
    ${bi(REASON_LABELS[v.reason])}
  </div>`;
}

/** The order's stored trusted timestamps at a glance, linked to their details. */
function stampBanner(order: ManifestOrder, orderIndex: number, offset: number): SafeHtml | string {
  const stamps = order.evidence.flatMap((e) => {
    const facts = stampFacts(e.record);
    return facts ? [{ entry: e, facts }] : [];
  });
  if (!stamps.length) return '';
  return html`<div class="banner ok">
    ✔
    ${biText('可信时间戳', 'trusted timestamps')}：${stamps.map(
      ({ entry, facts }, i) =>
        html`${i ? '；' : ''}<a href="#o${orderIndex}-s${entry.seq}"
            >${facts.authority} ${formatTime(Date.parse(facts.time), offset)}</a
          >`,
    )}
    <br /><small
      >${biText(
        '独立的时间戳机构证明：盖章时，此前的全部记录和证据已经存在，且之后没有改动。',
        'An independent authority attests that every record and item before the stamp existed then, unchanged since.',
      )}</small
    >
  </div>`;
}

function orderSection(order: ManifestOrder, orderIndex: number, input: ReportInput): SafeHtml {
  const offset = input.utcOffsetMinutes ?? 480;
  const facts = order.order;
  const entries = [...order.events, ...order.evidence].sort((a, b) => a.seq - b.seq);
  const seqOf = new Map(entries.flatMap((e) => (e.hash ? [[e.hash, e.seq] as const] : [])));
  const checklist = EVIDENCE_CHECKLIST.map((def) => {
    const item = order.checklist.find((c) => c.id === def.id);
    return item?.present
      ? html`<li class="ok">✔ ${bi(def.label)} (${item.count})</li>`
      : html`<li class="bad">✘ ${bi(def.label)} — ${biText('缺少', 'missing')}</li>`;
  });
  return html`<section class="order" id="order-${orderIndex}">
    <h2>${biText('订单', 'Order')} <span class="mono">${str(facts.orderNo)}</span> — ${str(facts.site)}</h2>
    ${chainBanner(order)} ${stampBanner(order, orderIndex, offset)}
    <h3>${biText('订单信息', 'Order facts')}</h3>
    <table class="kv">
      ${factRows(facts, offset)}
    </table>
    <h3>${biText('证据清单', 'Evidence checklist')}</h3>
    <ul class="checklist">
      ${checklist}
    </ul>
    <h3>${biText('时间线', 'Timeline')}</h3>
    <table class="timeline">
      <thead>
        <tr>
          <th>#</th>
          <th>${biText('时间', 'Time')}</th>
          <th>${biText('内容', 'What')}</th>
          <th>${biText('记录哈希', 'Record hash')}</th>
        </tr>
      </thead>
      <tbody>
        ${entries.map((e) => timelineRow(orderIndex, e, offset, !order.chain.verification.ok && order.chain.verification.brokenAt === e.seq))}
      </tbody>
    </table>
    <h3>${biText('证据', 'Evidence')} (${order.evidence.length})</h3>
    ${order.evidence.map((e) => evidenceFigure(orderIndex, e, input.previews.get(previewKey(orderIndex, e.seq)), offset, seqOf))}
    ${
      order.drafts.length
        ? html`<h3>${biText('投诉草稿', 'Complaint drafts')}</h3>
            ${order.drafts.map(
              (d) =>
                html`<div class="draft">
                  <h4>${d.channel}${d.title ? html` — ${d.title}` : ''}</h4>
                  <pre>${d.body}</pre>
                </div>`,
            )}`
        : ''
    }
    <h3>${biText('完整性', 'Integrity')}</h3>
    <table class="kv">
      <tr>
        <th>${biText('创世值', 'Genesis')}</th>
        <td class="mono">${order.chain.genesis}</td>
      </tr>
      <tr>
        <th>${biText('链头', 'Head')}</th>
        <td class="mono">${order.chain.head}</td>
      </tr>
      <tr>
        <th>${biText('记录数', 'Records')}</th>
        <td>${order.chain.count}</td>
      </tr>
    </table>
  </section>`;
}

/** How the trusted timestamps cover the bundle, and the OpenSSL commands. */
function timestampFooter(input: ReportInput): SafeHtml | string {
  const hasStored = input.orders.some((o) => o.evidence.some((e) => stampFacts(e.record)));
  if (!input.timestamped && !hasStored) return '';
  return html`<h3>${biText('可信时间戳', 'Trusted timestamps')}</h3>
    ${
      input.timestamped
        ? html`<p>
              ${biText(
                'manifest.tsr 是独立的时间戳机构按 RFC 3161 对 manifest.json 的 SHA-256 签发的时间戳。manifest.json 列出了包内其他每个文件（包括本报告和各订单保存的时间戳文件）的 SHA-256，所以这一个时间戳覆盖整个证据包：它证明这些文件在盖章时已经存在，之后没有改动。manifest.tsr 和 manifest.sig.json 是由 manifest.json 的最终内容生成的，因此不在它的文件列表里（manifest.json 的 detached 一项说明了它们），各自直接对照 manifest.json 核验。本报告写在 manifest.json 之前，所以印不出 manifest.tsr 的时间和序列号；查看它们：',
                'manifest.tsr is an RFC 3161 timestamp of manifest.json’s SHA-256 by an independent authority. manifest.json lists the SHA-256 of every other file (this report and each order’s stored timestamp tokens included), so this one stamp covers the whole bundle: the files existed when it was made and are unchanged since. manifest.tsr and manifest.sig.json are made from manifest.json’s final bytes, so they are not in its file list (its "detached" entry names them); each is checked directly against manifest.json. This report is written before manifest.json, so it cannot print manifest.tsr’s time and serial; to see them:',
              )}
            </p>
            <p class="cmd">openssl ts -reply -in manifest.tsr -text</p>
            <p>${biText('核验：', 'To check it:')}</p>
            <p class="cmd">
              openssl ts -verify -data manifest.json -in manifest.tsr -CAfile ${'<机构CA证书 authority-ca>.pem'}
            </p>`
        : ''
    }
    <p>
      ${biText(
        '订单中的“可信时间戳”证据是当时对证据链链头（一条记录的哈希）盖的章，保存在订单的证据链里：用上面各条给出的 openssl ts -verify -digest 命令核验；再按 manifest.json 的 chainAlgorithm 重新计算那条记录的哈希，即可确认盖章的正是这条链。机构的 CA 证书请从该机构官网获取；OpenSSL 提示缺少中间证书时，用 -untrusted 指定中间证书文件。显示“Verification: OK”即通过。',
        'Each order’s “trusted timestamp” items stamp the evidence chain’s head then (one record’s hash) and are kept in the order’s chain: check each with the openssl ts -verify -digest command given with it, and recompute that record’s hash by manifest.json’s chainAlgorithm to see the stamp is of this chain. Get the authority’s CA certificate from the authority itself; if OpenSSL asks for an intermediate certificate, give it with -untrusted. “Verification: OK” means it passed.',
      )}
    </p>`;
}

/** Renders report.html. */
export function renderReport(input: ReportInput): string {
  const offset = input.utcOffsetMinutes ?? 480;
  const summary = input.orders.map(
    (o, i) =>
      html`<tr>
        <td>
          <a href="#order-${i}" class="mono">${str(o.order.orderNo)}</a>${
            o.order.entry === 'buyer'
              ? html` <small class="entry">${biText('手动录入', 'entered by hand')}</small>`
              : ''
          }
        </td>
        <td>${str(o.order.site)}</td>
        <td>${str(o.order.productName)}</td>
        <td>${statusLabel(o.order.status)}</td>
        <td>${o.chain.verification.ok ? html`<span class="ok">✔</span>` : html`<span class="bad">✘</span>`}</td>
      </tr>`,
  );
  const page = html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"
        />
        <meta name="referrer" content="no-referrer" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>卡密守护 证据报告 KamiGuard evidence report</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header>
          <h1>${biText('证据报告', 'Evidence report')}</h1>
          <p>${biText('卡密守护生成', 'generated by KamiGuard')} · ${formatTime(input.generatedAt, offset)}</p>
          <table>
            <thead>
              <tr>
                <th>${biText('订单号', 'Order no.')}</th>
                <th>${biText('网站', 'Site')}</th>
                <th>${biText('商品', 'Product')}</th>
                <th>${biText('状态', 'Status')}</th>
                <th>${biText('哈希链', 'Chain')}</th>
              </tr>
            </thead>
            <tbody>
              ${summary}
            </tbody>
          </table>
        </header>
        ${input.orders.map((o, i) => orderSection(o, i, input))}
        <footer>
          <h3>${biText('如何核验', 'How to verify')}</h3>
          <p>
            ${biText(
              '压缩包中 manifest.json 列出每个文件的 SHA-256。可用 shasum -a 256 文件名（macOS/Linux）或 certutil -hashfile 文件名 SHA256（Windows）计算并比对。每个订单的记录组成哈希链：每条记录包含前一条记录的哈希，修改、删除或调换任何记录都会使校验失败。',
              'manifest.json lists the SHA-256 of every file in the archive; recompute with shasum -a 256 or certutil and compare. Each order’s records form a hash chain: every record includes the previous record’s hash, so editing, deleting or reordering a record fails verification.',
            )}
          </p>
          ${
            input.signed
              ? html`<p>
                  ${biText(
                    'manifest.sig.json 含本机密钥（ECDSA P-256）对 manifest.json 的签名及公钥。',
                    'manifest.sig.json holds this installation’s ECDSA P-256 signature of manifest.json and its public key.',
                  )}
                </p>`
              : ''
          }
          ${timestampFooter(input)}
        </footer>
      </body>
    </html> `;
  return page.value;
}
