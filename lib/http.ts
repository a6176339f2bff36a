import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { REQUEST_ID_HEADER } from './identity';
import { logger } from './logger';

/** Largest request body accepted; GraphQL operations of the hub are a few KiB. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface RequestInfo {
  req: IncomingMessage;
  body: unknown;
  requestId: string;
}

export interface ServeOptions<C extends BaseContext> {
  port: number;
  host: string;
  context: (info: RequestInfo) => Promise<C>;
  /** Folder of static files served under `/` (the gateway's web pages). */
  staticDir?: string;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

async function serveStatic(dir: string, urlPath: string, res: ServerResponse): Promise<boolean> {
  const rel = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '');
  const file = path.resolve(dir, rel);
  if (!file.startsWith(path.resolve(dir) + path.sep)) return false;
  try {
    const content = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(content);
    return true;
  } catch {
    return false;
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/**
 * Serves an Apollo Server over node:http: `/graphql`, `/health`, and optional static files.
 * Bodies are capped at MAX_BODY_BYTES; every request gets an id (the caller's `x-request-id` if sane).
 */
export async function serveHttp<C extends BaseContext>(
  server: ApolloServer<C>,
  options: ServeOptions<C>,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const incomingId = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof incomingId === 'string' && /^[\w-]{8,64}$/.test(incomingId) ? incomingId : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname !== '/graphql') {
      if (req.method === 'GET' && options.staticDir && (await serveStatic(options.staticDir, url.pathname, res))) return;
      return sendJson(res, 404, { error: 'not found' });
    }
    let raw = '';
    try {
      raw = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendJson(res, 413, { errors: [{ message: `request body over ${MAX_BODY_BYTES} bytes` }] });
      throw e;
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    let body: unknown = raw;
    if ((headers.get('content-type') ?? '').startsWith('application/json') && raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'the request body is not valid JSON' }] });
      }
    }
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => options.context({ req, body, requestId }),
    });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') return res.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const httpServer = http.createServer((req, res) => {
    handler(req, res).catch((err: Error) => {
      logger.error({ err: err.message }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'internal error' }] });
    });
  });
  httpServer.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const port = (httpServer.address() as { port: number }).port;
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    close: async () => {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
