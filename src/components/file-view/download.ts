/**
 * Saves a file response to disk. Where the browser has the File System Access API (Chromium),
 * the body is piped chunk by chunk into the file the user picks, so a large file never sits in
 * memory. Elsewhere the body becomes a Blob behind a temporary link: browsers give a page no
 * other way to write a stream to disk without a service worker.
 */

interface SaveFilePickerWindow {
  showSaveFilePicker?: (options: { suggestedName: string }) => Promise<{
    createWritable(): Promise<WritableStream<Uint8Array>>;
  }>;
}

export async function saveResponse(response: Response, name: string): Promise<void> {
  const picker = (globalThis as SaveFilePickerWindow).showSaveFilePicker;
  if (picker && response.body) {
    const handle = await picker({ suggestedName: name });
    await response.body.pipeTo(await handle.createWritable());
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
