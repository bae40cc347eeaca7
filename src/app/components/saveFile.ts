/** Saves bytes or text as a file the person downloads, through a temporary object URL. */
export function saveFile(contents: BlobPart, fileName: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([contents], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  // The click starts the download synchronously; the URL is not needed afterwards.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
