/**
 * 商家工单 / 邮件: the complete letter. All facts, what happened when, what was already tried, the evidence list,
 * one ask with a deadline, and what the buyer does after it. Sections are dropped from the end of this list of
 * priorities when the letter runs long: citation, what was done, timeline, evidence; the facts and the ask stay.
 */
import { fitSections, type Section } from '../fit';
import { truncateSafe } from '../sanitize';
import {
  citeSection,
  doneSection,
  escalation,
  evidenceSection,
  join,
  lowerFirst,
  orderRef,
  orderSection,
  problemSentence,
  statusSentence,
  timelineSection,
} from '../sections';
import type { Facts } from '../facts';
import type { Builder } from './builder';

const TITLE_LIMIT = 120;

function title(f: Facts): string {
  const zh = f.locale === 'zh_CN';
  if (f.problem === 'invalid_key') {
    return zh
      ? `${orderRef(f)} 的卡密无法使用，请更换或退款`
      : `${orderRef(f, true)}: the card key does not work, please replace it or refund`;
  }
  if (zh) return `${orderRef(f)} 付款${f.elapsed ? ` ${f.elapsed} ` : ''}后仍未收到卡密，请补发或退款`;
  return `${orderRef(f, true)}: no card key${f.elapsed ? ` ${f.elapsed}` : ''} after payment, please deliver or refund`;
}

/** The ask with its deadline and the next step after it. */
export function askLines(f: Facts): string[] {
  const zh = f.locale === 'zh_CN';
  const invalid = f.problem === 'invalid_key';
  const when = f.deadline && f.deadlineIn;
  if (zh) {
    return [
      join([
        when ? `请在 ${f.deadlineIn} 内，即 ${f.deadline} 前，` : '请尽快',
        invalid ? '更换有效卡密' : '将卡密发放到订单页或收货账号',
        '，或原路全额退款',
        f.amount && ` ${f.amount}`,
        '。',
      ]),
      `${when ? '逾期' : '如'}未处理，我将${escalation(f)}。`,
    ];
  }
  return [
    join([
      invalid ? 'Please send a working key' : 'Please deliver the card key to the order page or the recipient account',
      when ? ` within ${f.deadlineIn}, by ${f.deadline},` : ' as soon as possible,',
      ' or refund',
      f.amount ? ` the full ${f.amount}` : ' the full amount',
      ' to the original payment method.',
    ]),
    `If it is not resolved${when ? ' by then' : ''}, I will ${escalation(f)}.`,
  ];
}

export const buildTicket: Builder = (f, limit) => {
  const zh = f.locale === 'zh_CN';
  const { p } = f;
  const overdue =
    f.problem === 'not_delivered' && f.window
      ? zh
        ? join([`贵店承诺 ${f.window} 内发货`, f.overdueBy && `，现已超时 ${f.overdueBy}`, '。'])
        : join([
            `Your shop promises delivery within ${f.window}`,
            f.overdueBy && `; it is now ${f.overdueBy} overdue`,
            '.',
          ])
      : undefined;
  const intro = join(
    [
      zh ? `您好，${problemSentence(f)}` : `Hello, ${lowerFirst(problemSentence(f))}`,
      f.problem === 'not_delivered' ? statusSentence(f) : undefined,
      overdue,
    ],
    zh ? '' : ' ',
  );
  const sections: Section[] = [
    { lines: [intro], priority: 0 },
    orderSection(f, 0, { withKey: f.problem === 'invalid_key' }),
    timelineSection(f, 2),
    doneSection(f, 3),
    evidenceSection(f, 1, { numbered: true, minLines: 3 }),
    { heading: p.head(p.heading.ask), lines: askLines(f), priority: 0 },
    citeSection(f, 4),
  ];
  return {
    title: truncateSafe(title(f), TITLE_LIMIT),
    body: fitSections(sections, { limit, sectionSep: '\n\n', lineSep: '\n' }),
  };
};
