/** Saves data as a download through a temporary object URL (the CSV export, the JSON view). */
export function saveFile(parts: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The click has handed the URL to the download; a moment later it can go.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
