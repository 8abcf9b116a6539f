/**
 * Reading a page fetched by a background check: the same `extractOrders` a visit runs, on a document parsed from the
 * fetched HTML (DOMParser: scripts never run, nothing is loaded), plus what the page is when it does not show the
 * order — a login page or a captcha is never taken as a status. Pure DOM in, data out; runs in the offscreen document
 * (Chromium), the event page (Firefox) and under happy-dom in the tests.
 */
import { extractOrders, parsePromisedWindowMinutes } from '@/lib/extract';
import { readText } from '@/lib/extract/platform';
import type { ExtractedOrder } from '@/lib/extract/types';

/** What the page is: the order's page, a login page, a captcha / bot check, or anything else. */
export type PageKind = 'order' | 'login' | 'captcha' | 'other';

/** What a fetched page showed. */
export interface PageReading {
  kind: PageKind;
  /** Every order the page shows (the caller keeps only the watched one). */
  orders: ExtractedOrder[];
  title?: string;
  /** The page's text as a reader sees it (bounded), for the evidence text record. */
  visibleText?: string;
  /** A promised delivery window stated on the page ("24小时内发货"), in minutes. */
  pageWindowMinutes?: number;
}

/** Bounds, as for a visit's message (lib/messaging/schemas.ts). */
const MAX_TITLE = 512;
const MAX_VISIBLE = 20_000;
const MAX_WINDOW_TEXT = 200_000;

/** Login pages: a password box with a login word near it, or a login path the shop redirected to. */
const LOGIN_WORDS = /登录|登陆|log\s?in|sign\s?in/i;
const LOGIN_PATH = /(?:^|\/)(?:login|signin|sign-in|sign_in|passport|auth)(?:[/._?-]|$)/i;
/** The shops' own order-query password (查询密码, 取卡密码) guards keys, not an account: not a login. */
const QUERY_PASSWORD = /查询密码|取卡密码|订单密码|卡密密码/;

/** Bot checks and captchas: the markers of the common services, and the words shops put on their own. */
const CAPTCHA_SELECTORS = [
  '#challenge-form',
  '#cf-challenge-running',
  '.cf-browser-verification',
  '.g-recaptcha',
  '.h-captcha',
  '.cf-turnstile',
  '[class*="geetest"]',
  'iframe[src*="captcha"]',
  'iframe[src*="challenges.cloudflare.com"]',
  'img[src*="captcha" i]',
  'input[name*="captcha" i]',
].join(',');
const CAPTCHA_WORDS =
  /人机验证|安全验证|验证码|滑动验证|请完成验证|访问验证|Just a moment|Checking your browser|Attention Required|captcha/i;

/**
 * Reads a fetched page for the order `orderNo`. `url` is the final URL (after redirects), as the adapters expect the
 * page's own address.
 */
export function readFetchedPage(doc: Document, url: string, orderNo: string): PageReading {
  const orders = extractOrders(doc, url);
  const title = doc.title.trim().slice(0, MAX_TITLE) || undefined;
  const text = readText(doc.body, MAX_WINDOW_TEXT);
  const reading: PageReading = { kind: 'other', orders, title, visibleText: text.slice(0, MAX_VISIBLE) || undefined };
  const window = parsePromisedWindowMinutes(text);
  if (window) reading.pageWindowMinutes = window;
  if (orders.some((o) => o.orderNo === orderNo)) reading.kind = 'order';
  else if (isLoginPage(doc, url)) reading.kind = 'login';
  else if (isCaptchaPage(doc, text)) reading.kind = 'captcha';
  return reading;
}

/** A login form (a password box that is not the order-query password, with a login word), or a login URL. */
export function isLoginPage(doc: Document, url: string): boolean {
  try {
    if (LOGIN_PATH.test(new URL(url).pathname)) return true;
  } catch {
    // Not a URL: judge by the page alone.
  }
  for (const box of [...doc.querySelectorAll('input[type="password" i]')].slice(0, 10)) {
    const hint = `${box.getAttribute('placeholder') ?? ''} ${box.getAttribute('name') ?? ''}`;
    const scope = box.closest('form') ?? box.parentElement?.parentElement ?? doc.body;
    const near = `${hint} ${readText(scope, 2_000)} ${buttonTexts(scope)}`;
    if (QUERY_PASSWORD.test(near)) continue;
    if (LOGIN_WORDS.test(near) || LOGIN_WORDS.test(doc.title)) return true;
  }
  return false;
}

/** A captcha or bot check (Cloudflare, reCAPTCHA, hCaptcha, GeeTest, or a shop's own 验证码 page). */
export function isCaptchaPage(doc: Document, text: string): boolean {
  try {
    if (doc.querySelector(CAPTCHA_SELECTORS)) return true;
  } catch {
    // A selector the DOM does not know: fall back to the words.
  }
  return CAPTCHA_WORDS.test(doc.title) || CAPTCHA_WORDS.test(text.slice(0, 5_000));
}

/** The words on a scope's buttons (`<input type=submit value=登录>` has no text node). */
function buttonTexts(scope: ParentNode | null): string {
  if (!scope) return '';
  return [...scope.querySelectorAll('button, input[type="submit" i], input[type="button" i]')]
    .slice(0, 20)
    .map((b) => b.getAttribute('value') ?? b.textContent ?? '')
    .join(' ')
    .slice(0, 500);
}
