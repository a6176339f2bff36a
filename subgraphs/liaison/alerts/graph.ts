import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { config } from '../../../lib/config';
import { hubFetch } from '../../../lib/http-client';
import { issueUserToken, REQUEST_ID_HEADER, type Identity } from '../../../lib/identity';
import { alertSettings, gatewayUrl, type AlertSettings } from './settings';

/**
 * The rules' identity: the hub's service user. Through the gateway it reads what the access rules give a service
 * (every agency's records except sealed ones, never personal data); the subgraphs audit its cross-agency reads.
 */
export const RULES_IDENTITY: Omit<Identity, 'requestId'> = { userId: 'service:alert-rules', agency: 'hub', roles: ['service'] };

const TOKEN_TTL_MINUTES = 15;
let signed: { token: string; until: number } | undefined;

/**
 * The bearer token of the service user: read from `serviceTokenFile` when configured (the sign-on's token, where the
 * gateway verifies the sign-on's keys), else signed here like any development token (lib/identity), reused while fresh.
 */
async function serviceToken(s: AlertSettings): Promise<string> {
  if (s.serviceTokenFile) return (await readFile(s.serviceTokenFile, 'utf8')).trim();
  if (config().NODE_ENV === 'production') throw new Error('ALERT_RULES.serviceTokenFile is required in production (a sign-on token of the service user)');
  if (!signed || signed.until < Date.now()) {
    signed = { token: await issueUserToken(RULES_IDENTITY, `${TOKEN_TTL_MINUTES}m`), until: Date.now() + (TOKEN_TTL_MINUTES - 1) * 60_000 };
  }
  return signed.token;
}

/** A GraphQL error as the gateway answers it. */
interface GraphError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

/** A query the gateway refused or answered with errors: the rule that asked cannot conclude anything. */
export class GraphQueryError extends Error {}

/**
 * Runs one query over the unified graph through the gateway as the service user. Any error (a subgraph down, a
 * field refused, a timeout) fails the whole query: a partial answer would look like conditions that cleared.
 */
export async function queryGraph<T>(query: string, variables: Record<string, unknown>, requestId: string = randomUUID()): Promise<T> {
  const s = alertSettings();
  const res = await hubFetch(
    gatewayUrl(s),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await serviceToken(s)}`, [REQUEST_ID_HEADER]: requestId },
      body: JSON.stringify({ query, variables }),
    },
    config().SUBGRAPH_TIMEOUT_MS,
  );
  let body: { data?: T | null; errors?: GraphError[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new GraphQueryError(`the gateway answered HTTP ${res.status} without a GraphQL body`);
  }
  const first = body.errors?.[0];
  if (first) {
    const where = first.path?.length ? ` at ${first.path.join('.')}` : '';
    throw new GraphQueryError(`${first.extensions?.code ?? 'ERROR'}${where}: ${first.message}`);
  }
  if (!res.ok || !body.data) throw new GraphQueryError(`the gateway answered HTTP ${res.status} without data`);
  return body.data;
}
