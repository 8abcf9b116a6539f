/**
 * 微信支付投诉: the path to the complaint (or 申请退款) and a short description. The WeChat form is the tightest,
 * so the statement, the claim and one order-page capture come first; the rest is dropped when it does not fit.
 */
import { fitSections, type Section } from '../fit';
import { citeSection, evidenceSection } from '../sections';
import type { Builder } from './builder';
import { billTip, complaintStatement, rebuttal, recipientLine, refundClaim } from './payment';

export const buildWechat: Builder = (f, limit) => {
  const zh = f.locale === 'zh_CN';
  const sections: Section[] = [
    { lines: [complaintStatement(f)], priority: 0 },
    { lines: [rebuttal(f)].filter((x): x is string => !!x), priority: 1 },
    evidenceSection(f, 2, { pageFirst: true, minLines: 1 }),
    { lines: recipientLine(f), priority: 3 },
    { lines: [refundClaim(f)], priority: 0 },
    citeSection(f, 4, true),
  ];
  return {
    body: fitSections(sections, { limit, sectionSep: '\n', lineSep: '\n' }),
    reason: zh ? '未收到货' : 'Goods not received (未收到货)',
    path: zh
      ? '微信 → 我 → 服务 → 钱包 → 账单 → 找到这笔付款 → 订单详情 → 投诉 / 申请退款'
      : 'WeChat → Me (我) → Services (服务) → Wallet (钱包) → Bills (账单) → this payment → Order details (订单详情) → Complain / Request refund (投诉 / 申请退款)',
    tips: [
      billTip(f),
      zh
        ? `选“申请退款”时填写金额${f.amount ? ` ${f.amount}` : ''}；商家通常须在 1 天内首次回复。`
        : `With "Request refund", enter the amount${f.amount ? ` ${f.amount}` : ''}; the shop normally has to reply within 1 day.`,
    ],
  };
};
