/**
 * 12315: the structure 《市场监督管理投诉举报处理暂行办法》 asks for: the complainant (name, phone, address: the
 * user's own, left as marked placeholders), the respondent (name, site, any contact or operator found), the claim,
 * the disputed facts in order, and the evidence. 发卡 shops rarely show an operator name or 统一社会信用代码, so the
 * draft says so and asks the user to add them if found.
 */
import { fitSections } from '../fit';
import {
  citeSection,
  doneSection,
  evidenceSection,
  join,
  orderSection,
  problemSentence,
  timelineSection,
} from '../sections';
import type { Builder } from './builder';
import { field, fieldsBody } from './builder';

/*
 * Field limits: the 12315 web form's limits are not published (unverified). These keep each field to what an
 * officer reads in one pass and below the sizes common to government web forms.
 */
const CLAIM_LIMIT = 200;
const FACTS_LIMIT = 1500;
const EVIDENCE_LIMIT = 800;

export const build12315: Builder = (f) => {
  const zh = f.locale === 'zh_CN';
  const { p } = f;
  const invalid = f.problem === 'invalid_key';
  const complainant = zh
    ? ['姓名：【请填写您的真实姓名】', '电话：【请填写您的手机号】', '地址：【请填写您的地址】']
    : ['Name: [fill in your full name]', 'Phone: [fill in your phone number]', 'Address: [fill in your address]'];
  const respondent = [
    p.kv(
      zh ? '名称' : 'Name',
      f.shopName ?? f.site ?? (zh ? '【请填写网站或店铺名称】' : '[fill in the website or shop name]'),
    ),
    f.siteUrl && p.kv(p.label.site, f.siteUrl),
    f.shopContact && p.kv(p.label.shopContact, f.shopContact),
    p.kv(
      p.label.company,
      f.company ??
        (zh
          ? '【网站未公示经营者全称和统一社会信用代码，如查到请补充】'
          : '[the site shows no operator name or unified social credit code; add them if you find them]'),
    ),
  ].filter((x): x is string => !!x);
  const claim = zh
    ? join([
        invalid ? '请求经营者更换有效卡密' : '请求经营者按约定发放已付款的卡密',
        '，或退还货款',
        f.amount && ` ${f.amount}`,
        '。',
      ])
    : join([
        invalid
          ? 'That the operator replaces the key with a working one'
          : 'That the operator delivers the card key I paid for',
        ', or refunds',
        f.amount ? ` the ${f.amount} paid` : ' the price paid',
        '.',
      ]);
  const facts = fitSections(
    [
      { lines: [problemSentence(f)], priority: 0 },
      orderSection(f, 0, { withKey: invalid }),
      timelineSection(f, 1, true),
      doneSection(f, 2),
      citeSection(f, 3),
    ],
    { limit: FACTS_LIMIT, sectionSep: '\n\n', lineSep: '\n' },
  );
  const evidence = fitSections([evidenceSection(f, 0, { numbered: true, heading: false })], {
    limit: EVIDENCE_LIMIT,
    sectionSep: '\n',
    lineSep: '\n',
  });
  const labels = zh
    ? { complainant: '投诉人', respondent: '被投诉人', claim: '投诉诉求', facts: '争议事实', evidence: '证据清单' }
    : {
        complainant: 'Complainant',
        respondent: 'Respondent',
        claim: 'Claim',
        facts: 'Disputed facts',
        evidence: 'Evidence',
      };
  const fields = [
    field(labels.complainant, complainant.join('\n')),
    field(labels.respondent, respondent.join('\n')),
    field(labels.claim, claim, CLAIM_LIMIT),
    field(labels.facts, facts, FACTS_LIMIT),
    ...(evidence ? [field(labels.evidence, evidence, EVIDENCE_LIMIT)] : []),
  ];
  return {
    body: fieldsBody(fields, p.head),
    fields,
    path: zh
      ? '全国12315平台（12315.cn）或“全国12315”小程序 → 我要投诉'
      : 'National 12315 platform (12315.cn) or the 全国12315 mini program → File a complaint (我要投诉)',
    tips: [
      zh
        ? '投诉人信息须填写本人真实信息；受理与否一般在 7 个工作日内告知。'
        : 'Fill in your own real details; acceptance is normally decided within 7 working days.',
      zh
        ? '上传订单页截图、付款凭证和客服聊天记录；证据清单中的 SHA-256 可证明文件未被修改。'
        : 'Upload the order page screenshots, payment receipt and support chats; the SHA-256 values show the files are unchanged.',
    ],
  };
};
