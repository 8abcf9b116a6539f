import { toCsv } from '@/lib/csv';
import { SHOP_RECORD_COLUMNS, shopRecordRows, type ShopRecord } from '@/lib/escalation/shop-record';
import { t } from '@/lib/i18n';
import { downloadBytes } from '../download';

/** The record as a CSV file (UTF-8 with a byte order mark, for Excel): kamiguard-shops-YYYYMMDD.csv, China date. */
export function exportRecordCsv(records: readonly ShopRecord[], now: number): void {
  const header = SHOP_RECORD_COLUMNS.map((c) => t(`record_csv_${c}`));
  const text = toCsv([header, ...shopRecordRows(records)], { bom: true });
  const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  downloadBytes(new TextEncoder().encode(text), `kamiguard-shops-${day}.csv`, 'text/csv;charset=utf-8');
}
