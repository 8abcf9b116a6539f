import type { ChannelMeta, DraftChannel, DraftLadderStep } from './types';

/*
 * Length limits. Only the merchant's reply limits are documented (200 characters on both Alipay and WeChat Pay,
 * see shared/research/channels-and-mechanics.md); the limits of the consumer-side description boxes are not
 * published. The numbers below are deliberately conservative so the draft pastes whole:
 * - chat 300: a first message in a shop's chat widget is read on a phone; 300 characters is about one screen, and
 *   a short precise message gets an answer sooner than a letter.
 * - ticket 3000: e-mail and 工单 text areas take long text, but past ~3000 characters nobody reads to the ask.
 * - alipay 500: the complaint description is a short free-text box; 500 holds the facts and the rebuttal of a
 *   "03 已发货" reply with capture times and hashes.
 * - wechat 300: the WeChat Pay complaint form is the tighter of the two; 300 holds the facts and the ask.
 * - invalid_key 1500: sent by e-mail or a ticket; room for the masked key, the redemption message, the facts, the
 *   evidence and the citation (a key that "was delivered" is exactly where the shop argues, so the law stays in).
 * - c12315 / heimao / c12377: structured forms; each field carries its own limit (see their builders), the body has
 *   none.
 */

/** Every channel, in ladder order: the order the popup offers the buttons in. */
export const CHANNELS: readonly ChannelMeta[] = [
  {
    id: 'chat',
    step: 'contact_support',
    label: { zh_CN: '商家在线客服', en: 'Shop live chat' },
    limit: 300,
    cites: false,
  },
  {
    id: 'ticket',
    step: 'contact_support',
    label: { zh_CN: '商家工单 / 邮件', en: 'Shop ticket / e-mail' },
    limit: 3000,
    cites: true,
  },
  {
    id: 'invalid_key',
    step: 'contact_support',
    label: { zh_CN: '卡密无效 / 已被使用', en: 'Key invalid / already used' },
    limit: 1500,
    cites: true,
  },
  {
    id: 'alipay',
    step: 'payment_complaint',
    label: { zh_CN: '支付宝交易投诉', en: 'Alipay complaint' },
    limit: 500,
    cites: true,
  },
  {
    id: 'wechat',
    step: 'payment_complaint',
    label: { zh_CN: '微信支付投诉', en: 'WeChat Pay complaint' },
    limit: 300,
    cites: true,
  },
  { id: 'c12315', step: 'regulator_complaint', label: { zh_CN: '12315 投诉', en: '12315 complaint' }, cites: true },
  { id: 'heimao', step: 'regulator_complaint', label: { zh_CN: '黑猫投诉', en: 'Heimao complaint' }, cites: true },
  // A report of the site, not a claim against a seller: no law of sale to cite (and no refund to ask for).
  {
    id: 'c12377',
    step: 'regulator_complaint',
    label: { zh_CN: '网信办 12377 举报', en: 'CAC 12377 report' },
    cites: false,
  },
];

/** All channel ids, in ladder order. */
export function draftChannels(): DraftChannel[] {
  return CHANNELS.map((c) => c.id);
}

/** The metadata of one channel. */
export function channelMeta(channel: DraftChannel): ChannelMeta {
  const meta = CHANNELS.find((c) => c.id === channel);
  if (!meta) throw new Error(`Unknown draft channel: ${String(channel)}`);
  return meta;
}

/** Channels of one ladder step, in ladder order (the popup offers the current step's channels first). */
export function channelsForStep(step: DraftLadderStep): DraftChannel[] {
  return CHANNELS.filter((c) => c.step === step).map((c) => c.id);
}

/** Whether a string is a channel id (event `detail` fields are free text). */
export function isDraftChannel(value: unknown): value is DraftChannel {
  return typeof value === 'string' && CHANNELS.some((c) => c.id === value);
}
