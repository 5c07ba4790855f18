/**
 * Serves a built directory's files from a Node HTTP handler (test pages, the built Storybook,
 * bench pages): the request path is normalised so `..` cannot leave `dir`; 404 when missing.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export async function serveFile(
  dir: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  const path = normalize(pathname.endsWith('/') ? `${pathname}index.html` : pathname).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  try {
    const body = await readFile(join(dir, path));
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
}
