import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { GraphQLError, parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { mongo } from 'mongoose';
import { config, subgraphPort, type SubgraphName } from './config';
import { IDENTITY_HEADER, requestDigest, verifyInternalIdentity, type Identity } from './identity';
import { READINESS_TIMEOUT_MS, serveHttp } from './http';
import { pingMongo } from './mongo';
import { requestLogger, logger, type Logger } from './logger';
import { AccessControl } from './access';
import { auditRecorder, httpAuditSink, type AuditRecorder, type AuditSink } from './audit';
import { SUBGRAPH_PASS_THROUGH, unavailable } from './errors';
import { httpGrantSource, type GrantSource } from './grants';
import { withWriteAudit } from './audit-writes';
import { refreshDerived } from './workflow/refresh';
import { holdingsResolvers, holdingsTypeDefs, type HoldingSource } from './holdings';

/** What every resolver of every subgraph receives. Built once here, never per subgraph. */
export interface SubgraphContext<L> {
  identity: Identity;
  requestId: string;
  log: Logger;
  /** Per-request DataLoaders: a fresh set for each request, never shared between callers. */
  loaders: L;
  /** The access rules (owner, counterparts, grants, sealed records) and audit of cross-agency reads. */
  access: AccessControl;
  /** This request's audit recorder (fail closed). */
  audit: AuditRecorder;
}

/** Where a subgraph sends audit events and finds grants; liaison overrides both with local ones. */
export interface TrustWiring {
  auditSink?: AuditSink;
  grantSource?: GrantSource;
}

/** The context of one request (used by the HTTP server and by tests calling executeOperation). */
export function buildContext<L>(def: SubgraphDefinition<L>, identity: Identity, wiring: TrustWiring = {}): SubgraphContext<L> {
  const audit = auditRecorder(identity, wiring.auditSink ?? def.auditSink ?? httpAuditSink(def.name));
  const grantSource = wiring.grantSource ?? def.grantSource ?? httpGrantSource(def.name);
  return {
    identity,
    requestId: identity.requestId,
    log: requestLogger(identity.requestId, { subgraph: def.name, agency: identity.agency }),
    loaders: def.createLoaders(),
    access: new AccessControl(identity, () => grantSource(identity.agency, identity.requestId), audit),
    audit,
  };
}

export interface SubgraphDefinition<L> extends TrustWiring {
  name: SubgraphName;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- codegen's resolver maps are checked where they are written
  resolvers: any;
  createLoaders: () => L;
  /** Records about parties this subgraph holds (discovery and unmasking in the joint office). */
  holdings?: readonly HoldingSource[];
  /** Runs once after the database connects, before listening (e.g. syncing a code table). */
  onStart?: () => Promise<void>;
  /** Its workflows: their stored due dates are recomputed at start when the rules or the calendar changed. */
  workflows?: Parameters<typeof refreshDerived>[1];
}

const SCHEMA_DIR = path.resolve(__dirname, '..', 'schema');

/** The SDL of a subgraph, from schema/<name>.graphql (the contract). */
export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  return parse(readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8'));
}

/** Expected errors pass through; anything else is logged and replaced by a generic message. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && SUBGRAPH_PASS_THROUGH.has(code)) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isDatabaseUnreachable(error)) {
    logger.warn({ err: (error as GraphQLError).originalError?.message, path: formatted.path }, 'database unreachable');
    const { message, extensions } = unavailable('DATABASE_UNAVAILABLE', DATABASE_DOWN);
    return { message, path: formatted.path, extensions };
  }
  logger.error({ err: (error as Error)?.message, path: formatted.path }, 'unexpected error');
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

const DATABASE_DOWN = 'this member system cannot reach its database now; a write may or may not have been stored: read the record again before you retry';

/** The driver's errors for a database it cannot reach (network — a pool cleared by a restart is one —, server selection). */
const UNREACHABLE = [mongo.MongoNetworkError, mongo.MongoServerSelectionError, mongo.MongoNotConnectedError, mongo.MongoTopologyClosedError];

function isDatabaseUnreachable(error: unknown): boolean {
  const cause = error instanceof GraphQLError ? error.originalError : error;
  return UNREACHABLE.some((type) => cause instanceof type) || (cause as Error | undefined)?.name === 'MongooseServerSelectionError';
}

/** Builds (does not start) a subgraph's Apollo Server. */
export function createSubgraphServer<L>(def: SubgraphDefinition<L>): ApolloServer<SubgraphContext<L>> {
  return new ApolloServer<SubgraphContext<L>>({
    schema: buildSubgraphSchema([
      { typeDefs: subgraphTypeDefs(def.name), resolvers: withWriteAudit(def.resolvers) as GraphQLResolverMap<unknown> },
      ...(def.holdings?.length
        ? [{ typeDefs: holdingsTypeDefs, resolvers: holdingsResolvers(def.holdings) as unknown as GraphQLResolverMap<unknown> }]
        : []),
    ]),
    introspection: config().NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    formatError,
    stopOnTerminationSignals: false, // lib/run.ts stops the listener and the database in order
    plugins: [ApolloServerPluginInlineTraceDisabled()], // no traces leave a subgraph
  });
}

/**
 * Starts a subgraph on its port. Every call must carry an identity signed by the gateway and bound
 * to this request body, `_service` and `_entities` included.
 */
export async function startSubgraph<L>(def: SubgraphDefinition<L>, port = subgraphPort(def.name)) {
  await def.onStart?.();
  await refreshDerived(def.name, def.workflows ?? []);
  const server = createSubgraphServer(def);
  await server.start();
  const http = await serveHttp(server, {
    port,
    host: config().HOST,
    context: async ({ req, body, requestId }) => {
      const { query, variables } = (body ?? {}) as { query?: string; variables?: unknown };
      const token = req.headers[IDENTITY_HEADER];
      const identity = await verifyInternalIdentity(typeof token === 'string' ? token : undefined, requestDigest(query ?? '', variables));
      return buildContext(def, { ...identity, requestId: identity.requestId ?? requestId });
    },
    // Half the gateway's wait for this answer, so a slow database reads as `down`, not as this subgraph timing out.
    readiness: async () => ({ database: (await pingMongo(READINESS_TIMEOUT_MS / 2)) ? 'up' : 'down' }),
  });
  return {
    url: http.url,
    port: http.port,
    /** Stops listening (draining for `graceMs` first, lib/http.ts), then stops the Apollo Server. */
    close: async (graceMs = 0) => {
      await http.close(graceMs);
      await server.stop();
    },
  };
}
