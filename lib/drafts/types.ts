import type { EventRecord, EvidenceRecord, OrderRecord } from '@/lib/db/types';

/** Locales drafts are written in (the extension's _locales ids). */
export type DraftLocale = 'zh_CN' | 'en';

/**
 * One complaint channel, one draft:
 * - `chat`: 商家在线客服, a short precise message;
 * - `ticket`: 商家工单 / 邮件, the complete letter with a deadline;
 * - `alipay`: 支付宝交易投诉 description (with the reason to pick and the in-app path);
 * - `wechat`: 微信支付投诉 description (with the in-app path);
 * - `c12315`: 12315 complaint in the structure the platform asks for;
 * - `heimao`: 黑猫投诉 title, description and 诉求;
 * - `c12377`: 网信办 12377 report of the shop's site (违法和不良信息举报; not a refund channel);
 * - `invalid_key`: message to the shop about a delivered key that does not work (卡密无效/已被使用).
 */
export type DraftChannel = 'chat' | 'ticket' | 'alipay' | 'wechat' | 'c12315' | 'heimao' | 'c12377' | 'invalid_key';

/** The escalation-ladder step a channel belongs to (the step the clock says is current is offered first). */
export type DraftLadderStep = 'contact_support' | 'payment_complaint' | 'regulator_complaint';

/** Static facts about a channel. */
export interface ChannelMeta {
  id: DraftChannel;
  step: DraftLadderStep;
  /** Button label per locale. */
  label: Record<DraftLocale, string>;
  /** Length limit of the text the user pastes (`Draft.body`), in UTF-16 code units; undefined = no limit. */
  limit?: number;
  /** Whether the draft cites the law (with a not-legal-advice line). The first chat message deliberately does not. */
  cites: boolean;
}

/** What the user reported about a delivered key that does not work. */
export interface KeyIssue {
  /** 'invalid' = 卡密无效 / 错误; 'used' = 已被使用. */
  kind?: 'invalid' | 'used';
  /** The key that failed; defaults to the order's only key. Drafts show it masked except its last 4 characters. */
  key?: string;
  /** What the redemption page said, verbatim ("该卡密已被使用"). */
  message?: string;
  /** Epoch ms of the failed redemption. */
  redeemedAt?: number;
  /** Epoch ms when the key was delivered; defaults to the first `card_keys_found` event. */
  deliveredAt?: number;
}

/** The delay clock's reading, as computed by the escalation layer (drafts never read a clock). */
export interface DraftClock {
  elapsedMs: number;
  windowMs: number;
  overdue: boolean;
}

/** Everything a draft is built from. */
export interface DraftInput {
  order: OrderRecord;
  /** The order's timeline; events of other orders are ignored. */
  events: EventRecord[];
  /** The order's evidence; items of other orders are ignored. */
  evidence: EvidenceRecord[];
  /** Epoch ms "now", passed in so drafts are pure. */
  now: number;
  locale: DraftLocale;
  clock?: DraftClock;
  /**
   * Facts about the shop found elsewhere (its page footer, the user's notes). `icp`: the ICP 备案 number a page of the
   * shop showed (the `shops` table), as printed there.
   */
  shop?: { name?: string; contact?: string; company?: string; icp?: string };
  /** Epoch ms by which the shop must deliver or refund (ticket / invalid key); computed when absent. */
  deadline?: number;
  /** Set for a delivered key that does not work: every channel then tells that story instead of non-delivery. */
  keyIssue?: KeyIssue;
}

/** One field of a structured form (12315, 黑猫, the payment apps), ready to paste into the field of that name. */
export interface DraftField {
  label: string;
  value: string;
  /** The field's length limit, when it has one. */
  limit?: number;
  /** `value.length` (UTF-16 code units, as a form's maxlength counts). */
  length: number;
}

/** A finished draft: plain text, never markup. */
export interface Draft {
  channel: DraftChannel;
  locale: DraftLocale;
  /** Subject line (ticket / e-mail) or complaint title (黑猫). */
  title?: string;
  /** The text to copy. For the payment apps this is the description field; for 12315 / 黑猫 all fields in order. */
  body: string;
  fields?: DraftField[];
  /** `body`'s length limit, when the channel has one. */
  limit?: number;
  /** `body.length` in UTF-16 code units (what a form's maxlength counts). */
  length: number;
  /** Where to file it in the app or site, e.g. 我的 → 账单 → 找到订单 → 投诉/申请售后. */
  path?: string;
  /** The complaint reason to pick, e.g. 未收到货. */
  reason?: string;
  /** Short practical hints shown beside the draft (how to find the bill, what to attach). */
  tips?: string[];
}
