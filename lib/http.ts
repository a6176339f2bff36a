import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { REQUEST_ID_HEADER } from './identity';
import { config } from './config';
import type { HttpCode } from './errors';
import { logger } from './logger';
import { calendarCoverage } from './calendar';
import { serveStatic, wantsExplorer } from './static-files';

/** Default of MAX_BODY_BYTES (lib/config.ts): GraphQL operations of the hub are a few KiB. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface RequestInfo {
  req: IncomingMessage;
  body: unknown;
  requestId: string;
}

/** An extra POST endpoint beside /graphql (the gateway's /export): its body read and parsed as /graphql's is. */
export type RouteHandler = (info: RequestInfo & { res: ServerResponse }) => Promise<void>;

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
  /**
   * What `/readyz` checks (the database, the subgraphs): each part's state by a name that is safe to show
   * (never a URL, host or port). Without it the server is ready while it is up and not draining.
   */
  readiness?: () => Promise<ReadinessParts>;
  /** Extra POST endpoints by path (e.g. `/export`), after the drain check, with the body limit and JSON parsing of /graphql. */
  routes?: Record<string, RouteHandler>;
}

export type PartState = 'up' | 'down';
export type ReadinessParts = Record<string, PartState>;

/** The body of `/readyz`: 200 when `ready`, 503 otherwise (a part down, or the process shutting down). */
export interface Readiness {
  status: 'ready' | 'not_ready';
  parts: ReadinessParts;
  /** Present while the process drains before it exits (SIGTERM). */
  draining?: true;
  /**
   * The official calendar legal periods are counted on, and the years (this and next) it lacks: informational, not a
   * reason to be unready (deadlines are still computed; next year's notice only comes out in November).
   */
  calendar?: { datasetVersion: string; missing: number[] };
}

const calendarState = () => {
  const { datasetVersion, missing } = calendarCoverage();
  return { datasetVersion, missing };
};

/** Bound of one readiness check (a database ping, a subgraph's /readyz): load balancers probe often. */
export const READINESS_TIMEOUT_MS = 2000;

/** `probe` within `timeoutMs`, else `down`; never throws. */
export async function probe(check: () => Promise<boolean>, timeoutMs = READINESS_TIMEOUT_MS): Promise<PartState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return (await Promise.race([check().catch(() => false), timeout])) ? 'up' : 'down';
  } finally {
    clearTimeout(timer);
  }
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
  const code: HttpCode = 'PAYLOAD_TOO_LARGE';
  sendJson(res, 413, { errors: [{ message, extensions: { code } }] });
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

const SHUTTING_DOWN: HttpCode = 'SHUTTING_DOWN';

export interface HttpServer {
  url: string;
  port: number;
  /**
   * Stops serving. With `graceMs` > 0 it drains first: requests already received (their body may still be
   * arriving) may finish for up to `graceMs`, while new ones get 503 `SHUTTING_DOWN` and `/readyz` 503; then
   * the listener and every connection are closed. Without, it closes at once (tests).
   */
  close: (graceMs?: number) => Promise<void>;
}

/**
 * Serves an Apollo Server over node:http: `/graphql`, `/healthz` (alias `/health`), `/readyz`, and optional static files.
 * Bodies are capped at `maxBodyBytes` (413 with a GraphQL-shaped error); every request gets an id (the caller's `x-request-id` if sane).
 */
export async function serveHttp<C extends BaseContext>(server: ApolloServer<C>, options: ServeOptions<C>): Promise<HttpServer> {
  const maxBodyBytes = options.maxBodyBytes ?? config().MAX_BODY_BYTES;
  const exposeLimits = options.exposeLimits ?? config().NODE_ENV !== 'production';
  let draining = false;
  /** Requests admitted before the drain began and not yet answered (or cut). */
  const inFlight = new Set<ServerResponse>();
  let idle: (() => void) | undefined;

  // One readiness check at a time: concurrent probes share it, so probing cannot multiply the work behind it.
  let checking: Promise<ReadinessParts> | undefined;
  const readiness = async (): Promise<Readiness> => {
    if (draining) return { status: 'not_ready', parts: {}, draining: true };
    checking ??= (options.readiness?.() ?? Promise.resolve({})).finally(() => (checking = undefined));
    const parts = await checking;
    if (draining) return { status: 'not_ready', parts, draining: true };
    return { status: Object.values(parts).every((s) => s === 'up') ? 'ready' : 'not_ready', parts, calendar: calendarState() };
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const incomingId = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof incomingId === 'string' && /^[\w-]{8,64}$/.test(incomingId) ? incomingId : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (draining) res.setHeader('connection', 'close');
    if (url.pathname === '/healthz' || url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      const ready = await readiness();
      res.setHeader('cache-control', 'no-store');
      return sendJson(res, ready.status === 'ready' ? 200 : 503, ready);
    }
    if (draining) {
      const message = 'the service is shutting down; try again in a moment';
      return sendJson(res, 503, { errors: [{ message, extensions: { code: SHUTTING_DOWN } }] });
    }
    if (url.pathname === '/graphql' && options.staticDir && wantsExplorer(req, url) && (await serveStatic(options.staticDir, '/', res))) return;
    const route = Object.hasOwn(options.routes ?? {}, url.pathname) ? options.routes![url.pathname] : undefined;
    if (route && req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { errors: [{ message: `${url.pathname} answers POST only`, extensions: { code: 'BAD_REQUEST' } }] });
    }
    if (url.pathname !== '/graphql' && !route) {
      if (req.method === 'GET' && options.staticDir && (await serveStatic(options.staticDir, url.pathname, res))) return;
      return sendJson(res, 404, { errors: [{ message: `nothing is served at ${url.pathname.slice(0, 200)}; the API is /graphql`, extensions: { code: 'NOT_FOUND' } }] });
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
    if (route) return route({ req, res, body, requestId });
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
    if (!draining) {
      inFlight.add(res);
      res.once('close', () => {
        inFlight.delete(res);
        if (inFlight.size === 0) idle?.();
      });
    }
    handler(req, res).catch((err: Error) => {
      logger.error({ err: err.message }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    });
  });
  // Requests node's HTTP parser refuses before any handler (a URL or headers over 16 KB, a body framed two ways) get a
  // coded JSON answer like every other refusal, not an empty one.
  httpServer.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const [status, reason] = err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
    const body = JSON.stringify({ errors: [{ message: 'the HTTP request is malformed or its headers are too large', extensions: { code: 'BAD_REQUEST' } }] });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  httpServer.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const port = (httpServer.address() as { port: number }).port;

  /** Waits until no admitted request is left, or `graceMs`; answers how many were left. */
  const drain = async (graceMs: number): Promise<number> => {
    // Answers still to be written tell their clients not to reuse the connection.
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    if (inFlight.size === 0 || graceMs <= 0) return inFlight.size;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      idle = resolve;
      timer = setTimeout(resolve, graceMs);
    });
    clearTimeout(timer);
    return inFlight.size;
  };

  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    close: (graceMs = 0) =>
      (closing ??= (async () => {
        draining = true;
        const started = Date.now();
        const cut = await drain(graceMs);
        if (graceMs > 0) logger.info({ port, waitedMs: Date.now() - started, cut }, cut ? 'drain time over: cutting requests' : 'drained');
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeAllConnections();
        await closed;
      })()),
  };
}
