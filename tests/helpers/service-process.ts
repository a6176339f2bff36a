import { spawn, type ChildProcess } from 'node:child_process';
import http, { type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import type { SubgraphName } from '../../lib/config';
import { freePort } from '../../lib/database';

const ROOT = path.resolve(__dirname, '..', '..');

export { freePort };

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any shape
}

function collect(res: http.IncomingMessage): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', reject);
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
    });
  });
}

/** One request on its own connection (no pooling), so the answer's `connection` header is seen as sent. */
export function rawRequest(
  port: number,
  method: string,
  urlPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent: false,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers },
      },
      (res) => collect(res).then(resolve, reject),
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${urlPath} got no answer in 10 s`)));
    req.end(payload);
  });
}

export interface HeldRequest {
  /** Sends the rest of the body: the server can answer only then. */
  finish(): void;
  /** The answer, or the error of a connection the server cut. */
  response: Promise<RawResponse>;
}

/**
 * A POST whose body arrives in two parts. It resolves once the server has received the headers and
 * called its request handler (it answers `Expect: 100-continue` right before, node:http), and after the
 * first half of the body is written; the server, which reads the whole body first, cannot answer before
 * `finish()`. Deterministic: no timing is guessed.
 */
export async function holdRequest(port: number, urlPath: string, body: unknown, headers: Record<string, string> = {}): Promise<HeldRequest> {
  const payload = Buffer.from(JSON.stringify(body));
  const half = Math.floor(payload.length / 2);
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: urlPath,
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': payload.length, expect: '100-continue', ...headers },
  });
  const response = new Promise<RawResponse>((resolve, reject) => {
    req.on('response', (res) => collect(res).then(resolve, reject));
    req.on('error', reject);
  });
  response.catch(() => undefined); // observed by the caller when it awaits it
  const continued = new Promise<void>((resolve, reject) => {
    req.once('continue', resolve);
    req.once('error', reject);
    req.once('response', (res) => reject(new Error(`answered ${res.statusCode} before the body was sent`)));
  });
  req.flushHeaders();
  await continued;
  await new Promise<void>((resolve, reject) => req.write(payload.subarray(0, half), (e) => (e ? reject(e) : resolve())));
  return { finish: () => void req.end(payload.subarray(half)), response };
}

export interface Service {
  child: ChildProcess;
  port: number;
  /** Resolves when the process exits, with when (Date.now()). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** What the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGKILL if still running (test clean-up). */
  kill(): void;
}

/**
 * Starts `subgraphs/<name>/index.ts` as its own process (`node --import tsx`, as `npm start` does) on a free
 * loopback port with the test database, and waits until it answers /healthz.
 */
export async function startSubgraphProcess(name: SubgraphName, env: Record<string, string> = {}, startMs = 45_000): Promise<Service> {
  const port = await freePort();
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/_URL$/.test(k))); // no in-process hub's URLs
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'subgraphs', name, 'index.ts')], {
    cwd: ROOT,
    env: {
      ...inherited,
      MONGODB_URI: process.env.MONGODB_URI!,
      HOST: '127.0.0.1',
      [`${name.toUpperCase()}_PORT`]: String(port),
      HUB_SERVICE: name,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const service: Service = { child, port, exited, output: () => out, kill: () => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')) };
  const deadline = Date.now() + startMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    try {
      if ((await rawRequest(port, 'GET', '/healthz')).status === 200) return service;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  service.kill();
  throw new Error(`${name} did not start on port ${port} within ${startMs} ms:\n${out}`);
}

/** Polls `check` every 20 ms until it is true, or fails after `ms`. */
export async function waitFor(check: () => Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what} not met within ${ms} ms`);
}
