import { Agent } from 'node:http';
import nodeFetch, { type RequestInit, type Response } from 'node-fetch';

// One keep-alive pool per process for calls between the hub's services (gateway → subgraph, subgraph →
// joint office). node-fetch over node:http, not the global fetch: undici's web streams and abort signals
// were a quarter of the gateway's CPU under load (docs/benchmarks.md).
const KEEP_ALIVE = new Agent({ keepAlive: true, maxSockets: 128 });

/** fetch over the shared keep-alive pool, with a timeout (ms) that covers headers and body together. */
export function hubFetch(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  return nodeFetch(url, { ...init, agent: KEEP_ALIVE, timeout: timeoutMs });
}
