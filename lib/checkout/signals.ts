/**
 * What a buy page itself shows about the risk of buying: stock (库存 3, 库存不足, 所剩无几). Facts with the shop's
 * own words, never a verdict. Pure: text in.
 */

/** Stock as the product area states it. */
export interface StockSignal {
  level: 'out' | 'low';
  /** The count the page states, when it states one. */
  count?: number;
  /** The words as the page has them ("库存(2)", "库存不足", "所剩无几"). */
  text: string;
}

/** At or below this many left, stock is "very low": the next buyer may pay for goods that are gone. */
export const LOW_STOCK = 5;

const COUNT = /库存(?:数量)?\s*[:：(（]?\s*(\d{1,7})\s*[)）]?\s*(?:个|件|张|份)?/g;
const OUT = /库存不足|缺货中?|已售罄|已售完|暂无库存|无货|库存\s*[:：]?\s*0(?!\d)/;
const LOW = /所剩无几|即将售罄|马上卖完|即将卖完|仅剩\s*\d{1,3}\s*(?:个|件|张|份)?|数量有限/;

/**
 * Reads the stock statement of one product's area. Several different counts (a list of products, each with its own
 * stock) say nothing about this product: no signal then.
 */
export function readStock(productText: string): StockSignal | undefined {
  const text = productText.slice(0, 8000);
  if (!/库存|缺货|售罄|售完|无货|所剩|仅剩|数量有限/.test(text)) return undefined;
  const counts = [...text.matchAll(COUNT)];
  const distinct = new Set(counts.map((m) => m[1]));
  if (distinct.size > 1) return undefined;
  const out = OUT.exec(text);
  if (out) return { level: 'out', text: out[0], count: 0 };
  if (counts.length) {
    const count = Number(counts[0]![1]);
    if (count === 0) return { level: 'out', count, text: counts[0]![0].trim() };
    if (count <= LOW_STOCK) return { level: 'low', count, text: counts[0]![0].trim() };
    return undefined;
  }
  const low = LOW.exec(text);
  if (low) {
    const n = /\d+/.exec(low[0]);
    return { level: 'low', text: low[0], ...(n ? { count: Number(n[0]) } : {}) };
  }
  return undefined;
}
