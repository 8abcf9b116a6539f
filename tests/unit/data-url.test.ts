// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { dataUrlToBlob } from '@/lib/evidence/data-url';

const PNG_HEAD = [137, 80, 78, 71, 13, 10, 26, 10];
const dataUrl = `data:image/png;base64,${Buffer.from(PNG_HEAD).toString('base64')}`;
type WithFromBase64 = { fromBase64?: (s: string) => Uint8Array };
const original = (Uint8Array as WithFromBase64).fromBase64;

afterEach(() => {
  (Uint8Array as WithFromBase64).fromBase64 = original;
});

describe('dataUrlToBlob', () => {
  it('decodes a base64 data: URL with Uint8Array.fromBase64 where the runtime has it', async () => {
    const calls: string[] = [];
    (Uint8Array as WithFromBase64).fromBase64 = (s) => {
      calls.push(s);
      return new Uint8Array(Buffer.from(s, 'base64'));
    };
    const blob = await dataUrlToBlob(dataUrl);
    expect(calls).toEqual([Buffer.from(PNG_HEAD).toString('base64')]);
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual(PNG_HEAD);
  });

  it('falls back to fetch without it, and for URLs that are not base64', async () => {
    (Uint8Array as WithFromBase64).fromBase64 = undefined;
    const blob = await dataUrlToBlob(dataUrl);
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual(PNG_HEAD);
    expect(await (await dataUrlToBlob('data:text/plain,hello')).text()).toBe('hello');
  });

  it('rejects what is not a data: URL', async () => {
    await expect(dataUrlToBlob('data:image/png;base64')).rejects.toThrow();
  });
});
