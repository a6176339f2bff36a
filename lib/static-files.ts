// The built web pages (web/dist: the explorer and 联合看板) served beside /graphql by lib/http.ts: local files only,
// no directory escapes, a Content-Security-Policy that keeps every request on this origin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/**
 * The web pages (web/dist, built by scripts/build-web.ts) load everything from the hub itself: the browser is
 * told so, and refuses any script, style, font, worker or request from elsewhere. Styles may be inline (Monaco
 * and ECharts set them); nothing is evaluated from strings.
 */
const PAGE_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self' data:",
  "worker-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
].join('; ');

/**
 * Serves a file of `dir` for a GET: `/` and any `/folder/` answer the folder's index.html, `/folder` redirects to
 * `/folder/` (so the page's relative links work). Files are revalidated on each load (`no-cache`): a rebuild is
 * seen at once. False when there is no such file (the caller answers 404).
 */
export async function serveStatic(dir: string, urlPath: string, res: ServerResponse): Promise<boolean> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return false; // malformed %-encoding
  }
  const root = path.resolve(dir);
  let file = path.resolve(root, rel || 'index.html');
  if (file !== root && !file.startsWith(root + path.sep)) return false;
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      if (!urlPath.endsWith('/')) {
        // one leading slash: `//folder` must not become a protocol-relative redirect to another host
        res.writeHead(301, { location: `/${rel.split('/').filter(Boolean).map(encodeURIComponent).join('/')}/` });
        res.end();
        return true;
      }
      file = path.join(file, 'index.html');
    }
    const content = await readFile(file);
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(type.startsWith('text/html') ? { 'content-security-policy': PAGE_POLICY, 'referrer-policy': 'no-referrer' } : {}),
    });
    res.end(content);
    return true;
  } catch {
    return false;
  }
}

/** A browser opening the GraphQL URL (GET, HTML accepted, no operation in the query string) gets the explorer. */
export function wantsExplorer(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}
