/** Why a trusted timestamp was not obtained. Nothing is stored when one of these is thrown. */
import type { Locale, Localized } from '../labels';

export type TimestampErrorCode =
  | 'bad_url'
  | 'unreachable'
  | 'timeout'
  | 'http'
  | 'redirected'
  | 'rejected'
  | 'wrong_imprint'
  | 'wrong_nonce'
  | 'bad_signature'
  | 'not_tsa'
  | 'malformed'
  | 'chain_broken'
  | 'not_saved';

/** Every code, for validating what crosses a message boundary. */
export const TIMESTAMP_ERROR_CODES = [
  'bad_url',
  'unreachable',
  'timeout',
  'http',
  'redirected',
  'rejected',
  'wrong_imprint',
  'wrong_nonce',
  'bad_signature',
  'not_tsa',
  'malformed',
  'chain_broken',
  'not_saved',
] as const satisfies readonly TimestampErrorCode[];

export const TIMESTAMP_ERROR_MESSAGES: Record<TimestampErrorCode, Localized> = {
  bad_url: {
    zh_CN: '时间戳服务的地址无效，请在设置里重新选择或填写（以 http:// 或 https:// 开头）。没有发出任何请求。',
    en: 'The timestamp authority’s address is not valid; choose or enter it again in the options (http:// or https://). Nothing was sent.',
  },
  unreachable: {
    zh_CN: '无法连接时间戳服务（网络不通或地址错误），没有取得时间戳。',
    en: 'The timestamp authority could not be reached (network or address); no timestamp was obtained.',
  },
  timeout: {
    zh_CN: '时间戳服务长时间没有回应，没有取得时间戳。请稍后再试。',
    en: 'The timestamp authority did not answer in time; no timestamp was obtained. Try again later.',
  },
  http: {
    zh_CN: '时间戳服务返回了错误（可能是地址不对或服务繁忙），没有取得时间戳。',
    en: 'The timestamp authority answered with an error (wrong address, or busy); no timestamp was obtained.',
  },
  redirected: {
    zh_CN: '时间戳服务把请求转到了另一个地址；为了只联系你选定的机构，没有跟过去。请在设置里填写它的最终地址。',
    en: 'The timestamp authority redirected the request elsewhere; to contact only the authority you chose, it was not followed. Enter its final address in the options.',
  },
  rejected: {
    zh_CN: '时间戳服务拒绝了请求，没有取得时间戳。',
    en: 'The timestamp authority refused the request; no timestamp was obtained.',
  },
  wrong_imprint: {
    zh_CN: '时间戳回执盖的不是所申请的哈希，已丢弃，没有保存。',
    en: 'The timestamp token stamps a different hash than the one sent; it was discarded, nothing was saved.',
  },
  wrong_nonce: {
    zh_CN: '时间戳回执的随机数与请求不符（可能是重放的旧回执），已丢弃，没有保存。',
    en: 'The timestamp token carries a different nonce than the request (a replayed token?); it was discarded, nothing was saved.',
  },
  bad_signature: {
    zh_CN: '时间戳回执的签名无法通过验证，已丢弃，没有保存。',
    en: 'The signature on the timestamp token does not verify; it was discarded, nothing was saved.',
  },
  not_tsa: {
    zh_CN: '签发回执的证书不是有效的时间戳证书，已丢弃，没有保存。',
    en: 'The certificate that signed the token is not a valid timestamping certificate; it was discarded, nothing was saved.',
  },
  malformed: {
    zh_CN: '时间戳服务的回复不是有效的 RFC 3161 回执，已丢弃，没有保存。',
    en: 'The authority’s answer is not a valid RFC 3161 response; it was discarded, nothing was saved.',
  },
  chain_broken: {
    zh_CN: '这个订单的证据链校验没有通过，不能为它申请时间戳。导出证据包可以看到是哪条记录出了问题。',
    en: 'This order’s evidence chain does not verify, so it cannot be stamped. Export the bundle to see which record is at fault.',
  },
  not_saved: {
    zh_CN: '已取得时间戳，但保存失败（存储空间不足？），没有保存任何内容。',
    en: 'The timestamp was obtained but could not be saved (storage full?); nothing was saved.',
  },
};

/** A timestamp request or its verification failed; `detail` says more (HTTP status, the authority's text). */
export class TimestampError extends Error {
  override name = 'TimestampError';
  readonly code: TimestampErrorCode;
  readonly detail?: string;

  constructor(code: TimestampErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${TIMESTAMP_ERROR_MESSAGES[code].en} (${detail})` : TIMESTAMP_ERROR_MESSAGES[code].en, options);
    this.code = code;
    this.detail = detail;
  }
}

/** The message for a failure in the UI's language, with the detail (HTTP status, the authority's words) after it. */
export function describeTimestampFailure(code: TimestampErrorCode, detail: string | undefined, locale: Locale): string {
  const message = TIMESTAMP_ERROR_MESSAGES[code]?.[locale] ?? code;
  if (!detail) return message;
  const shown = detail.slice(0, 200);
  return locale === 'zh_CN' ? `${message}（${shown}）` : `${message} (${shown})`;
}
