import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { getDb } from '@/lib/db';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/protocol';
import {
  checkEntryForm,
  checkReceiptFiles,
  emptyEntryForm,
  ENTRY_FIELDS,
  PAYMENT_METHODS,
  type EntryErrors,
  type EntryField,
  type OrderEntryForm as FormValues,
} from '@/lib/order-entry/form';
import { loadEscalationSettings } from '@/lib/reminders/store';
import { importEvidenceFiles, MAX_FILE_BYTES } from '../evidence-import';

/** What adding did, for the page that hosts the form. */
export interface EntryAdded {
  orderId: number;
  /** False when the shop's order of that number was already stored (it is opened as it was). */
  created: boolean;
  /** Receipt files stored as evidence. */
  receipts: number;
  /** Why the receipt could not be stored, when it could not (the order itself is stored). */
  receiptError?: string;
}

const PAYMENT_LABELS: Record<(typeof PAYMENT_METHODS)[number], string> = {
  支付宝: 'entry_pay_alipay',
  微信支付: 'entry_pay_wechat',
  QQ钱包: 'entry_pay_qq',
  USDT: 'entry_pay_usdt',
  '': 'entry_pay_other',
};

/** Fields shown with a hint under them (what to copy from where). */
const HINTED: ReadonlySet<EntryField> = new Set(['shopUrl', 'orderNo', 'paidAt', 'contact', 'windowHours']);

/** One labelled field with its hint and its error; the error is tied to the input for screen readers. */
function Field({
  id,
  label,
  hint,
  error,
  required = false,
  children,
}: {
  id: EntryField | 'receipt';
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <div className={`entry-field${error ? ' has-error' : ''}`} data-field={id}>
      <label className="entry-label" htmlFor={`entry-${id}`}>
        {label}
        {required && <span className="entry-required"> {t('entry_required_mark')}</span>}
      </label>
      {children}
      {hint && (
        <p className="entry-hint" id={`entry-${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="entry-error" id={`entry-${id}-error`} role="alert" data-testid={`entry-error-${id}`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}

/**
 * Adding an order by hand, for the buyer whose order page is gone or never showed the order: the facts from the
 * payment bill and the receipt screenshot in one go. Every field keeps what was typed when another is refused; the
 * first refused field takes the focus. The background stores the order (as entered by the buyer) and arms its
 * reminders; the receipt is then stored as its first evidence.
 */
export function OrderEntryForm({ onAdded }: { onAdded: (added: EntryAdded) => void }): React.JSX.Element {
  const [form, setForm] = useState<FormValues>(emptyEntryForm);
  const [errors, setErrors] = useState<EntryErrors & { receipt?: string }>({});
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const settings = useLiveQuery(() => loadEscalationSettings(getDb()), []);
  const defaultHours = settings ? String(Math.round(settings.defaultWindowMinutes / 6) / 10) : '24';

  const set =
    <K extends keyof FormValues>(key: K) =>
    (value: FormValues[K]): void => {
      setForm((f) => ({ ...f, [key]: value }));
      setErrors(({ [key]: _dropped, ...rest }) => rest);
    };
  const input = (
    key: Exclude<EntryField, 'currency' | 'paymentMethod'>,
    extra: React.ComponentProps<'input'> = {},
  ) => ({
    id: `entry-${key}`,
    name: key,
    value: form[key],
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby':
      [errors[key] && `entry-${key}-error`, HINTED.has(key) && `entry-${key}-hint`].filter(Boolean).join(' ') ||
      undefined,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(key)(e.currentTarget.value),
    ...extra,
  });

  const submit = async (): Promise<void> => {
    setFailure('');
    const checked = checkEntryForm(form, Date.now());
    const receipt = checkReceiptFiles(files, MAX_FILE_BYTES);
    const found: EntryErrors & { receipt?: string } = checked.ok ? {} : { ...checked.errors };
    if (receipt) found.receipt = receipt;
    if (!checked.ok || receipt) {
      setErrors(found);
      const first = [...ENTRY_FIELDS, 'receipt'].find((f) => f in found);
      formRef.current?.querySelector<HTMLElement>(`#entry-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const { orderId, created } = await sendMessage('addOrder', checked.data);
      let receipts = 0;
      let receiptError: string | undefined;
      if (files.length) {
        try {
          const order = await getDb().orders.get(orderId);
          if (!order) throw new Error(t('entry_failed_missing'));
          receipts = (await importEvidenceFiles({ ...order, id: orderId }, 'payment_receipt', files)).stored;
        } catch (err) {
          receiptError = err instanceof Error ? err.message : String(err);
        }
      }
      onAdded({ orderId, created, receipts, ...(receiptError ? { receiptError } : {}) });
    } catch (err) {
      setFailure(t('entry_failed', err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="entry-form"
      data-testid="entry-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field id="shopUrl" label={t('entry_shop_url')} hint={t('entry_shop_url_hint')} error={errors.shopUrl} required>
        <input
          {...input('shopUrl', { type: 'text', inputMode: 'url', autoComplete: 'url', placeholder: 'https://' })}
        />
      </Field>
      <Field id="orderNo" label={t('entry_order_no')} hint={t('entry_order_no_hint')} error={errors.orderNo} required>
        <input {...input('orderNo', { type: 'text', autoComplete: 'off', spellCheck: false })} />
      </Field>
      <Field id="productName" label={t('entry_product')} error={errors.productName}>
        <input {...input('productName', { type: 'text', autoComplete: 'off' })} />
      </Field>
      <div className="entry-pair">
        <Field id="amount" label={t('entry_amount')} error={errors.amount} required>
          <span className="entry-amount">
            <input {...input('amount', { type: 'text', inputMode: 'decimal', autoComplete: 'off' })} />
            <select
              aria-label={t('entry_currency')}
              value={form.currency}
              onChange={(e) => set('currency')(e.currentTarget.value as FormValues['currency'])}
            >
              <option value="CNY">{t('entry_currency_cny')}</option>
              <option value="USDT">USDT</option>
            </select>
          </span>
        </Field>
        <Field id="paymentMethod" label={t('entry_payment')} error={errors.paymentMethod}>
          <select
            id="entry-paymentMethod"
            value={form.paymentMethod}
            onChange={(e) => set('paymentMethod')(e.currentTarget.value as FormValues['paymentMethod'])}
          >
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(PAYMENT_LABELS[m])}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="paidAt" label={t('entry_paid_at')} hint={t('entry_paid_at_hint')} error={errors.paidAt} required>
        <input {...input('paidAt', { type: 'datetime-local', step: 60 })} />
      </Field>
      <Field id="contact" label={t('entry_contact')} hint={t('entry_contact_hint')} error={errors.contact}>
        <input {...input('contact', { type: 'text', autoComplete: 'off', spellCheck: false })} />
      </Field>
      <Field
        id="windowHours"
        label={t('entry_window')}
        hint={t('entry_window_hint', defaultHours)}
        error={errors.windowHours}
      >
        <span className="entry-amount">
          <input
            {...input('windowHours', { type: 'text', inputMode: 'decimal', placeholder: defaultHours, size: 6 })}
          />
          <span>{t('options_hours')}</span>
        </span>
      </Field>
      <Field id="receipt" label={t('entry_receipt')} hint={t('entry_receipt_hint')} error={errors.receipt}>
        <input
          id="entry-receipt"
          type="file"
          accept="image/*,application/pdf"
          multiple
          data-testid="entry-receipt"
          aria-invalid={errors.receipt ? true : undefined}
          onChange={(e) => {
            setFiles(e.currentTarget.files ? [...e.currentTarget.files] : []);
            setErrors(({ receipt: _dropped, ...rest }) => rest);
          }}
        />
      </Field>
      {failure && (
        <p className="entry-error" role="alert">
          {failure}
        </p>
      )}
      <div className="entry-actions">
        <button type="submit" className="primary big" disabled={busy} data-testid="entry-submit">
          {t(busy ? 'entry_adding' : 'entry_submit')}
        </button>
        {Object.keys(errors).length > 0 && (
          <span className="entry-error" data-testid="entry-invalid">
            {t('entry_invalid')}
          </span>
        )}
      </div>
    </form>
  );
}
