/**
 * What the checkout script does in a page: shows the panel beside the buy form and checks the recipient fields as the
 * buyer types. Which form, which fields, their kinds and the panel's words come from outside: from the background,
 * which finds the form in a snapshot of the page (lib/checkout/buy-page-reading.ts, told here by
 * lib/checkout/form-refs.ts), or, on a page a snapshot cannot carry, from the finder running in the tab
 * (lib/checkout/in-tab.ts). Everything it calls comes in through `PanelDeps`, so tests run it on fixture pages.
 */
import type { RecipientField } from './buy-form';
import { fieldLines, KIND_KEY, type FieldState, type Line } from './field-lines';
import { createPanel, translator, type PanelHandle, type PanelView } from './panel';
import { checkConfirmation, checkValue } from './validate';
import type { CheckoutReply } from '@/lib/messaging/protocol';
import type { PanelMode } from './settings';

/** The buy form as the panel needs it: where it is, and its recipient fields. */
export interface ShownForm {
  area: Element;
  fields: readonly RecipientField[];
}

export interface PanelDeps {
  doc: Document;
  /** Turns the panel off on this shop (checkoutHide). */
  hide(): Promise<{ mode: PanelMode }>;
  /** Bench builds time a keystroke's check and the panel's first render with it; production passes nothing. */
  measure?(what: 'keystroke' | 'render', start: number): void;
}

export interface CheckoutPanel {
  /** The form as it is now (undefined: the page has none any more) and what the background says to show. */
  show(form: ShownForm | undefined, reply: CheckoutReply): void;
  /** Stops checking and removes the panel. */
  stop(): void;
  /** Whether it stopped (turned off on this shop, or told to). */
  readonly stopped: boolean;
  /** The panel's host element while it exists (mutations of it are no change of the page). */
  readonly host: Element | undefined;
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
function controlsOf(form: ShownForm): Element[] {
  return Array.from(form.area.querySelectorAll('input:not([type=hidden]), select, textarea, button')).slice(0, 60);
}

/** Starts the panel's side of the checkout check on a page; it shows nothing until told what (`show`). */
export function startPanel(deps: PanelDeps): CheckoutPanel {
  const { doc } = deps;
  let form: ShownForm | undefined;
  let reply: CheckoutReply | undefined;
  let panel: PanelHandle | undefined;
  let closed = false;
  let stopped = false;
  let rendered = false;

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

  const ensurePanel = (): PanelHandle =>
    (panel ??= createPanel(doc, t, {
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
    }));
  const render = (): void => {
    if (!form || !reply || reply.mode === 'off' || stopped) return;
    ensurePanel().render(view(), mode() === 'recipient');
  };

  const onInput = (event: Event): void => {
    if (!form || !reply || !form.fields.some((f) => f.input === event.target)) return;
    const start = performance.now();
    render();
    deps.measure?.('keystroke', start);
  };
  const onResize = (): void => {
    if (form && panel) panel.place(controlsOf(form));
  };

  const stop = (): void => {
    stopped = true;
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('change', onInput, true);
    doc.defaultView?.removeEventListener('resize', onResize);
    panel?.remove();
    panel = undefined;
  };

  doc.addEventListener('input', onInput, true);
  doc.addEventListener('change', onInput, true);
  doc.defaultView?.addEventListener('resize', onResize);

  return {
    show(next, nextReply) {
      if (stopped) return;
      if (nextReply.mode === 'off') return stop(); // turned off for this shop: nothing more to show
      if (nextReply !== reply) t = translator(nextReply.messages ?? {});
      reply = nextReply;
      form = next;
      if (!form) {
        // The form went away (a single-page shop changed route): so does the panel.
        panel?.remove();
        panel = undefined;
        return;
      }
      const start = performance.now();
      // Placed again after any change of the page (its layout may have moved the form). Positions are read before the
      // panel enters the page, while the page's layout is still clean: reading them after would force a whole-page
      // layout inside our script.
      ensurePanel().place(controlsOf(form));
      render();
      if (!rendered) {
        rendered = true;
        deps.measure?.('render', start);
      }
    },
    stop,
    get stopped() {
      return stopped;
    },
    get host() {
      return panel?.host;
    },
  };
}
