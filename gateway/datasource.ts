import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { config } from '../lib/config';
import { hubFetch, isFetchTimeout } from '../lib/http-client';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, requestDigest, signInternalIdentity } from '../lib/identity';
import type { GatewayContext } from './context';

/** Codes of the contract a subgraph may answer with a non-2xx HTTP status (e.g. 401 from an `http` extension). */
const RELAYED = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'DEADLINE_EXCEEDED']);

/**
 * A subgraph as the gateway calls it: every fetch carries a short-lived identity signed by the
 * gateway and bound to that fetch's body, has a timeout (SUBGRAPH_TIMEOUT_MS, headers and body
 * together; errors.ts turns it into DEADLINE_EXCEEDED), and reuses keep-alive connections (the
 * subgraphs' servers keep them open for 65 s, lib/http.ts; tests/e2e/gateway-limits.test.ts checks
 * that a run of queries uses one connection; lib/http-client.ts).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    timeoutMs = config().SUBGRAPH_TIMEOUT_MS,
    private readonly subgraph = 'subgraph',
  ) {
    super({
      url,
      fetcher: ((input: string, init?: object) => hubFetch(input, init ?? {}, timeoutMs)) as never,
    });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('identity' in context) || !context.identity) return; // health checks carry no identity and are refused
    const digest = requestDigest(request.query ?? '', request.variables);
    request.http?.headers.set(IDENTITY_HEADER, await signInternalIdentity(context.identity, digest));
    request.http?.headers.set(REQUEST_ID_HEADER, context.identity.requestId);
  }

  /**
   * A fetch that failed (refused, reset, timed out, or a non-2xx answer) becomes an error naming
   * this subgraph, without its URL or response body. A non-2xx answer that is a GraphQL error of the
   * contract (a subgraph's 401 UNAUTHENTICATED) is relayed with its own message.
   */
  override didEncounterError(error: Error): void {
    const response = error instanceof GraphQLError ? (error.extensions?.response as { status?: number; body?: unknown } | undefined) : undefined;
    const first = (response?.body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)?.errors?.[0];
    if (first && typeof first.message === 'string' && typeof first.extensions?.code === 'string' && RELAYED.has(first.extensions.code)) {
      throw new GraphQLError(first.message, { extensions: { code: first.extensions.code, serviceName: this.subgraph } });
    }
    if (isFetchTimeout(error)) {
      throw new GraphQLError(`a member system (${this.subgraph}) did not answer in time; try again later, or ask for less data`, {
        extensions: { code: 'DEADLINE_EXCEEDED', subgraph: this.subgraph },
      });
    }
    const message = response?.status ? `the subgraph answered HTTP status ${response.status}` : error.message;
    throw new GraphQLError(message, { originalError: error, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraph } });
  }
}
