/**
 * The shared readers the adapters build on: the status of a cell without the actions beside it, order blocks on
 * pages that print an order's parts side by side, and rendered lines.
 */
import { describe, expect, it } from 'vitest';
import { orderBlocks, readText, statusOf } from '@/lib/extract/platform';
import { ownText } from '@/lib/extract/scope';
import { parseHtml } from './extract-fixture-files';

const page = (body: string): Document => parseHtml(`<!DOCTYPE html><html><head></head><body>${body}</body></html>`);
const cell = (html: string): Element => page(`<table><tr><td id="c">${html}</td></tr></table>`).getElementById('c')!;

describe('statusOf', () => {
  it('leaves out buttons beside the status', () => {
    expect(statusOf(cell('<span class="label">异常</span>&nbsp;<button class="btn btn-xs">补交</button>'))).toBe(
      '异常',
    );
    expect(statusOf(cell('待付款 <a class="layui-btn">提取卡密</a> <span role="button">复制</span>'))).toBe('待付款');
  });

  it('leaves out links that say no status, keeps links that are part of it', () => {
    expect(statusOf(cell('<span>完成付款/订单完成</span> <a href="#">点击查看</a>'))).toBe('完成付款/订单完成');
    expect(statusOf(cell('<span>部分付款</span>/<a href="#">继续支付</a>'))).toBe('部分付款/继续支付');
    expect(statusOf(cell('<a onclick="setResult(1)"><font color="red">异常</font></a>'))).toBe('异常');
  });

  it('is empty when only an action is there, and keeps a status drawn as a button', () => {
    expect(statusOf(cell('<a href="#">点击查看</a>'))).toBe('');
    expect(statusOf(cell('<button class="btn">详细</button>'))).toBe('');
    expect(statusOf(cell('<span class="btn btn-success">已完成</span>'))).toBe('已完成');
    expect(statusOf(null)).toBe('');
  });
});

const anchorsOf = (doc: Document): Element[] => [...doc.querySelectorAll('.no')];
const texts = (blocks: ParentNode[]): string[] => blocks.map((b) => readText(b).replace(/\s+/g, ' ').trim());

describe('orderBlocks', () => {
  it('gives each order its own wrapper when it has one', () => {
    const doc = page('<div class="o"><b class="no">1</b> a</div><div class="o"><b class="no">2</b> b</div>');
    const blocks = orderBlocks(anchorsOf(doc));
    expect(blocks).toEqual([...doc.querySelectorAll('.o')]);
  });

  it('runs from an order to the next one when its parts are siblings; the last takes as many', () => {
    const doc = page(
      `<div id="grid"><div><b class="no">1</b></div><div>fields 1</div><div>keys 1</div>
       <div><b class="no">2</b></div><div>fields 2</div><div>keys 2</div><div>after the list</div></div>`,
    );
    const before = doc.body.innerHTML;
    const blocks = orderBlocks(anchorsOf(doc));
    expect(texts(blocks)).toEqual(['1 fields 1 keys 1', '2 fields 2 keys 2']);
    // Runs are copies: nothing moved out of the page.
    expect(doc.body.innerHTML).toBe(before);
    expect(blocks.every((b) => b.nodeType === 11)).toBe(true);
  });

  it('keeps a single order as its widest block', () => {
    const doc = page('<main><div><b class="no">1</b></div><div>fields</div></main><footer>x</footer>');
    expect(orderBlocks(anchorsOf(doc))).toEqual([doc.querySelector('main')]);
  });
});

describe('ownText', () => {
  it('reads a pretty-printed "Label：value" as one line, as a browser shows it', () => {
    const doc = page('<div id="r">订单状态：<b>\n      <span>未支付</span>\n    </b></div><pre id="p">a\nb</pre>');
    const row = ownText(doc.getElementById('r')).trim();
    expect(row.includes('\n')).toBe(false);
    expect(row.replace(/\s+/g, ' ')).toBe('订单状态： 未支付');
    // Text in <pre> keeps its lines.
    expect(ownText(doc.getElementById('p')).split('\n').filter(Boolean)).toEqual(['a', 'b']);
    // Without `flat`, line breaks inside text nodes stay (keys in a pre-line box are lines).
    expect(readText(doc.getElementById('r')).includes('\n      ')).toBe(true);
  });
});
