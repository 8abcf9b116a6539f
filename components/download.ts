/**
 * Saves bytes as a file through the browser's download of an object URL (an `<a download>` click), which needs no
 * `downloads` permission.
 */
export function downloadBytes(bytes: Uint8Array, fileName: string, mime: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download before the browser has read the blob; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
