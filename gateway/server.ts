import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { config, SUBGRAPHS, subgraphUrl, type SubgraphName } from '../lib/config';
import { hubFetch } from '../lib/http-client';
import { probe, READINESS_TIMEOUT_MS, serveHttp, type ReadinessParts } from '../lib/http';
import { hasRole, verifyUserToken, type Role } from '../lib/identity';
import { logger, requestLogger } from '../lib/logger';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './datasource';
import { createErrorFormatter } from './errors';
import { exportRoute } from './export/route';
import { limitRules, type QueryLimits } from './limits';
import { introspectionPlugin, requestLogPlugin, tokenLimitPlugin, requestShapePlugin } from './plugins';
import { createRateLimiter } from './rate-limit';

// The hub calls no external service: no usage reporting, no schema registry, no telemetry. The
// reporting plugins are also installed disabled (createGateway), so APOLLO_KEY cannot turn them on.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

export const SUPERGRAPH_PATH = path.resolve(__dirname, '..', 'schema', 'supergraph.graphql');
/** The built web pages (explorer at `/` and at a browser's GET /graphql, 联合看板 at `/dashboard/`): `npm run build:web`. */
export const WEB_DIR = path.resolve(__dirname, '..', 'web', 'dist');

export type SubgraphUrls = Partial<Record<SubgraphName, string>>;

/** How the gateway protects itself; every field defaults from lib/config.ts (docs/gateway.md). */
export interface GatewaySettings {
  /** Production behaviour: limits and schema details hidden from errors, introspection by role only. */
  production: boolean;
  limits: QueryLimits;
  /** Roles that may introspect in production (in development everyone may). */
  introspectionRoles: Role[];
  rateLimitPerMinute: number;
  maxBodyBytes: number;
  subgraphTimeoutMs: number;
}

export type GatewayOptions = Partial<Omit<GatewaySettings, 'limits'>> & { limits?: Partial<QueryLimits> };

/** Each gateway's API schema as ApolloGateway last loaded it (gateway/export reads its descriptions for headers). */
const apiSchemas = new WeakMap<ApolloServer<GatewayContext>, () => GraphQLSchema | undefined>();

/** The API schema of a gateway built by createGateway; undefined before it has started. */
export const apiSchemaOf = (server: ApolloServer<GatewayContext>): GraphQLSchema | undefined => apiSchemas.get(server)?.();

/** The settings of this process's configuration, with `options` over them (tests force production this way). */
export function gatewaySettings(options: GatewayOptions = {}): GatewaySettings {
  const c = config();
  return {
    production: options.production ?? c.NODE_ENV === 'production',
    limits: {
      maxDepth: c.GRAPHQL_MAX_DEPTH,
      maxCost: c.GRAPHQL_MAX_COST,
      maxAliases: c.GRAPHQL_MAX_ALIASES,
      maxDirectives: c.GRAPHQL_MAX_DIRECTIVES,
      maxTokens: c.GRAPHQL_MAX_TOKENS,
      ...options.limits,
    },
    introspectionRoles: options.introspectionRoles ?? c.INTROSPECTION_ROLES,
    rateLimitPerMinute: options.rateLimitPerMinute ?? c.RATE_LIMIT_PER_MINUTE,
    maxBodyBytes: options.maxBodyBytes ?? c.MAX_BODY_BYTES,
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? c.SUBGRAPH_TIMEOUT_MS,
  };
}

/**
 * Builds the gateway (does not listen): the committed static supergraph, so one subgraph being down
 * does not stop the gateway from starting; URLs from configuration unless given.
 *
 * Before anything executes, a request passes: the body limit and JSON parsing (lib/http.ts), CSRF
 * prevention and the refusal of batches (Apollo), the caller's token and rate limit (context), the
 * token limit (parse), graphql's own validation and then the limits of gateway/limits.ts, the
 * refusal of mutations over GET (Apollo) and the introspection check by role (plugin).
 */
export function createGateway(urls: SubgraphUrls = {}, options: GatewayOptions = {}): ApolloServer<GatewayContext> {
  const settings = gatewaySettings(options);
  const exposeLimits = !settings.production;
  const resolved = Object.fromEntries(SUBGRAPHS.map((n) => [n, urls[n] ?? subgraphUrl(n)])) as Record<SubgraphName, string>;
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => new SubgraphDataSource(resolved[name as SubgraphName], settings.subgraphTimeoutMs, name),
  });
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: loaded }) => (apiSchema = loaded));
  const introspectionAllowed = (identity: GatewayContext['identity'] | undefined) =>
    !settings.production || (identity !== undefined && hasRole(identity, ...settings.introspectionRoles));
  const server = new ApolloServer<GatewayContext>({
    gateway,
    // Apollo's switch is for everyone; introspectionPlugin decides by role.
    introspection: true,
    hideSchemaDetailsFromClientErrors: settings.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    persistedQueries: false,
    parseOptions: { maxTokens: settings.limits.maxTokens },
    validationRules: limitRules(settings.limits, exposeLimits),
    // A second validation pass: the limits run only on documents graphql's own rules accepted
    // (no fragment cycles, no unknown fields); 10 000 selections with fragments expanded at most.
    maxRecursiveSelections: 10_000,
    formatError: createErrorFormatter({ production: settings.production }),
    stopOnTerminationSignals: false, // lib/run.ts owns shutdown
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      tokenLimitPlugin(settings.limits.maxTokens, exposeLimits),
      introspectionPlugin(introspectionAllowed),
      requestShapePlugin,
      requestLogPlugin,
    ],
  });
  apiSchemas.set(server, () => apiSchema);
  return server;
}

/**
 * The gateway's readiness: each subgraph's own `/readyz` (its database), asked in parallel, each within
 * READINESS_TIMEOUT_MS. Parts are named by subgraph, never by URL.
 */
export function subgraphReadiness(urls: SubgraphUrls = {}): () => Promise<ReadinessParts> {
  const targets = SUBGRAPHS.map((name) => [name, new URL('/readyz', urls[name] ?? subgraphUrl(name)).href] as const);
  return async () => {
    const states = await Promise.all(
      targets.map(([, url]) => probe(async () => (await hubFetch(url, { method: 'GET' }, READINESS_TIMEOUT_MS)).ok)),
    );
    return Object.fromEntries(targets.map(([name], i) => [name, states[i]]));
  };
}

/** Starts the gateway on `port` (0 = any free port), serving web/ and POST /export (gateway/export) beside /graphql. */
export async function startGateway(urls: SubgraphUrls = {}, port = config().GATEWAY_PORT, options: GatewayOptions = {}) {
  const settings = gatewaySettings(options);
  const server = createGateway(urls, settings);
  const limiter = await createRateLimiter(settings.rateLimitPerMinute); // shared through MONGODB_URI (docs/operations.md)
  await server.start();
  if (!existsSync(path.join(WEB_DIR, 'index.html'))) logger.warn('the web pages are not built (explorer, 联合看板): run npm run build:web');
  const http = await serveHttp(server, {
    port,
    host: config().HOST,
    staticDir: WEB_DIR,
    maxBodyBytes: settings.maxBodyBytes,
    exposeLimits: !settings.production,
    context: async ({ req, requestId }) => {
      const identity = await verifyUserToken(req.headers.authorization, requestId);
      await limiter.take(identity); // before the operation is parsed, validated or executed
      return { identity, log: requestLogger(requestId, { user: identity.userId, agency: identity.agency }) };
    },
    readiness: subgraphReadiness(urls),
    routes: { '/export': exportRoute({ server, limiter, apiSchema: () => apiSchemaOf(server), maxTokens: settings.limits.maxTokens }) },
  });
  return {
    url: http.url,
    port: http.port,
    /** Stops listening (draining for `graceMs` first, lib/http.ts), then stops the gateway. */
    close: async (graceMs = 0) => {
      await http.close(graceMs);
      await server.stop();
      await limiter.close();
    },
  };
}
