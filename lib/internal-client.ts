import { randomUUID } from 'node:crypto';
import { config, subgraphUrl, type SubgraphName } from './config';
import { hubFetch } from './http-client';
import { requestDigest, signInternalIdentity, IDENTITY_HEADER, REQUEST_ID_HEADER } from './identity';

/**
 * Calls another subgraph directly as a service (role `service`), signed like the gateway signs:
 * how subgraphs ask the joint office for grants and hand it audit events. Throws on any error.
 */
export async function callSubgraph<T>(
  target: SubgraphName,
  caller: string,
  query: string,
  variables: Record<string, unknown>,
  requestId: string = randomUUID(),
): Promise<T> {
  const token = await signInternalIdentity(
    { userId: `service:${caller}`, agency: 'hub', roles: ['service'], requestId },
    requestDigest(query, variables),
  );
  const res = await hubFetch(
    subgraphUrl(target),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token, [REQUEST_ID_HEADER]: requestId },
      body: JSON.stringify({ query, variables }),
    },
    config().SUBGRAPH_TIMEOUT_MS,
  );
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (!res.ok || body.errors?.length || !body.data) {
    throw new Error(`${target} refused the service call: ${body.errors?.[0]?.message ?? `HTTP ${res.status}`}`);
  }
  return body.data;
}
