/**
 * 卡密无效 / 已被使用: the message to the shop about a delivered key that does not work. The key is masked except
 * its last 4 characters (enough for the shop to find it), with when it was delivered and what redemption said.
 */
import { fitSections, type Section } from '../fit';
import {
  citeSection,
  doneSection,
  evidenceSection,
  lowerFirst,
  orderRef,
  orderSection,
  problemSentence,
  timelineSection,
} from '../sections';
import type { Builder } from './builder';
import { askLines } from './ticket';

export const buildInvalidKey: Builder = (f, limit) => {
  const zh = f.locale === 'zh_CN';
  const { p } = f;
  const sections: Section[] = [
    { lines: [zh ? `您好，${problemSentence(f)}` : `Hello, ${lowerFirst(problemSentence(f))}`], priority: 0 },
    // The key, its delivery and the redemption message are in the first sentence already.
    orderSection(f, 1),
    timelineSection(f, 4),
    evidenceSection(f, 3, { numbered: true }),
    doneSection(f, 5),
    { heading: p.head(p.heading.ask), lines: askLines(f), priority: 0 },
    // Above the evidence list: a key that "was delivered" is exactly where the shop argues.
    citeSection(f, 2),
  ];
  return {
    title: zh ? `${orderRef(f)} 的卡密无法使用` : `${orderRef(f, true)}: the card key does not work`,
    body: fitSections(sections, { limit, sectionSep: '\n\n', lineSep: '\n' }),
    tips: [
      zh
        ? '附上兑换失败页面的截图；不要在公开场合发布完整卡密。'
        : 'Attach a screenshot of the failed redemption; never post the full key in public.',
    ],
  };
};
