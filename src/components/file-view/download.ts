/**
 * Saves a file response to disk. Where the browser has the File System Access API (Chromium),
 * the body is piped chunk by chunk into the file the user picks, so a large file never sits in
 * memory. Elsewhere the body becomes a Blob behind a temporary link: browsers give a page no
 * other way to write a stream to disk without a service worker.
 */
import { inertBlob } from './raster-svg.js';

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
  // Typed as bytes whatever the server said: opened at top level, the URL (in the app's origin)
  // must never become an HTML or SVG document.
  const url = URL.createObjectURL(inertBlob(await response.blob()));
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
