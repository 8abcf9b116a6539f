/**
 * The checkout panel in the page: a host element `data-kamiguard="checkout"` with an open shadow root, so the page's
 * CSS cannot reach it and tests can read it. Built with DOM calls and textContent only (page text is data, never
 * markup); never placed over the page's form, never touching it. Warnings sit in a role="alert" element that exists
 * from the start, so screen readers announce each one as it appears.
 */

/** Looks up a message: the templates the background sent (lib/checkout/messages.ts), filled in. */
export type Translate = (key: string, subs?: string[]) => string;

/**
 * A translator over templates from `panelMessages`. One pass over the template: text put in (page text, which may
 * hold "$1") is never read again.
 */
export function translator(templates: Readonly<Record<string, string>>): Translate {
  return (key, subs = []) =>
    (templates[key] ?? key).replace(/\$([1-9])/g, (_all, d: string) => subs[Number(d) - 1] ?? '');
}

export interface PanelActions {
  /** The × button: hide the panel on this page (recipient warnings still show). */
  onClose(): void;
  /** "不在此店显示": turn the panel off on this shop. */
  onHideShop(): void;
}

/** What the panel shows, worded: recipient warnings (announced), fields that look right, terms, record, signals. */
export interface PanelView {
  alerts: { text: string; severity?: 'warn' | 'check' }[];
  fieldsOk: string[];
  terms: string[];
  shop: string[];
  signals: string[];
}

export interface PanelHandle {
  host: HTMLElement;
  /** Shows `view`: the whole panel, or only recipient warnings (and nothing at all while there are none). */
  render(view: PanelView, compact: boolean): void;
  /**
   * Places the panel beside the form's controls (right of the rightmost control, else left of the leftmost, level
   * with the first of them), or below the last of them in a narrow window: never over the form.
   */
  place(controls: readonly Element[]): void;
  remove(): void;
}

const WIDTH = 300;
const GAP = 12;

const CSS = `
:host{all:initial}
.p{box-sizing:border-box;width:${WIDTH}px;max-height:70vh;overflow:auto;font:13px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;
color:#1f2328;background:#fff;border:1px solid #d0d7de;border-left:4px solid #2f6feb;border-radius:8px;box-shadow:0 4px 16px #0002;padding:10px 12px}
.hd{display:flex;align-items:center;gap:6px;margin-bottom:6px}
.hd strong{flex:1;font-size:13px}
button{font:inherit;color:inherit;background:transparent;border:1px solid transparent;border-radius:6px;cursor:pointer;padding:2px 6px}
button:hover{background:#0000000d}
button:focus-visible,input:focus-visible{outline:2px solid #2f6feb;outline-offset:1px}
.x{font-size:16px;line-height:1;padding:2px 7px}
h3{font-size:12px;font-weight:600;color:#59636e;margin:10px 0 4px}
ul{list-style:none;margin:0;padding:0}
li{margin:2px 0}
.al:empty{display:none}
.al p{margin:4px 0;padding:6px 8px;border-radius:6px;background:#fff1e5;color:#7d2e00;border:1px solid #f5c08a}
.al p.check{background:#fff8c5;color:#4d3800;border-color:#e8d170}
.ok{color:#1a7f37}
label{display:flex;gap:6px;align-items:flex-start;cursor:pointer}
input{margin:3px 0 0}
.sig li::before{content:"• "}
.ft{display:flex;flex-direction:column;align-items:flex-end;gap:6px;margin-top:8px;color:#59636e;font-size:12px}
.ft span{align-self:stretch}
.ft button{border-color:#d0d7de;font-size:12px}
.compact .body{display:none}
[hidden]{display:none!important}
@media (prefers-color-scheme:dark){
.p{color:#e6edf3;background:#161b22;border-color:#30363d;border-left-color:#4493f8}
h3,.ft{color:#9198a1}
button:hover{background:#ffffff14}
.al p{background:#3d1d00;color:#ffd8b5;border-color:#7a4a1a}
.al p.check{background:#3b2e00;color:#f2e2a0;border-color:#6b5a10}
.ok{color:#3fb950}
.ft button{border-color:#30363d}}
`;

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function fillList(list: HTMLElement, lines: string[], make: (line: string) => HTMLElement): void {
  list.replaceChildren(...lines.map(make));
}

/** Creates the panel; it enters the page, at the end of the document, on its first render. */
export function createPanel(doc: Document, t: Translate, actions: PanelActions): PanelHandle {
  const host = doc.createElement('div');
  host.setAttribute('data-kamiguard', 'checkout');
  const hostStyle = (prop: string, value: string): void => host.style.setProperty(prop, value, 'important');
  hostStyle('position', 'absolute');
  hostStyle('z-index', '2147483000');
  hostStyle('display', 'none');
  const root = host.attachShadow({ mode: 'open' });
  const style = el(doc, 'style');
  style.textContent = CSS;

  const panel = el(doc, 'section', 'p');
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', t('checkout_title'));
  const header = el(doc, 'div', 'hd');
  header.append(el(doc, 'strong', undefined, t('checkout_title')));
  const close = el(doc, 'button', 'x', '×');
  close.type = 'button';
  close.setAttribute('aria-label', t('checkout_close'));
  close.title = t('checkout_close');
  header.append(close);

  // Always in the DOM, empty while all is well: a live region must exist before its content changes.
  const alerts = el(doc, 'div', 'al');
  alerts.setAttribute('role', 'alert');

  const body = el(doc, 'div', 'body');
  const section = (heading: string, cls?: string): { wrap: HTMLElement; list: HTMLUListElement } => {
    const wrap = el(doc, 'div');
    wrap.append(el(doc, 'h3', undefined, heading));
    const list = el(doc, 'ul', cls);
    wrap.append(list);
    body.append(wrap);
    return { wrap, list };
  };
  const ok = el(doc, 'ul', 'ok');
  body.append(ok);
  const terms = section(t('checkout_terms_heading'));
  const shop = section(t('checkout_shop_heading'));
  const signals = section(t('checkout_signals_heading'), 'sig');
  const footer = el(doc, 'div', 'ft');
  footer.append(el(doc, 'span', undefined, t('checkout_facts_note')));
  const hideShop = el(doc, 'button', undefined, t('checkout_hide_shop'));
  hideShop.type = 'button';
  footer.append(hideShop);
  body.append(footer);

  panel.append(header, alerts, body);
  root.append(style, panel);
  close.addEventListener('click', () => {
    // Closing the warnings-only panel hides these warnings; a new or different one shows it again.
    if (panel.classList.contains('compact')) {
      dismissed = lastAlerts;
      hostStyle('display', 'none');
    }
    actions.onClose();
  });
  hideShop.addEventListener('click', () => actions.onHideShop());

  let lastAlerts = '';
  /** The warnings the buyer closed in compact mode. */
  let dismissed: string | undefined;
  let lastTerms = '';
  let lastRest = '';
  // Ticks the buyer set on the terms survive re-renders of the same terms.
  const ticked = new Set<string>();

  return {
    host,
    render(view, compact) {
      const alertKey = JSON.stringify(view.alerts);
      if (alertKey !== lastAlerts) {
        lastAlerts = alertKey;
        alerts.replaceChildren(
          ...view.alerts.map((line) => el(doc, 'p', line.severity === 'check' ? 'check' : 'warn', line.text)),
        );
      }
      panel.classList.toggle('compact', compact);
      const termKey = JSON.stringify(view.terms);
      if (termKey !== lastTerms) {
        lastTerms = termKey;
        fillList(terms.list, view.terms, (words) => {
          const item = el(doc, 'li');
          const label = el(doc, 'label');
          const box = el(doc, 'input');
          box.type = 'checkbox';
          box.checked = ticked.has(words);
          box.addEventListener('change', () => (box.checked ? ticked.add(words) : ticked.delete(words)));
          label.append(box, el(doc, 'span', undefined, words));
          item.append(label);
          return item;
        });
        terms.wrap.hidden = view.terms.length === 0;
      }
      const restKey = JSON.stringify([view.fieldsOk, view.shop, view.signals]);
      if (restKey !== lastRest) {
        lastRest = restKey;
        fillList(ok, view.fieldsOk, (line) => el(doc, 'li', undefined, `✓ ${line}`));
        fillList(shop.list, view.shop, (line) => el(doc, 'li', undefined, line));
        fillList(signals.list, view.signals, (line) => el(doc, 'li', undefined, line));
        shop.wrap.hidden = view.shop.length === 0;
        signals.wrap.hidden = view.signals.length === 0;
      }
      const nothing = view.alerts.length === 0 || alertKey === dismissed;
      hostStyle('display', compact && nothing ? 'none' : 'block');
      // Into the page on the first render (after `place` read the page's positions), and back if the page removed it.
      if (!host.isConnected) doc.documentElement.append(host);
    },
    place(controls) {
      const win = doc.defaultView;
      if (!win) return;
      const rects = controls.map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length) return;
      const top = Math.min(...rects.map((r) => r.top));
      const right = Math.max(...rects.map((r) => r.right)) + GAP;
      const left = Math.min(...rects.map((r) => r.left)) - GAP - WIDTH;
      const viewWidth = doc.documentElement.clientWidth;
      let x: number | undefined;
      if (right + WIDTH <= viewWidth) x = right;
      else if (left >= 0) x = left;
      if (x === undefined) {
        // No room beside the form (a narrow window): below its last control, never over it.
        const bottom = Math.max(...rects.map((r) => r.bottom));
        const width = Math.min(WIDTH, viewWidth - 16);
        hostStyle('position', 'absolute');
        hostStyle('right', 'auto');
        hostStyle('bottom', 'auto');
        hostStyle(
          'left',
          `${Math.round(Math.max(8, Math.min(rects[0]!.left, viewWidth - width - 8)) + win.scrollX)}px`,
        );
        hostStyle('top', `${Math.round(bottom + GAP + win.scrollY)}px`);
        panel.style.width = `${width}px`;
        return;
      }
      panel.style.width = '';
      hostStyle('position', 'absolute');
      hostStyle('right', 'auto');
      hostStyle('bottom', 'auto');
      hostStyle('left', `${Math.round(x + win.scrollX)}px`);
      hostStyle('top', `${Math.round(Math.max(0, top) + win.scrollY)}px`);
    },
    remove() {
      host.remove();
    },
  };
}
