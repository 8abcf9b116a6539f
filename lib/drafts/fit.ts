/**
 * Composes a draft from sections and makes it fit a length limit. Less important sections are thinned and then
 * dropped before more important ones; a required section is only cut as a last resort, and then never inside a
 * number. Empty sections vanish with their heading, so no dangling label or double blank line is left behind.
 */
import { truncateSafe } from './sanitize';

/** One block of a draft. */
export interface Section {
  /** Heading line, printed only when the section has lines left. */
  heading?: string;
  lines: string[];
  /** 0 = required (never dropped); higher numbers are dropped earlier. */
  priority: number;
  /** Whether lines may be thinned: from the end, or from the middle (keeping the start and the latest turns). */
  trim?: 'end' | 'middle';
  /** Lines kept at least while thinning (default 1); below that the whole section is dropped. */
  minLines?: number;
  /** How many lines there were before any cap applied upstream (default `lines.length`). */
  total?: number;
  /** Note standing in for the left-out lines. */
  more?: (omitted: number) => string;
}

/** How sections are joined and how long the result may be. */
export interface FitOptions {
  /** UTF-16 code units; undefined = no limit. */
  limit?: number;
  /** Between sections: '\n\n' for letters, '' or ' ' for a one-paragraph message. */
  sectionSep: string;
  /** Between a section's lines (and after its heading). */
  lineSep: string;
}

function renderSection(s: Section, keep: number, lineSep: string): string {
  if (keep <= 0 || s.lines.length === 0) return '';
  const kept = Math.min(keep, s.lines.length);
  const omitted = (s.total ?? s.lines.length) - kept;
  let lines: string[];
  if (kept === s.lines.length) lines = [...s.lines];
  else if (s.trim === 'middle') {
    const head = Math.floor(kept / 2);
    lines = [...s.lines.slice(0, head), ...s.lines.slice(s.lines.length - (kept - head))];
  } else lines = s.lines.slice(0, kept);
  if (omitted > 0 && s.more) {
    const note = s.more(omitted);
    if (s.trim === 'middle') lines.splice(Math.floor(kept / 2), 0, note);
    else lines.push(note);
  }
  const body = lines.join(lineSep);
  return s.heading ? `${s.heading}${lineSep}${body}` : body;
}

/** Renders the sections with `keep[i]` lines of section i; empty sections leave no separator behind. */
function render(sections: Section[], keep: number[], opts: FitOptions): string {
  return sections
    .map((s, i) => renderSection(s, keep[i] ?? 0, opts.lineSep))
    .filter((t) => t.length > 0)
    .join(opts.sectionSep);
}

/**
 * Dropping goes strictly by priority, so a big section dropped late can leave room for a smaller, less important
 * one dropped before it: put those back, most important first, as far as they fit (thinned if need be).
 */
function backfill(live: Section[], keep: number[], opts: FitOptions, limit: number, fitted: string): string {
  let text = fitted;
  const dropped = live
    .map((s, i) => ({ s, i }))
    .filter(({ i }) => keep[i] === 0)
    .toSorted((a, b) => a.s.priority - b.s.priority || a.i - b.i);
  for (const { s, i } of dropped) {
    const min = s.trim ? (s.minLines ?? 1) : s.lines.length;
    for (let k = s.lines.length; k >= min && k > 0; k--) {
      keep[i] = k;
      const candidate = render(live, keep, opts);
      if (candidate.length <= limit) {
        text = candidate;
        break;
      }
      keep[i] = 0;
    }
  }
  return text;
}

/** Joins `sections` and, when a limit is set, makes the text fit it. */
export function fitSections(sections: Section[], opts: FitOptions): string {
  const live = sections
    .filter((s) => s.lines.some((l) => l.length > 0))
    .map((s) => ({ ...s, lines: s.lines.filter(Boolean) }));
  const keep = live.map((s) => s.lines.length);
  const { limit } = opts;
  let text = render(live, keep, opts);
  if (limit === undefined || text.length <= limit) return text;

  // Least important first; among equals, the later section first (the start of a letter carries its point).
  const order = live.map((s, i) => ({ s, i })).toSorted((a, b) => b.s.priority - a.s.priority || b.i - a.i);
  for (const { s, i } of order) {
    if (s.trim) {
      const min = s.minLines ?? 1;
      while ((keep[i] ?? 0) > min && text.length > limit) {
        keep[i] = (keep[i] ?? 0) - 1;
        text = render(live, keep, opts);
      }
    }
    if (text.length > limit && s.priority > 0) {
      keep[i] = 0;
      text = render(live, keep, opts);
    }
    if (text.length <= limit) return backfill(live, keep, opts, limit, text);
  }
  // Still too long: only required text is left. Shorten its longest line (which holds the long page text) rather
  // than the end of the draft, so a short ask at the end survives. A few rounds at most; then cut as a guarantee.
  for (let round = 0; round < 8 && text.length > limit; round++) {
    let best: { i: number; j: number; len: number } | undefined;
    live.forEach((s, i) => {
      if (!keep[i]) return;
      s.lines.forEach((line, j) => {
        if (!best || line.length > best.len) best = { i, j, len: line.length };
      });
    });
    const target = best && live[best.i];
    if (!best || !target || best.len <= 1) break;
    const line = target.lines[best.j] ?? '';
    target.lines[best.j] = truncateSafe(line, Math.max(1, line.length - (text.length - limit)));
    text = render(live, keep, opts);
  }
  return text.length <= limit ? text : truncateSafe(text, limit);
}
