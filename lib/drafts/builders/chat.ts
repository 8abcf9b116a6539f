/**
 * 商家在线客服: a short, precise first message. It names the order, the time and amount paid, how long it has been,
 * what is missing and where it should go, and asks for one thing. No law and no threats: a first message that reads
 * like a complaint gets a slower answer than a clear one.
 */
import { fitSections } from '../fit';
import { formatElapsed } from '../format';
import { join, lowerFirst, problemSentence, statusSentence } from '../sections';
import type { Builder } from './builder';

/** The chat asks for delivery within this time: short, because a chat is answered now or not at all. */
const CHAT_REPLY_MS = 60 * 60_000;

export const buildChat: Builder = (f, limit) => {
  const zh = f.locale === 'zh_CN';
  const within = formatElapsed(CHAT_REPLY_MS, f.locale);
  const invalid = f.problem === 'invalid_key';
  // Only what the user marked as done: "I prepared a ticket" means nothing to the shop.
  const lastDone = f.lastMarked;
  const greeting = zh ? '您好，' : 'Hello, ';
  const first = problemSentence(f);
  const sections = [
    { lines: [`${greeting}${zh ? first : lowerFirst(first)}`], priority: 0 },
    { lines: [invalid ? undefined : statusSentence(f)].filter((x): x is string => !!x), priority: 2 },
    {
      lines: f.contact ? [zh ? `收货账号：${f.contact}。` : `Recipient account: ${f.contact}.`] : [],
      priority: 1,
    },
    { lines: lastDone ? [zh ? `此前：${lastDone}。` : `Earlier: ${lastDone}.`] : [], priority: 4 },
    {
      lines:
        f.evidenceTotal > 0
          ? [
              zh
                ? `我已保存 ${f.evidenceTotal} 项证据（含采集时间与 SHA-256）。`
                : `I have kept ${f.evidenceTotal} evidence items with capture times and SHA-256 hashes.`,
            ]
          : [],
      priority: 3,
    },
    {
      lines: [
        zh
          ? join([
              invalid ? `请在 ${within} 内更换有效卡密` : `请在 ${within} 内补发卡密`,
              '；如无法处理，请原路退款',
              f.amount && ` ${f.amount}`,
              '。谢谢！',
            ])
          : join([
              invalid ? `Please send a working key within ${within}` : `Please deliver the key within ${within}`,
              ', or refund',
              f.amount && ` ${f.amount}`,
              ' to my payment method. Thanks.',
            ]),
      ],
      priority: 0,
    },
  ];
  return { body: fitSections(sections, { limit, sectionSep: f.p.sentenceSep, lineSep: f.p.sentenceSep }) };
};
