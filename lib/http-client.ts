import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import nodeFetch, { FetchError, Response, type RequestInit } from 'node-fetch';

// One keep-alive pool per process for calls between the hub's services (gateway → subgraph, subgraph →
// joint office). node-fetch over node:http(s), not the global fetch: undici's web streams were a quarter of
// the gateway's CPU under load (docs/benchmarks.md).
const POOLS = { http: new HttpAgent({ keepAlive: true, maxSockets: 128 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 128 }) };

/**
 * fetch over the shared keep-alive pools. One timeout covers everything: waiting for a pooled socket, the
 * headers and the whole body, which is read here; on timeout the request is aborted (node-fetch's AbortError)
 * and its socket destroyed, so a stalled subgraph cannot hold a slot of the pool.
 */
export async function hubFetch(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const res = await nodeFetch(url, {
      ...init,
      agent: (u) => (u.protocol === 'https:' ? POOLS.https : POOLS.http),
      signal: abort.signal as RequestInit['signal'],
    });
    const body = await res.buffer();
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers, url: res.url });
  } finally {
    clearTimeout(timer);
  }
}

/** True for the abort of `hubFetch`'s timeout. */
export function isFetchTimeout(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'AbortError';
}

/**
 * True when `hubFetch` failed at the network or while reading the body: node-fetch's FetchError, with the
 * socket's `code` (ECONNREFUSED, ECONNRESET, ENOTFOUND, ERR_STREAM_PREMATURE_CLOSE…) for type `system`.
 * A timeout is an AbortError instead (isFetchTimeout).
 */
export function isFetchFailure(error: unknown): error is FetchError {
  return error instanceof FetchError;
}
