/**
 * 黑猫投诉: title, description and 诉求. Complaints there are published, so the recipient account is masked and the
 * key (for the invalid-key case) is already masked everywhere.
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
import { truncateSafe } from '../sanitize';
import type { Facts } from '../facts';
import type { Builder } from './builder';
import { field, fieldsBody, firstFitting } from './builder';

/*
 * Field limits: the title's 30 characters follow what the 黑猫 form allows for a title as users report it (the
 * primary rules are unverified); the 诉求 and description limits are unverified and kept conservative.
 */
const TITLE_LIMIT = 30;
const DEMAND_LIMIT = 100;
const DESCRIPTION_LIMIT = 2000;
/** Room for the shop's name in the title. */
const TITLE_SHOP_LIMIT = 14;

function title(f: Facts): string {
  const zh = f.locale === 'zh_CN';
  const invalid = f.problem === 'invalid_key';
  const shopName = f.shopName ?? f.site;
  const shop = shopName ? truncateSafe(shopName, TITLE_SHOP_LIMIT) : undefined;
  const candidates = zh
    ? [
        shop && (invalid ? `${shop}卡密无法使用，要求退款` : `${shop}付款后不发卡密，要求退款`),
        invalid ? '商家发放的卡密无法使用，要求退款' : '付款后商家不发卡密，要求退款',
      ]
    : [
        shop && (invalid ? `${shop}: key invalid, refund` : `${shop}: no key, refund`),
        invalid ? 'Card key invalid, want refund' : 'Paid, no card key: refund',
      ];
  return firstFitting(
    candidates.filter((c): c is string => !!c),
    TITLE_LIMIT,
  );
}

export const buildHeimao: Builder = (f) => {
  const zh = f.locale === 'zh_CN';
  const { p } = f;
  const invalid = f.problem === 'invalid_key';
  const demand = zh
    ? join(['要求商家退还货款', f.amount && ` ${f.amount}`, invalid ? '，或更换有效卡密' : '，或立即发放卡密'])
    : join([
        'Refund',
        f.amount ? ` of ${f.amount}` : ' of the price',
        invalid ? ', or a working key' : ', or the card key now',
      ]);
  const description = fitSections(
    [
      { lines: [problemSentence(f)], priority: 0 },
      orderSection(f, 0, { maskContact: true, withKey: invalid }),
      timelineSection(f, 2),
      evidenceSection(f, 1, { numbered: true, minLines: 2 }),
      doneSection(f, 3),
      citeSection(f, 4),
    ],
    { limit: DESCRIPTION_LIMIT, sectionSep: '\n\n', lineSep: '\n' },
  );
  const t = title(f);
  const labels = zh
    ? { title: '投诉标题', description: '投诉描述', demand: '诉求' }
    : { title: 'Title', description: 'Description', demand: 'Demand' };
  const fields = [
    field(labels.title, t, TITLE_LIMIT),
    field(labels.description, description, DESCRIPTION_LIMIT),
    field(labels.demand, demand, DEMAND_LIMIT),
  ];
  return {
    title: t,
    body: fieldsBody(fields, p.head),
    fields,
    path: zh ? '黑猫投诉（tousu.sina.com.cn）→ 发起投诉' : 'Heimao (tousu.sina.com.cn) → File a complaint (发起投诉)',
    tips: [
      zh
        ? '黑猫投诉会公开展示：草稿已隐去收货账号和卡密的大部分字符，上传截图前也请遮住个人信息。'
        : 'Heimao complaints are public: the draft masks the recipient account and key; cover personal details on screenshots too.',
    ],
  };
};
