import http from 'node:http';
import type { HostileCase } from './hostile';

// Sends generated hostile cases over raw HTTP (node:http, so bodies stay the exact bytes generated, invalid
// UTF-8 included, and any method, header or streamed body can be sent) and judges each answer by the
// invariants of issue 9.

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json?: { data?: Record<string, unknown> | null; errors?: { message?: unknown; extensions?: { code?: unknown } }[] } & Record<string, unknown>;
  /** A transport failure: no answer at all (a reset connection, a timeout). */
  failure?: string;
  ms: number;
}

const TIMEOUT_MS = 20_000;

/** Sends one case to the gateway at `origin` with `authorization` (already resolved from the case's caller). */
export function send(origin: string, c: HostileCase, authorization: string | undefined): Promise<Answer> {
  const started = performance.now();
  const url = new URL(origin);
  const headers: Record<string, string | number> = { ...c.headers };
  if (authorization !== undefined) headers.authorization = authorization;
  // the hub logs the request id: a server-side error is found by its case number (LOG_LEVEL=error)
  if (!('x-request-id' in headers)) headers['x-request-id'] = `hostile-case-${String(c.n).padStart(5, '0')}`;
  const body = c.body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) headers['content-length'] = Buffer.byteLength(body);
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: Omit<Answer, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...a, ms: Math.round(performance.now() - started) });
    };
    const req = http.request({ host: url.hostname, port: url.port, method: c.method, path: c.path, headers, agent: false, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', (e) => done({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), failure: `response: ${e.message}` }));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Answer['json'];
        try {
          const parsed = JSON.parse(text) as unknown;
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Answer['json'];
        } catch {
          /* not JSON: judged as such */
        }
        done({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    // A write after the server answered 413 and closed may fail: the answer, if it came, is what counts.
    req.on('error', (e) => setTimeout(() => done({ status: 0, headers: {}, text: '', failure: e.message }), 50));
    if (body && typeof body === 'object' && 'stream' in body) {
      let sent = 0;
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const pump = () => {
        while (sent < body.stream && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    } else {
      req.end(body);
    }
  });
}

/** What the test looks for in every answer (body and headers): a stack trace or an internal address. */
export interface LeakMarkers {
  stack: readonly string[];
  internal: readonly string[];
  database: readonly string[];
}

export interface Verdict {
  /** `HTTP 400`, `HTTP 200` … */
  status: string;
  /** Every error code of the answer, in order, or a description where there is none. */
  codes: string[];
  problems: string[];
  /** A mutation that answered data for its root field: a write was accepted. */
  acceptedWrite: boolean;
}

/** Error codes a 5xx may carry where a member system is really unavailable (docs/gateway.md). */
export const DOCUMENTED_5XX_CODES: ReadonlySet<string> = new Set(['SUBGRAPH_UNAVAILABLE', 'DEADLINE_EXCEEDED']);

/**
 * A bulk import answers a report even when it refuses every row (docs/exchange.md): it accepted a write only if the
 * report says so. A selection that shows neither count is left to the fingerprint test, which sees any stored change.
 */
function wrote(answer: unknown): boolean {
  const report = answer as { __typename?: string; created?: number; updated?: number; rows?: { outcome?: string }[] };
  if (report.__typename !== 'ImportReport') return true;
  return (report.created ?? 0) > 0 || (report.updated ?? 0) > 0 || !!report.rows?.some((r) => r.outcome === 'CREATED' || r.outcome === 'UPDATED');
}

/** Judges one answer by the pass criteria of issue 9 (the test asserts that no answer has a problem). */
export function judge(c: HostileCase, a: Answer, markers: LeakMarkers): Verdict {
  const problems: string[] = [];
  const codes: string[] = [];
  if (a.failure) problems.push(`no answer: ${a.failure}`);
  const seen = `${a.text}\n${Object.entries(a.headers).map(([k, v]) => `${k}: ${String(v)}`).join('\n')}`;
  for (const m of markers.stack) if (seen.includes(m)) problems.push(`stack trace (${JSON.stringify(m)})`);
  for (const m of markers.internal) if (seen.includes(m)) problems.push(`internal address (${m})`);
  for (const m of markers.database) if (seen.includes(m)) problems.push(`database internals (${m})`);

  const errors = a.json?.errors;
  if (Array.isArray(errors)) {
    if (errors.length === 0 && a.status >= 400) problems.push('an empty errors list');
    for (const e of errors) {
      const code = e?.extensions?.code;
      if (typeof code === 'string' && code) codes.push(code);
      else {
        codes.push('(no code)');
        problems.push(`an error without extensions.code: ${JSON.stringify(e?.message).slice(0, 200)}`);
      }
    }
  } else if (a.status >= 400) {
    codes.push(a.json ? '(JSON without errors)' : a.text ? '(not JSON)' : '(empty body)');
    problems.push(`HTTP ${a.status} without GraphQL errors: ${JSON.stringify(a.text.slice(0, 120))}`);
  }
  if (a.status >= 500) {
    const documented = Array.isArray(errors) && errors.length > 0 && codes.every((code) => DOCUMENTED_5XX_CODES.has(code));
    if (!documented) problems.push(`HTTP ${a.status} (${codes.join(', ')})`);
  }
  if (codes.includes('INTERNAL_SERVER_ERROR')) problems.push('INTERNAL_SERVER_ERROR: an unexpected exception on hostile input');
  const data = a.json?.data as Record<string, unknown> | null | undefined;
  const acceptedWrite = c.operation === 'mutation' && !!c.rootField && data != null && data[c.rootField] != null && wrote(data[c.rootField]);
  if (acceptedWrite) problems.push(`the mutation ${c.rootField} was accepted`);
  return { status: a.failure ? 'no answer' : `HTTP ${a.status}`, codes, problems, acceptedWrite };
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A count table as aligned text lines, largest first. */
export function table(title: string, counts: Map<string, number>): string {
  const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const width = Math.max(title.length, ...rows.map(([k]) => k.length));
  return [title, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${String(v).padStart(5)}`)].join('\n');
}
