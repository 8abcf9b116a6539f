/**
 * What the checkout script does in a page: find the buy form (again after the page changes: 彩虹 builds its fields
 * when a product is picked, acg-faka loads its price, qs-faka and kamiFaka render everything by script), ask the
 * background what to show, then check the recipient fields as the buyer types. Everything it reads or calls comes in
 * through `CheckoutDeps`, so tests run it on fixture pages with fakes.
 */
import { findBuyForm, type BuyForm, type RecipientField } from './buy-form';
import { fieldLines, KIND_KEY, type FieldState, type Line } from './field-lines';
import type { PageStrings } from './page-facts';
import { createPanel, translator, type PanelHandle, type PanelView } from './panel';
import { textTail, textUnder } from './page-text';
import type { PanelMode } from './settings';
import { checkConfirmation, checkValue } from './validate';
import type { CheckoutReply } from '@/lib/messaging/protocol';
import type { CheckoutSeenData } from '@/lib/messaging/schemas';

export interface CheckoutDeps {
  doc: Document;
  /** The page's URL now (SPA shops change it without a load). */
  url(): string;
  /** Asks the background what to show (checkoutSeen). */
  seen(data: CheckoutSeenData): Promise<CheckoutReply>;
  /** Turns the panel off on this shop (checkoutHide). */
  hide(): Promise<{ mode: PanelMode }>;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  /** Bench builds time a keystroke's check and the panel's first render with it; production passes nothing. */
  measure?(what: 'keystroke' | 'render', start: number): void;
  visible?: (el: Element) => boolean;
}

/** How long the script keeps watching a page for a buy form to appear or change, and how often at most. */
const WATCH_MS = 30 * 60_000;
const MAX_SCANS = 120;
/** Quiet time after the page's last change before it is read again (a ticking countdown reads it once a second). */
const DEBOUNCE_MS = 400;
/** Page text read from the top for a delivery promise (the product's description comes early). */
const PAGE_TEXT = 20_000;

/** The texts of a buy page the background reads the product's facts from (lib/checkout/page-facts.ts). */
export function collectPage(doc: Document, form: BuyForm): PageStrings {
  // The promise sits near the product (its description); the ICP number in the footer, at the end of the page.
  return {
    ...(form.product ? { product: form.product.slice(0, 512) } : {}),
    productText: form.productText.slice(0, 8000),
    badges: form.badges.slice(0, 200),
    pageText: doc.body ? textUnder(doc.body, PAGE_TEXT) : '',
    footerText: doc.body ? textTail(doc.body, 6000) : '',
    ...(form.accountPassword ? { accountPassword: form.accountPassword.slice(0, 40) } : {}),
  };
}

/** Each field's value and problem; a confirmation field is compared with the field before it of the same kind. */
export function fieldStates(fields: readonly RecipientField[]): FieldState[] {
  return fields.map((f, i) => {
    const value = f.input.value;
    const state: FieldState = { label: f.label, kind: f.kind, value };
    if (f.confirm) {
      const first =
        fields.slice(0, i).findLast((g) => !g.confirm && g.kind === f.kind) ??
        fields.slice(0, i).findLast((g) => !g.confirm);
      const mismatch = first && checkConfirmation(first.input.value, value);
      if (mismatch) return { ...state, problem: mismatch, repeats: first.label };
    }
    const problem = checkValue(f.kind, value);
    return problem ? { ...state, problem } : state;
  });
}

/** The form's controls the panel stands beside (at most 60: the rightmost of a form's first rows is enough). */
function controlsOf(form: BuyForm): Element[] {
  return Array.from(form.area.querySelectorAll('input:not([type=hidden]), select, textarea, button')).slice(0, 60);
}

/** Starts the checkout check on a page; returns a function that stops it and removes the panel. */
export function startCheckout(deps: CheckoutDeps): () => void {
  const { doc } = deps;
  let form: BuyForm | undefined;
  let reply: CheckoutReply | undefined;
  let panel: PanelHandle | undefined;
  /** The form moved or changed: place the panel again on the next render (a keystroke does not move it). */
  let placed = false;
  let closed = false;
  let stopped = false;
  let scans = 0;
  let pending: number | undefined;
  /** Which page and product the background was told about, so a re-scan does not ask again. */
  let asked = '';

  let t = translator({});
  const mode = (): 'full' | 'recipient' => (reply?.mode === 'full' && !closed ? 'full' : 'recipient');
  const kindName = (kind: keyof typeof KIND_KEY): string => t(KIND_KEY[kind]);
  const worded = (lines: Line[]): PanelView['alerts'] =>
    lines.map((line) => ({ text: t(line.key, line.subs), ...(line.severity ? { severity: line.severity } : {}) }));
  /** The panel as it stands: the background's lines, and the recipient lines of the fields as typed now. */
  const view = (): PanelView => {
    const lines = fieldLines(fieldStates(form!.fields), mode(), kindName);
    const full = mode() === 'full' ? reply?.lines : undefined;
    return {
      alerts: worded(lines.alerts),
      fieldsOk: worded(lines.fieldsOk).map((l) => l.text),
      terms: full?.terms ?? [],
      shop: full?.shop ?? [],
      signals: full?.signals ?? [],
    };
  };

  const render = (): void => {
    if (!form || !reply || reply.mode === 'off') return;
    panel ??= createPanel(doc, t, {
      onClose: () => {
        closed = true;
        render();
      },
      onHideShop: () => {
        closed = true;
        render();
        deps.hide().then(
          (r) => {
            if (reply) reply = { ...reply, mode: r.mode };
            if (r.mode === 'off') stop();
          },
          () => undefined,
        );
      },
    });
    // Positions are read before the panel enters the page, while the page's layout is still clean: reading them
    // after would force a whole-page layout inside our script.
    if (!placed) {
      panel.place(controlsOf(form));
      placed = true;
    }
    panel.render(view(), mode() === 'recipient');
  };

  const onInput = (event: Event): void => {
    if (!form || !reply || !form.fields.some((f) => f.input === event.target)) return;
    const start = performance.now();
    render();
    deps.measure?.('keystroke', start);
  };

  const scan = (): void => {
    pending = undefined;
    if (stopped) return;
    scans++;
    const found = findBuyForm(doc, deps.visible ? { visible: deps.visible } : {});
    if (!found) {
      // The form went away (a single-page shop changed route): so does the panel.
      if (form && !form.area.isConnected) {
        form = undefined;
        panel?.remove();
        panel = undefined;
      }
    } else {
      // The panel is placed again after any change of the page (its layout may have moved the form); the page is
      // read and sent again only when the address or the product changed (彩虹 picks another product).
      placed = false;
      form = found;
      const key = `${deps.url()}\n${found.product ?? ''}`;
      if (key !== asked) {
        asked = key;
        deps.seen({ url: deps.url().slice(0, 2048), ...collectPage(doc, found) }).then(
          (r) => {
            reply = r;
            t = translator(r.messages ?? {});
            // Turned off for this shop: nothing more to watch.
            if (r.mode === 'off') return stop();
            const start = performance.now();
            render();
            deps.measure?.('render', start);
          },
          () => undefined, // the extension was reloaded, or refused: show nothing rather than guess the settings
        );
      }
      render();
    }
    if (scans >= MAX_SCANS) stopWatching();
  };

  const observer = new MutationObserver((records) => {
    // Our own panel (its insertion, its style) is no reason to read the page again.
    const host = panel?.host;
    const ours = (r: MutationRecord): boolean =>
      r.target === host ||
      (r.type === 'childList' && [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)].every((n) => n === host));
    if (host && records.every(ours)) return;
    if (pending !== undefined) deps.clearTimeout(pending);
    pending = deps.setTimeout(scan, DEBOUNCE_MS);
  });
  const onResize = (): void => {
    if (form && panel) panel.place(controlsOf(form));
  };
  const stopWatching = (): void => {
    observer.disconnect();
    if (pending !== undefined) deps.clearTimeout(pending);
  };

  doc.addEventListener('input', onInput, true);
  doc.addEventListener('change', onInput, true);
  doc.defaultView?.addEventListener('resize', onResize);
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['class', 'style', 'hidden', 'value', 'disabled'],
  });
  const deadline = deps.setTimeout(stopWatching, WATCH_MS);
  const stop = (): void => {
    stopped = true;
    stopWatching();
    deps.clearTimeout(deadline);
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('change', onInput, true);
    doc.defaultView?.removeEventListener('resize', onResize);
    panel?.remove();
  };
  scan();
  return stop;
}
