import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { config, SUBGRAPHS, subgraphUrl, type SubgraphName } from '../lib/config';
import { serveHttp } from '../lib/http';
import { verifyUserToken } from '../lib/identity';
import { requestLogger } from '../lib/logger';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './datasource';
import { formatGatewayError } from './errors';
import { requestLogPlugin } from './plugins';

// The hub calls no external service: no usage reporting, no schema registry, no telemetry.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

export const SUPERGRAPH_PATH = path.resolve(__dirname, '..', 'schema', 'supergraph.graphql');
export const WEB_DIR = path.resolve(__dirname, '..', 'web');

export type SubgraphUrls = Partial<Record<SubgraphName, string>>;

/**
 * Builds the gateway (does not listen): the committed static supergraph, so one subgraph being down
 * does not stop the gateway from starting; URLs from configuration unless given.
 */
export function createGateway(urls: SubgraphUrls = {}): ApolloServer<GatewayContext> {
  const resolved = Object.fromEntries(SUBGRAPHS.map((n) => [n, urls[n] ?? subgraphUrl(n)])) as Record<SubgraphName, string>;
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => new SubgraphDataSource(resolved[name as SubgraphName]),
  });
  return new ApolloServer<GatewayContext>({
    gateway,
    introspection: config().NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    formatError: formatGatewayError,
    stopOnTerminationSignals: false, // lib/run.ts owns shutdown
    plugins: [ApolloServerPluginLandingPageDisabled(), requestLogPlugin],
  });
}

/** Starts the gateway on `port` (0 = any free port), serving web/ beside /graphql. */
export async function startGateway(urls: SubgraphUrls = {}, port = config().GATEWAY_PORT) {
  const server = createGateway(urls);
  await server.start();
  const http = await serveHttp(server, {
    port,
    host: config().HOST,
    staticDir: WEB_DIR,
    context: async ({ req, requestId }) => {
      const identity = await verifyUserToken(req.headers.authorization, requestId);
      return { identity, log: requestLogger(requestId, { user: identity.userId, agency: identity.agency }) };
    },
  });
  return {
    url: http.url,
    port: http.port,
    close: async () => {
      await http.close();
      await server.stop();
    },
  };
}
