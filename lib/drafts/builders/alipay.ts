/**
 * 支付宝交易投诉: the reason to pick, the in-app path, and a description written to survive the merchant's
 * "03 已发货" reply: the order page showed no key, with the capture times and hashes that show it. The evidence list
 * is never dropped entirely here (at least one capture stays): it is the point of the description.
 */
import { fitSections, type Section } from '../fit';
import { citeSection, doneSection, evidenceSection } from '../sections';
import type { Builder } from './builder';
import { billTip, complaintStatement, rebuttal, recipientLine, refundClaim } from './payment';

export const buildAlipay: Builder = (f, limit) => {
  const zh = f.locale === 'zh_CN';
  const sections: Section[] = [
    { lines: [complaintStatement(f)], priority: 0 },
    { lines: [rebuttal(f)].filter((x): x is string => !!x), priority: 0 },
    evidenceSection(f, 0, { pageFirst: true, minLines: 1 }),
    { lines: recipientLine(f), priority: 2 },
    doneSection(f, 3),
    { lines: [refundClaim(f)], priority: 0 },
    citeSection(f, 4, true),
  ];
  return {
    body: fitSections(sections, { limit, sectionSep: '\n', lineSep: '\n' }),
    // Alipay lists fixed reasons; a key that cannot be used is still not a delivery, so 未收到货 fits both cases.
    reason: zh ? '未收到货' : 'Goods not received (未收到货)',
    path: zh
      ? '支付宝 → 我的 → 账单 → 找到这笔付款 → 投诉 / 申请售后'
      : 'Alipay app → Me (我的) → Bills (账单) → open this payment → Complain / After-sales (投诉 / 申请售后)',
    tips: [
      billTip(f),
      zh
        ? '可上传订单页截图和付款凭证作为图片证据；商家答复后，在协商记录中补充说明。'
        : 'Attach the order page screenshots and the payment receipt as images; answer the shop in the negotiation record.',
    ],
  };
};
