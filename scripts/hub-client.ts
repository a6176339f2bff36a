import { config } from '../lib/config';

/** The gateway as the import and export commands call it: the caller's token, the public API, nothing else. */
export interface HubClient {
  request<T>(query: string, variables: Record<string, unknown>): Promise<T>;
}

export function hubClient(url: string, token: string): HubClient {
  return {
    async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
      if (body.errors?.length || !body.data) {
        const e = body.errors?.[0];
        throw new Error(`the hub refused the request (${e?.extensions?.code ?? `HTTP ${res.status}`}): ${e?.message ?? res.statusText}`);
      }
      return body.data;
    },
  };
}

/** The gateway's address without a path: `--url` as given (with or without /graphql or /export), else this machine's from the configuration. */
export function gatewayBase(url?: string): string {
  if (url) return url.replace(/\/+$/, '').replace(/\/(graphql|export)$/, '');
  const c = config();
  return `http://${c.HOST}:${c.GATEWAY_PORT}`;
}
