import type { Facts } from '../facts';
import { truncateSafe } from '../sanitize';
import type { Draft, DraftField } from '../types';

/** What a channel builder produces; `buildDraft` adds the channel, locale, limit and length. */
export type DraftParts = Omit<Draft, 'channel' | 'locale' | 'length' | 'limit'>;

/** Builds one channel's draft from the facts; `limit` is the channel's body limit. */
export type Builder = (f: Facts, limit: number | undefined) => DraftParts;

/** A form field, cut to its limit if need be (the builders fit first; this is the guarantee). */
export function field(label: string, value: string, limit?: number): DraftField {
  const v = limit === undefined ? value : truncateSafe(value, limit);
  return limit === undefined ? { label, value: v, length: v.length } : { label, value: v, limit, length: v.length };
}

/** Renders fields as the text to copy in one go: each under its heading, blank line between. */
export function fieldsBody(fields: DraftField[], head: (text: string) => string): string {
  return fields.map((fl) => `${head(fl.label)}\n${fl.value}`).join('\n\n');
}

/** The first candidate that fits `limit`, else the last one cut to fit. */
export function firstFitting(candidates: string[], limit: number): string {
  const fit = candidates.find((c) => c.length <= limit);
  return fit ?? truncateSafe(candidates[candidates.length - 1] ?? '', limit);
}
