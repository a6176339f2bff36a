// The peer of `npm run bench:load`: Hive Gateway's runtime serving the hub's committed supergraph over the same
// subgraphs, with one small plugin that does what our gateway does before each subgraph fetch (verify the caller's
// token once per request, sign a one-use identity bound to the fetch body). Usage:
//   node --import tsx bench/peer-hive/run.ts --port 4200 --subgraphs '{"liaison":"http://127.0.0.1:4105/graphql",...}' [--rust-planner]
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import * as httpTransport from '@graphql-mesh/transport-http';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, requestDigest, signInternalIdentity, verifyUserToken, type Identity } from '../../lib/identity';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4200' }, subgraphs: { type: 'string' }, 'rust-planner': { type: 'boolean', default: false } },
});
const urls = JSON.parse(values.subgraphs ?? '{}') as Record<string, string>;

/** Verifies the caller once per request and signs each subgraph fetch as gateway/datasource.ts does. */
function useHubIdentity(): GatewayPlugin<{ hubIdentity?: Identity }> {
  return {
    async onContextBuilding({ context, extendContext }) {
      const request = (context as unknown as { request: Request }).request;
      extendContext({ hubIdentity: await verifyUserToken(request.headers.get('authorization') ?? undefined, randomUUID()) });
    },
    async onFetch({ options, setOptions, context }) {
      const identity = (context as { hubIdentity?: Identity }).hubIdentity;
      if (!identity || typeof options.body !== 'string') return;
      const body = JSON.parse(options.body) as { query?: string; variables?: unknown };
      const signed = await signInternalIdentity(identity, requestDigest(body.query ?? '', body.variables));
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), [IDENTITY_HEADER]: signed, [REQUEST_ID_HEADER]: identity.requestId } });
    },
  };
}

const gateway = createGatewayRuntime({
  // A static string: a file path with polling would be re-read on every request.
  supergraph: readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'),
  ...(values['rust-planner'] ? { unifiedGraphHandler } : {}),
  // Given, not looked up: the Rust planner's path loads transports by dynamic import, which tsx resolves from the hub's root.
  transports: { http: httpTransport as never },
  transportEntries: {
    // Off: it matches subgraph fetches before the identity is added and could hand one user's answer to another.
    '*.http': { options: { deduplicateInflightRequests: false } },
    ...Object.fromEntries(Object.entries(urls).map(([name, location]) => [name, { location }])),
  },
  plugins: () => [useHubIdentity()],
  logging: false,
  maskedErrors: process.env.PEER_DEBUG ? false : undefined,
  landingPage: false,
  graphiql: false,
});

createServer(gateway).listen(Number(values.port), '127.0.0.1', () => console.log(`hive gateway listening on ${values.port}`));
