/** Why a trusted timestamp was not obtained. Nothing is stored when one of these is thrown. */
import type { Localized } from '../labels';

export type TimestampErrorCode =
  'unreachable' | 'http' | 'rejected' | 'wrong_imprint' | 'wrong_nonce' | 'bad_signature' | 'not_tsa' | 'malformed';

export const TIMESTAMP_ERROR_MESSAGES: Record<TimestampErrorCode, Localized> = {
  unreachable: {
    zh_CN: '无法连接时间戳服务（网络不通或地址错误），未保存任何内容。',
    en: 'The timestamp authority could not be reached (network or address); nothing was saved.',
  },
  http: {
    zh_CN: '时间戳服务返回了 HTTP 错误，未保存任何内容。',
    en: 'The timestamp authority answered with an HTTP error; nothing was saved.',
  },
  rejected: {
    zh_CN: '时间戳服务拒绝了请求，未保存任何内容。',
    en: 'The timestamp authority refused the request; nothing was saved.',
  },
  wrong_imprint: {
    zh_CN: '时间戳回执盖的不是所申请的哈希，已丢弃。',
    en: 'The timestamp token stamps a different hash than the one sent; it was discarded.',
  },
  wrong_nonce: {
    zh_CN: '时间戳回执的随机数与请求不符（可能是重放），已丢弃。',
    en: 'The timestamp token carries a different nonce than the request (a replay?); it was discarded.',
  },
  bad_signature: {
    zh_CN: '时间戳回执的签名无法通过验证，已丢弃。',
    en: 'The signature on the timestamp token does not verify; it was discarded.',
  },
  not_tsa: {
    zh_CN: '签发回执的证书不是时间戳证书（缺少 timeStamping 用途），已丢弃。',
    en: 'The certificate that signed the token is not a timestamping certificate (no timeStamping key usage); it was discarded.',
  },
  malformed: {
    zh_CN: '时间戳服务的回复不是有效的 RFC 3161 回执，已丢弃。',
    en: 'The authority’s answer is not a valid RFC 3161 response; it was discarded.',
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
