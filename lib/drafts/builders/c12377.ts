/**
 * 网信办 12377 (违法和不良信息举报): a report of the shop's site rather than a claim against a seller. It names the
 * site (URL, host, the ICP 备案 number a page of it showed), what was paid and when, what was promised, whom the buyer
 * already contacted and the evidence kept. 12377 handles illegal and harmful online information; it does not get
 * money back, and the draft says so plainly, in its request and in the first tip beside it.
 */
import { fitSections } from '../fit';
import { doneSection, evidenceSection, join, orderSection, problemSentence, timelineSection } from '../sections';
import type { Facts } from '../facts';
import type { Builder } from './builder';
import { field, fieldsBody } from './builder';

/*
 * Field limits: the 12377.cn form's limits are not published (unverified); these match the 12315 draft's, what an
 * officer reads in one pass.
 */
const CATEGORY_LIMIT = 100;
const REQUEST_LIMIT = 200;
const FACTS_LIMIT = 1500;
const EVIDENCE_LIMIT = 800;

/** The site reported: name, URL, host and ICP number (or a note that no page showed one). */
function siteLines(f: Facts): string[] {
  const zh = f.locale === 'zh_CN';
  const { p } = f;
  return [
    p.kv(
      zh ? '网站名称' : 'Site name',
      f.shopName ?? f.site ?? (zh ? '【请填写网站名称】' : '[fill in the site name]'),
    ),
    f.siteUrl && p.kv(p.label.site, f.siteUrl),
    f.site && p.kv(p.label.host, f.site),
    p.kv(
      p.label.icp,
      f.icp ??
        (zh
          ? '【网站页面未显示ICP备案号，如查到请补充】'
          : '[no page of the site showed an ICP filing number; add it if you find one]'),
    ),
  ].filter((x): x is string => !!x);
}

/** The promise and how far past it, as one sentence, when the window is known. */
function promiseSentence(f: Facts): string | undefined {
  if (f.problem !== 'not_delivered' || !f.window) return undefined;
  return f.locale === 'zh_CN'
    ? join([`网站承诺 ${f.window} 内发货`, f.overdueBy && `，现已超时 ${f.overdueBy}`, '。'])
    : join([`The site promises delivery within ${f.window}`, f.overdueBy && `; it is now ${f.overdueBy} overdue`, '.']);
}

export const build12377: Builder = (f) => {
  const zh = f.locale === 'zh_CN';
  const { p } = f;
  const invalid = f.problem === 'invalid_key';
  // "Suspected": the buyer reports what happened to them, the authority decides what it is.
  const category = zh
    ? join([
        '涉嫌网络诈骗：',
        invalid ? '收款后发放无法使用的卡密' : '收款后不发货',
        f.contacted ? '，联系商家未获处理' : '',
      ])
    : join([
        'Suspected online fraud: ',
        invalid ? 'took payment and sent a card key that does not work' : 'took payment and delivered nothing',
        f.contacted ? '; contacting the shop did not resolve it' : '',
      ]);
  const request = zh
    ? '请核查该网站并依法处理。本举报不涉及退款：12377 不是退款渠道，退款另行通过支付渠道和 12315 申请。'
    : 'Please look into this site and deal with it as the law provides. This report asks for no refund: 12377 is not a refund channel; the refund is claimed through the payment provider and 12315.';
  const facts = fitSections(
    [
      { lines: [join([problemSentence(f), promiseSentence(f)], zh ? '' : ' ')], priority: 0 },
      orderSection(f, 0, { maskContact: true, withKey: invalid }),
      doneSection(f, 1),
      timelineSection(f, 2, true),
    ],
    { limit: FACTS_LIMIT, sectionSep: '\n\n', lineSep: '\n' },
  );
  const evidence = fitSections([evidenceSection(f, 0, { numbered: true, heading: false })], {
    limit: EVIDENCE_LIMIT,
    sectionSep: '\n',
    lineSep: '\n',
  });
  const labels = zh
    ? { site: '被举报网站', category: '举报类型', facts: '举报内容', evidence: '证据清单', request: '举报诉求' }
    : {
        site: 'Site reported',
        category: 'Type',
        facts: 'Report',
        evidence: 'Evidence',
        request: 'Request',
      };
  const fields = [
    field(labels.site, siteLines(f).join('\n')),
    field(labels.category, category, CATEGORY_LIMIT),
    field(labels.facts, facts, FACTS_LIMIT),
    ...(evidence ? [field(labels.evidence, evidence, EVIDENCE_LIMIT)] : []),
    field(labels.request, request, REQUEST_LIMIT),
  ];
  return {
    body: fieldsBody(fields, p.head),
    fields,
    path: zh
      ? '中央网信办违法和不良信息举报中心：12377.cn → 我要举报（或“网络举报”App）'
      : 'CAC Illegal and Harmful Information Reporting Center: 12377.cn → report (我要举报), or the 网络举报 app',
    tips: [
      zh
        ? '12377 受理违法和不良信息举报，不是退款渠道：它不会帮您拿回钱款。要退款，请走支付宝/微信支付投诉和 12315。'
        : '12377 takes reports of illegal and harmful online information; it is not a refund channel and will not get your money back. For a refund, complain through Alipay / WeChat Pay and 12315.',
      ...(f.icp
        ? []
        : [
            zh
              ? 'ICP 备案号可在工业和信息化部政务服务平台的 ICP/IP 地址/域名信息备案管理系统（beian.miit.gov.cn）按域名查询。'
              : "The ICP filing number can be looked up by domain in MIIT's ICP filing system (beian.miit.gov.cn).",
          ]),
      zh
        ? '附上订单页截图、付款凭证和客服聊天记录；证据清单中的 SHA-256 可证明文件未被修改。'
        : 'Attach the order page screenshots, payment receipt and support chats; the SHA-256 values show the files are unchanged.',
    ],
  };
};
