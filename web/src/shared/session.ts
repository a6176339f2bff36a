// The caller's token, shared by the dashboard and the explorer (same origin, same storage key), and the one
// way the pages talk to the hub: POST /graphql on the page's own origin (and POST /export for 导出 Excel,
// dashboard/export.ts). Nothing else is ever fetched.

const KEY = 'hub-token';

export const GRAPHQL_PATH = '/graphql';

export function storedToken(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeToken(token: string): void {
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } catch {
    // storage refused (private mode): the page still works until it is reloaded
  }
}

/** Accepts "Bearer eyJ…" or "eyJ…", with stray whitespace from a terminal copy. */
export function cleanToken(raw: string): string {
  return raw.replace(/^\s*bearer\s+/i, '').replace(/\s+/g, '');
}

export interface TokenClaims {
  sub?: string;
  agency?: string;
  roles?: string[];
  exp?: number;
}

/** The token's claims, read without verifying (the gateway verifies); null when it is not a JWT. */
export function readClaims(token: string): TokenClaims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as TokenClaims;
  } catch {
    return null;
  }
}

export function tokenExpired(token: string, now = Date.now()): boolean {
  const exp = readClaims(token)?.exp;
  return typeof exp === 'number' && exp * 1000 <= now;
}

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

/** A request that failed as a whole: no data at all (network, 401, a refused query). */
export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Sends one operation with the token. Answers data and the field errors beside it (a list the caller may not
 * read is an error at its path while the rest still answers); throws RequestFailed when there is no data.
 */
export async function graphql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data: T; errors: GraphQLError[] }> {
  let res: Response;
  try {
    res = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (e) {
    throw new RequestFailed(`无法连接数据枢纽：${(e as Error).message}`, 'NETWORK', 0);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await res.json()) as GraphQLResponse<T>;
  } catch {
    throw new RequestFailed(`数据枢纽返回了无法解析的应答（HTTP ${res.status}）`, 'BAD_RESPONSE', res.status);
  }
  const errors = body.errors ?? [];
  if (!body.data) {
    const first = errors[0];
    throw new RequestFailed(first?.message ?? `HTTP ${res.status}`, first?.extensions?.code, res.status);
  }
  return { data: body.data, errors };
}
