import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { config, subgraphPort, type SubgraphName } from './config';
import { IDENTITY_HEADER, requestDigest, verifyInternalIdentity, type Identity } from './identity';
import { serveHttp } from './http';
import { requestLogger, logger, type Logger } from './logger';
import { AccessControl } from './access';
import { auditRecorder, httpAuditSink, type AuditRecorder, type AuditSink } from './audit';
import { SUBGRAPH_PASS_THROUGH } from './errors';
import { httpGrantSource, type GrantSource } from './grants';
import { withWriteAudit } from './audit-writes';
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
  logger.error({ err: (error as Error)?.message, path: formatted.path }, 'unexpected error');
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
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
