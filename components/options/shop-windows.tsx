import { t } from '@/lib/i18n';
import { DurationField } from './duration-field';
import { fieldErrorText } from './errors';
import type { DurationInput, FormErrors, ShopWindowInput } from './form';

/** Props of {@link ShopWindowsEditor}. */
export interface ShopWindowsEditorProps {
  shops: ShopWindowInput[];
  errors: FormErrors;
  /** Hosts of shops the user has orders from, offered as suggestions. */
  knownHosts: readonly string[];
  /** Window a newly added row starts with (the current default). */
  newWindow: DurationInput;
  onChange(shops: ShopWindowInput[]): void;
}

/** Per-shop promised windows: one row per shop host, added and removed by the user. */
export function ShopWindowsEditor({
  shops,
  errors,
  knownHosts,
  newWindow,
  onChange,
}: ShopWindowsEditorProps): React.JSX.Element {
  const set = (i: number, row: ShopWindowInput): void => onChange(shops.map((s, j) => (j === i ? row : s)));
  const listed = new Set(shops.map((s) => s.host.trim().toLowerCase()));
  const suggestions = knownHosts.filter((h) => !listed.has(h));
  return (
    <fieldset className="opt-field opt-shops" data-field="shops">
      <legend className="opt-label">{t('options_shops_heading')}</legend>
      <p className="opt-hint">{t('options_shops_hint')}</p>
      <datalist id="opt-known-hosts">
        {suggestions.map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>
      {shops.length > 0 && (
        <ul className="opt-shop-list">
          {shops.map((shop, i) => {
            const hostError = errors[`shops.${i}.host`];
            return (
              // Rows have no stable id of their own; the index is what the error paths use too.
              <li key={i} className="opt-shop-row" data-testid="shop-window-row">
                <div className="opt-field">
                  <label className="opt-label" htmlFor={`shop-${i}-host`}>
                    {t('options_shop_host')}
                  </label>
                  <input
                    id={`shop-${i}-host`}
                    type="text"
                    list="opt-known-hosts"
                    placeholder="shop.example.com"
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={hostError ? true : undefined}
                    value={shop.host}
                    onChange={(e) => set(i, { ...shop, host: e.currentTarget.value })}
                  />
                  {hostError && (
                    <p className="opt-error" role="alert">
                      {fieldErrorText(hostError)}
                    </p>
                  )}
                </div>
                <DurationField
                  id={`shop-${i}-window`}
                  label={t('options_shop_window')}
                  value={shop.window}
                  error={errors[`shops.${i}.window`]}
                  onChange={(window) => set(i, { ...shop, window })}
                />
                <button type="button" className="link" onClick={() => onChange(shops.filter((_, j) => j !== i))}>
                  {t('options_shop_remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" onClick={() => onChange([...shops, { host: '', window: { ...newWindow } }])}>
        {t('options_shop_add')}
      </button>
    </fieldset>
  );
}
