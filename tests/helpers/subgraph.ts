import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { Identity, Role } from '../../lib/identity';
import { buildContext, createSubgraphServer, type SubgraphContext, type SubgraphDefinition, type TrustWiring } from '../../lib/subgraph';
import { localAuditSink, localGrantSource } from '../../subgraphs/liaison/audit/local';

/** In-process tests write the real audit chain and read real grants without the liaison's HTTP server. */
export const LOCAL_TRUST: TrustWiring = { auditSink: localAuditSink, grantSource: localGrantSource };

/** An identity as the gateway would forward it. */
export function identity(agency: string, roles: Role[] = ['officer'], userId = `user-${agency}`): Identity {
  return { userId, agency, roles, requestId: randomUUID() };
}

export interface Result {
  data?: Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads any shape
  errors?: readonly { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}

const servers = new Map<string, ApolloServer<SubgraphContext<unknown>>>();

/**
 * Runs one operation against a subgraph in-process (executeOperation), as `who`, with a fresh set of
 * loaders as a real request would get.
 */
export async function execute<L>(
  def: SubgraphDefinition<L>,
  who: Identity,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Result> {
  let server = servers.get(def.name) as ApolloServer<SubgraphContext<L>> | undefined;
  if (!server) {
    server = createSubgraphServer(def);
    servers.set(def.name, server as ApolloServer<SubgraphContext<unknown>>);
  }
  const response = await server.executeOperation({ query, variables }, { contextValue: buildContext(def, who, LOCAL_TRUST) });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  return response.body.singleResult as Result;
}

/** The error code of the first error, for assertions. */
export function errorCode(result: Result): unknown {
  return result.errors?.[0]?.extensions?.code;
}
