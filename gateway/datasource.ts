import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { config } from '../lib/config';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, requestDigest, signInternalIdentity } from '../lib/identity';
import type { GatewayContext } from './context';

/**
 * A subgraph as the gateway calls it: every fetch carries a short-lived identity signed by the
 * gateway and bound to that fetch's body, has a timeout, and reuses keep-alive connections
 * (Node's fetch pools them per origin).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string) {
    const timeoutMs = config().SUBGRAPH_TIMEOUT_MS;
    super({
      url,
      fetcher: ((input: string, init?: RequestInit) =>
        fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as never,
    });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('identity' in context) || !context.identity) return; // health checks carry no identity and are refused
    const digest = requestDigest(request.query ?? '', request.variables);
    request.http?.headers.set(IDENTITY_HEADER, await signInternalIdentity(context.identity, digest));
    request.http?.headers.set(REQUEST_ID_HEADER, context.identity.requestId);
  }
}
