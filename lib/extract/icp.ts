/**
 * ICP 备案 numbers, as Chinese sites print them in their footers (京ICP备12345678号-1, 粤ICP备2021012345号, 沪ICP证
 * 123456号). A shop that shows none is a fact worth telling the buyer (预防), and the 12377 report names the number
 * when a page of the shop showed one. Pure: text in, the number out.
 */
import { cleanText } from './normalize';

// Province abbreviation, ICP, 备 (filing) or 证 (licence), the number, 号, and an optional "-N" site suffix.
const ICP =
  /([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])\s*ICP\s*([备证])\s*(?:字\s*)?(?:第\s*)?(\d{5,12})\s*号(?:\s*[-－—]\s*(\d{1,3}))?/i;

/** The first ICP 备案/证 number in `text`, written the standard way ("京ICP备12345678号-1"), or undefined. */
export const parseIcp = (text: string | null | undefined): string | undefined => {
  const t = text ?? '';
  // Footers sit at the end of a page: the cleaned tail is searched first; the rest (bounded) only when it has none.
  const m = ICP.exec(cleanText(t.slice(-6000), 6000)) ?? (t.length > 6000 ? ICP.exec(t.slice(0, 300_000)) : null);
  return m ? `${m[1]}ICP${m[2]}${m[3]}号${m[4] ? `-${m[4]}` : ''}` : undefined;
};
