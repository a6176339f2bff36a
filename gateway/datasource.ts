import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { config } from '../lib/config';
import { REQUEST_CODES, SUBGRAPH_CODES } from '../lib/errors';
import { hubFetch, isFetchFailure, isFetchTimeout } from '../lib/http-client';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, requestDigest, signInternalIdentity } from '../lib/identity';
import type { GatewayContext } from './context';
import { subgraphTimedOut, subgraphUnavailable } from './errors';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['didEncounterError']>[2];

/**
 * Codes a subgraph may answer with a non-2xx HTTP status: the contract's (e.g. 401 from an `http` extension), and a
 * request it refused as invalid (400 GRAPHQL_VALIDATION_FAILED: a DateTime literal the gateway cannot check, since
 * custom scalars are parsed where they are defined) — the caller's mistake, never an outage.
 */
const RELAYED: ReadonlySet<string> = new Set([...SUBGRAPH_CODES, ...REQUEST_CODES]);

/**
 * A subgraph as the gateway calls it: every fetch carries a short-lived identity signed by the
 * gateway and bound to that fetch's body, has a timeout (SUBGRAPH_TIMEOUT_MS, headers and body
 * together; didEncounterError turns it into DEADLINE_EXCEEDED), and reuses keep-alive connections (the
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
   * Apollo calls this for any error of the fetch (fetchResponse set once headers and body arrived). A
   * non-2xx answer that is a GraphQL error of the contract (a subgraph's 401 UNAUTHENTICATED) is relayed
   * with its own message; a timeout becomes DEADLINE_EXCEEDED; a refused or broken connection, a non-2xx
   * status or a body that is not a JSON object become SUBGRAPH_UNAVAILABLE. All name this subgraph in
   * `subgraph`, never its URL or response body (errors.ts). Anything else is a fault of the gateway and
   * goes on as it is, to be logged and answered as an internal error.
   */
  override didEncounterError(error: Error, _request: unknown, fetchResponse: FetcherResponse): void {
    const response = error instanceof GraphQLError ? (error.extensions?.response as { body?: unknown } | undefined) : undefined;
    const first = (response?.body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)?.errors?.[0];
    if (first && typeof first.message === 'string' && typeof first.extensions?.code === 'string' && RELAYED.has(first.extensions.code)) {
      const { field, reason } = first.extensions as { field?: unknown; reason?: unknown };
      throw new GraphQLError(first.message, { extensions: { code: first.extensions.code, ...(field ? { field } : {}), ...(reason ? { reason } : {}), serviceName: this.subgraph } });
    }
    if (isFetchTimeout(error)) throw subgraphTimedOut(this.subgraph);
    // With a response, the status was not 2xx or the body was unreadable; without one, hubFetch failed.
    if (fetchResponse || isFetchFailure(error)) throw subgraphUnavailable(this.subgraph, error);
    throw error;
  }
}
