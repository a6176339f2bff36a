import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { REQUEST_ID_HEADER } from './identity';
import { config } from './config';
import { logger } from './logger';

/** Default of MAX_BODY_BYTES (lib/config.ts): GraphQL operations of the hub are a few KiB. */
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
  /** Largest request body; default MAX_BODY_BYTES of the configuration. */
  maxBodyBytes?: number;
  /** Whether error messages may name limits (default: not in production). */
  exposeLimits?: boolean;
}

const TOO_LARGE = Symbol('too large');

/**
 * Reads the body up to `limit` bytes. Over it (or announced over it by content-length), stops
 * keeping chunks and answers TOO_LARGE; the rest of the body is drained by the caller so the client
 * reads the 413 instead of a reset connection.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | typeof TOO_LARGE> {
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > limit) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done();
      resolve(TOO_LARGE);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const onClose = () => onError(new Error('the client closed the connection before sending the whole body'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Largest body drained after a 413 before the connection is cut. */
const DRAIN_BYTES = 8 * 1024 * 1024;

function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number, exposeLimits: boolean): void {
  res.setHeader('connection', 'close');
  const message = `the request is too large${exposeLimits ? ` (over ${limit} bytes)` : ''}: send a shorter query or fewer variables`;
  sendJson(res, 413, { errors: [{ message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
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
 * Bodies are capped at `maxBodyBytes` (413 with a GraphQL-shaped error); every request gets an id (the caller's `x-request-id` if sane).
 */
export async function serveHttp<C extends BaseContext>(
  server: ApolloServer<C>,
  options: ServeOptions<C>,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const maxBodyBytes = options.maxBodyBytes ?? config().MAX_BODY_BYTES;
  const exposeLimits = options.exposeLimits ?? config().NODE_ENV !== 'production';
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
    const raw = await readBody(req, maxBodyBytes);
    if (raw === TOO_LARGE) return refuseTooLarge(req, res, maxBodyBytes, exposeLimits);
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    let body: unknown = raw;
    if ((headers.get('content-type') ?? '').startsWith('application/json') && raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
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
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
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
