/**
 * One-click complaint drafts: `buildDraft(channel, input)` turns an order, its timeline and its evidence into the
 * text for one channel, in zh_CN or English. Pure: `now` is passed in, nothing is read from a clock or storage.
 */
import { buildAlipay } from './builders/alipay';
import type { Builder } from './builders/builder';
import { build12315 } from './builders/c12315';
import { build12377 } from './builders/c12377';
import { buildChat } from './builders/chat';
import { buildHeimao } from './builders/heimao';
import { buildInvalidKey } from './builders/invalid-key';
import { buildTicket } from './builders/ticket';
import { buildWechat } from './builders/wechat';
import { channelMeta } from './channels';
import { collectFacts } from './facts';
import type { Draft, DraftChannel, DraftInput } from './types';

const BUILDERS: Record<DraftChannel, Builder> = {
  chat: buildChat,
  ticket: buildTicket,
  invalid_key: buildInvalidKey,
  alipay: buildAlipay,
  wechat: buildWechat,
  c12315: build12315,
  heimao: buildHeimao,
  c12377: build12377,
};

/**
 * Builds the draft for `channel`. The body fits the channel's limit (less important sections are dropped first);
 * facts the order lacks are left out, never printed as "undefined" or empty brackets.
 */
export function buildDraft(channel: DraftChannel, input: DraftInput): Draft {
  const meta = channelMeta(channel);
  const facts = collectFacts(channel, input);
  const parts = BUILDERS[channel](facts, meta.limit);
  const draft: Draft = { channel, locale: input.locale, ...parts, length: parts.body.length };
  if (meta.limit !== undefined) draft.limit = meta.limit;
  return draft;
}

export { CHANNELS, channelMeta, channelsForStep, draftChannels, isDraftChannel } from './channels';
export { formatAmount, formatElapsed } from './format';
export { maskContact, maskKey } from './sanitize';
export type {
  ChannelMeta,
  Draft,
  DraftChannel,
  DraftClock,
  DraftField,
  DraftInput,
  DraftLadderStep,
  DraftLocale,
  KeyIssue,
} from './types';
