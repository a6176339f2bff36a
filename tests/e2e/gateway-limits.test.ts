import http from 'node:http';
import net from 'node:net';
import { getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import { loadConfig } from '../../lib/config';
import { issueUserToken, type Role } from '../../lib/identity';
import { createGateway, startGateway, type GatewayOptions } from '../../gateway/server';
import { apiSchema, explorerExamples, measure, REFERENCE_QUERIES } from '../../scripts/measure-limits';
import { syncAgencies } from '../../subgraphs/liaison/agencies';
import { countCommands, useDatabase } from '../helpers/db';
import { startHub, type Hub } from '../helpers/hub';

// The gateway's defences over real HTTP: query limits, introspection by role, CSRF, batching, GET,
// body size, rate limit, production errors, subgraph timeouts and keep-alive.
useDatabase();

/** The shipped defaults, whatever the environment of the test run says. */
const DEFAULTS = loadConfig({});
const LIMITS = {
  maxDepth: DEFAULTS.GRAPHQL_MAX_DEPTH,
  maxCost: DEFAULTS.GRAPHQL_MAX_COST,
  maxAliases: DEFAULTS.GRAPHQL_MAX_ALIASES,
  maxDirectives: DEFAULTS.GRAPHQL_MAX_DIRECTIVES,
  maxTokens: DEFAULTS.GRAPHQL_MAX_TOKENS,
};

type Gateway = Awaited<ReturnType<typeof startGateway>>;
let hub: Hub;
let schema: GraphQLSchema;
const gateways: Gateway[] = [];
const closers: (() => Promise<void> | void)[] = [];

async function gateway(options: GatewayOptions = {}, urls = hub.subgraphUrls): Promise<string> {
  const g = await startGateway(urls, 0, { limits: LIMITS, ...options });
  gateways.push(g);
  return g.url;
}

let dev: string; // development behaviour (NODE_ENV=test), shipped limits
let prod: string; // production behaviour, shipped limits

beforeAll(async () => {
  await syncAgencies();
  hub = await startHub();
  schema = await apiSchema();
  dev = await gateway();
  prod = await gateway({ production: true });
});
afterAll(async () => {
  for (const g of gateways) await g.close();
  for (const c of closers) await c();
  await hub.stop();
});

const tokens = new Map<string, string>();
async function token(roles: Role[] = ['officer'], userId = 'u-limits', agency = '411221-JCY'): Promise<string> {
  const key = `${agency}|${userId}|${roles.join(',')}`;
  if (!tokens.has(key)) tokens.set(key, await issueUserToken({ userId, agency, roles }));
  return tokens.get(key)!;
}

interface Answer {
  status: number;
  headers: Headers;
  data?: Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads any shape
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  text: string;
}

async function send(url: string, init: RequestInit & { duplex?: 'half' }): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Partial<Answer> = {};
  try {
    body = JSON.parse(text) as Partial<Answer>;
  } catch {
    /* not JSON: the test looks at status and text */
  }
  return { ...body, status: res.status, headers: res.headers, text };
}

async function post(url: string, query: string, opts: { variables?: Record<string, unknown>; roles?: Role[]; userId?: string } = {}): Promise<Answer> {
  // Documents of several operations (queryOfTokens) run their first.
  const operationName = /^\s*query (Q0)\b/.exec(query)?.[1];
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(opts.roles, opts.userId)}` },
    body: JSON.stringify({ query, variables: opts.variables ?? {}, ...(operationName ? { operationName } : {}) }),
  });
}

function accepted(a: Answer): void {
  expect({ status: a.status, errors: a.errors }).toEqual({ status: 200, errors: undefined });
}

function refused(a: Answer, limit: string): void {
  expect(a.status).toBe(400);
  expect(a.data ?? undefined).toBeUndefined();
  expect(a.errors?.[0].extensions).toMatchObject({ limit });
  expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']).toContain(a.errors?.[0].extensions?.code);
}

// ─── queries of an exact size ──────────────────────────────────────────────────────────────────

/** A query `depth` levels deep: enforcementCases → nodes → person → enforcementCases → … (empty database: nothing to fetch below). */
function queryOfDepth(depth: number): string {
  const chain = ['enforcementCases(first: 1)', 'nodes', 'person'];
  const leaf = ['totalCount', 'id', 'id'];
  let q = leaf[(depth - 2) % 3];
  for (let level = depth - 1; level >= 1; level--) q = `${level === 1 ? chain[0] : chain[(level - 1) % 3].replace('(first: 1)', '')} { ${q} }`;
  return `{ ${q} }`;
}

/** A query whose estimated cost is `cost`: 100 rows of `k` values plus `a` single values. */
function queryOfCost(cost: number): string {
  const k = Math.floor((cost - 1) / 100) - 1;
  const a = cost - 1 - 100 * (1 + k);
  return `{ ${'__typename '.repeat(a)}enforcementCases(first: 100) { nodes { ${'__typename '.repeat(k)}} } }`;
}

const queryOfAliases = (n: number) => `{ me { ${Array.from({ length: n }, (_, i) => `a${i}: userId`).join(' ')} } }`;
const queryOfDirectives = (n: number) => `{ me { ${'userId @include(if: true) '.repeat(n)}} }`;
/**
 * A document of `n` tokens: operations `query Q0 { me { userId } }` of 8 tokens each, the first with
 * up to 7 more `__typename`. (One selection of ~1000 equal fields would instead meet graphql's own
 * budget of field comparisons, which refuses it as "Validation aborted.")
 */
function queryOfTokens(n: number): string {
  const ops = Math.floor(n / 8);
  return Array.from({ length: ops }, (_, i) => `query Q${i} { me { userId } ${i === 0 ? '__typename '.repeat(n - 8 * ops) : ''}}`).join('\n');
}

describe('query limits (shipped defaults)', () => {
  it('lets the realistic queries through: explorer, full dashboard, the nested queries of graph.test', async () => {
    const all = { ...explorerExamples(), ...REFERENCE_QUERIES };
    for (const [name, q] of Object.entries(all)) {
      const r = await post(dev, q, { variables: { period: '2025', n: 100, id: 'p-none', after: null } });
      const limitErrors = (r.errors ?? []).filter((e) => e.extensions?.limit || /GRAPHQL_/.test(String(e.extensions?.code)));
      expect({ name, status: r.status, limitErrors }).toEqual({ name, status: 200, limitErrors: [] });
    }
  });

  it.each([
    ['depth', queryOfDepth, LIMITS.maxDepth],
    ['cost', queryOfCost, LIMITS.maxCost],
    ['aliases', queryOfAliases, LIMITS.maxAliases],
    ['directives', queryOfDirectives, LIMITS.maxDirectives],
    ['tokens', queryOfTokens, LIMITS.maxTokens],
  ] as const)('%s: exactly at the limit is answered, one over is refused', async (kind, make, limit) => {
    const at = make(limit);
    const over = make(limit + 1);
    expect(measure(schema, at)[kind]).toBe(limit);
    expect(measure(schema, over)[kind]).toBe(limit + 1);
    accepted(await post(dev, at));
    const r = await post(dev, over);
    refused(r, kind);
    expect(r.errors?.[0].message).toContain(`at most ${limit}`); // development names the limit
  });

  it('never names a limit in production', async () => {
    for (const q of [queryOfDepth(LIMITS.maxDepth + 1), queryOfCost(LIMITS.maxCost + 1), queryOfAliases(LIMITS.maxAliases + 1),
      queryOfDirectives(LIMITS.maxDirectives + 1), queryOfTokens(LIMITS.maxTokens + 1)]) {
      const r = await post(prod, q);
      expect(r.status).toBe(400);
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0].message).not.toMatch(/\d/);
      expect(r.text).not.toMatch(/stacktrace|limit of|exceeded|found \d/i);
    }
  });

  it('counts a variable page size as the largest page, so variables cannot hide the cost', async () => {
    const q = `query($n: Int) { enforcementCases(first: $n) { nodes { ${'__typename '.repeat(60)}} } }`;
    expect(measure(schema, q).cost).toBe(1 + 100 * 61);
    refused(await post(dev, q, { variables: { n: 1 } }), 'cost');
    accepted(await post(dev, q.replace('$n: Int', '$n: Int = 10'), { variables: { n: 10 } }));
  });

  it('refuses a cyclic fragment with graphql\'s own rule, before any limit or subgraph runs', async () => {
    // Over the cost limit too: were the limits run in the same pass, they would add their error.
    const costly = `enforcementCases(first: 100) { nodes { ${'__typename '.repeat(LIMITS.maxCost / 100)}} }`;
    const cyclic = `{ ...A } fragment A on Query { ${costly} ...B ...B ...B } fragment B on Query { ...A ...A ...A }`;
    const started = performance.now();
    const { result: r, commands } = await countCommands(() => post(dev, cyclic));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.status).toBe(400);
    expect(r.errors!.length).toBeGreaterThan(0);
    for (const e of r.errors!) {
      expect(e.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(e.message).toMatch(/Cannot spread fragment "[AB]" within itself/); // and no limit error: limits run after
    }
    expect(commands).toEqual([]);
  });

  it('refuses an introspection query that nests lists (types { fields { type { fields … } } }), also through fragments', async () => {
    for (const q of [
      '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
      '{ __schema { types { ...T } } } fragment T on __Type { fields { type { fields { type { ...U } } } } } fragment U on __Type { fields { name } }',
    ]) {
      const r = await post(dev, q);
      expect({ status: r.status, errors: r.errors?.map((e) => [e.extensions?.code, e.message]) })
        .toEqual({ status: 400, errors: [['GRAPHQL_VALIDATION_FAILED', 'Maximum introspection depth exceeded']] });
    }
    accepted(await post(dev, getIntrospectionQuery()));
  });
});

describe('introspection by role', () => {
  const FULL = '{ __schema { queryType { name } types { name } } }';

  it('is open to everyone in development', async () => {
    const r = await post(dev, FULL, { roles: ['viewer'] });
    accepted(r);
    expect(r.data!.__schema.queryType.name).toBe('Query');
  });

  it('in production is refused to a viewer, also through fragments, and allowed to liaison_admin and service', async () => {
    for (const q of [
      FULL,
      '{ __type(name: "Query") { name } }',
      '{ ...F } fragment F on Query { __schema { queryType { name } } }',
      '{ __typename ...F } fragment F on Query { ...G } fragment G on Query { __schema { queryType { name } } }',
      '{ me { ...__schema } } fragment __schema on Me { userId }',
    ]) {
      const r = await post(prod, q, { roles: ['viewer'] });
      expect({ q, status: r.status, code: r.errors?.[0].extensions?.code, data: r.data ?? undefined }).toEqual({ q, status: 403, code: 'FORBIDDEN', data: undefined });
    }
    for (const roles of [['liaison_admin'], ['service']] as Role[][]) {
      const r = await post(prod, FULL, { roles, userId: `u-${roles[0]}` });
      accepted(r);
      expect(r.data!.__schema.types.length).toBeGreaterThan(50);
    }
    accepted(await post(prod, '{ __typename me { userId } }', { roles: ['viewer'] }));
  });
});

describe('production errors', () => {
  it('gives no field or enum suggestions in production (and does in development)', async () => {
    const field = '{ enforcementCases(first: 1) { totalCont } }';
    expect((await post(dev, field)).errors?.[0].message).toContain('Did you mean');
    const r = await post(prod, field);
    expect(r.status).toBe(400);
    expect(r.errors?.[0].message).toBe('Cannot query field "totalCont" on type "EnforcementCaseConnection".');

    const enumVar = 'query($f: EnforcementField) { enforcementCases(first: 1, filter: { field: $f }) { totalCount } }';
    expect((await post(dev, enumVar, { variables: { f: 'MARKT' } })).text).toContain('Did you mean');
    const e = await post(prod, enumVar, { variables: { f: 'MARKT' } });
    expect(e.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.text).not.toMatch(/Did you mean|MARKET|stacktrace/);
  });
});

describe('HTTP', () => {
  it('refuses a text/plain POST and a GET without a preflight header (CSRF)', async () => {
    const auth = { authorization: `Bearer ${await token()}` };
    const plain = await send(dev, { method: 'POST', headers: { 'content-type': 'text/plain', ...auth }, body: JSON.stringify({ query: '{ me { userId } }' }) });
    expect(plain.status).toBe(400);
    expect(plain.text).toMatch(/Cross-Site Request Forgery/);
    const get = await send(`${dev}?query=${encodeURIComponent('{ me { userId } }')}`, { headers: auth });
    expect(get.status).toBe(400);
    expect(get.text).toMatch(/Cross-Site Request Forgery/);
    const preflighted = await send(`${dev}?query=${encodeURIComponent('{ me { userId } }')}`, { headers: { ...auth, 'apollo-require-preflight': 'true' } });
    accepted(preflighted);
  });

  it('never runs a mutation over GET', async () => {
    const mutation = 'mutation { registerPerson(input: { name: "张三", idNumber: "411221198503120011" }) { id } }';
    const { result: r, commands } = await countCommands(async () =>
      send(`${dev}?query=${encodeURIComponent(mutation)}`, { headers: { authorization: `Bearer ${await token()}`, 'apollo-require-preflight': 'true' } }));
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
    expect(r.data ?? undefined).toBeUndefined();
    expect(commands).toEqual([]);
  });

  it('refuses a batched (array) request', async () => {
    const r = await send(dev, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
      body: JSON.stringify([{ query: '{ me { userId } }' }, { query: '{ me { userId } }' }]),
    });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/batching/i);
    expect(r.data ?? undefined).toBeUndefined();
  });

  it('answers 413 with a GraphQL error for a body over MAX_BODY_BYTES, with or without content-length', async () => {
    const small = await gateway({ maxBodyBytes: 2048 });
    const body = (size: number) => {
      const b = JSON.stringify({ query: '{ me { userId } }' });
      return b.slice(0, -1) + ' '.repeat(size - b.length) + '}';
    };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await token()}` };
    expect(Buffer.byteLength(body(2048))).toBe(2048);
    accepted(await send(small, { method: 'POST', headers, body: body(2048) }));
    const over = await send(small, { method: 'POST', headers, body: body(2049) });
    expect(over.status).toBe(413);
    expect(over.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    // Streamed (chunked, no content-length): the limit holds while reading.
    const streamed = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 8; i++) c.enqueue(new TextEncoder().encode(' '.repeat(1024)));
        c.close();
      },
    });
    const chunked = await send(small, { method: 'POST', headers, body: streamed, duplex: 'half' });
    expect(chunked.status).toBe(413);
    // The shipped limit, in production: no number in the message.
    const big = await send(prod, { method: 'POST', headers, body: body(DEFAULTS.MAX_BODY_BYTES + 1) });
    expect(big.status).toBe(413);
    expect(big.errors?.[0]).toEqual({ message: expect.not.stringMatching(/\d/), extensions: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});

describe('rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After after N requests of one user, before executing; others still pass', async () => {
    const limited = await gateway({ rateLimitPerMinute: 5 });
    for (let i = 0; i < 5; i++) accepted(await post(limited, '{ me { userId } }', { userId: 'busy' }));
    const { result: r, commands } = await countCommands(() => post(limited, '{ enforcementCases(first: 1) { totalCount } }', { userId: 'busy' }));
    expect(r.status).toBe(429);
    expect(r.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(r.data ?? undefined).toBeUndefined();
    expect(commands).toEqual([]);
    accepted(await post(limited, '{ me { userId } }', { userId: 'quiet' }));
    // The same user id in another agency is another user.
    const other = await send(limited, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(['officer'], 'busy', '411221-SCJ')}` },
      body: JSON.stringify({ query: '{ me { userId } }' }),
    });
    accepted(other);
  });
});

describe('subgraph fetches', () => {
  /** A TCP proxy to `target` that counts connections and can hold every byte back for `delayMs`. */
  async function proxy(target: string, delayMs = 0): Promise<{ url: string; connections: () => number }> {
    const { hostname, port, pathname } = new URL(target);
    let connections = 0;
    const sockets = new Set<net.Socket>();
    const server = net.createServer((client) => {
      connections++;
      sockets.add(client);
      const upstream = net.connect(Number(port), hostname);
      sockets.add(upstream);
      const forward = (from: net.Socket, to: net.Socket) =>
        from.on('data', (d) => (delayMs ? setTimeout(() => to.writable && to.write(d), delayMs).unref() : to.write(d)));
      forward(client, upstream);
      forward(upstream, client);
      for (const s of [client, upstream]) s.on('error', () => undefined).on('close', () => { client.destroy(); upstream.destroy(); });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });
    return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}${pathname}`, connections: () => connections };
  }

  it('times out a slow subgraph with DEADLINE_EXCEEDED naming it, without URLs, and still serves the others', async () => {
    const slow = await proxy(hub.subgraphUrls.enforcement, 3000);
    const url = await gateway({ production: true, subgraphTimeoutMs: 300 }, { ...hub.subgraphUrls, enforcement: slow.url });
    const started = performance.now();
    const r = await post(url, '{ enforcementCases(first: 1) { totalCount } }');
    expect(performance.now() - started).toBeLessThan(2500);
    expect(r.errors?.[0].extensions).toEqual({ code: 'DEADLINE_EXCEEDED', subgraph: 'enforcement' });
    expect(r.errors?.[0].message).toMatch(/enforcement.*did not answer in time/);
    expect(r.text).not.toMatch(/127\.0\.0\.1|http:|localhost|stacktrace|aborted/i);
    accepted(await post(url, '{ procuratorateCases(first: 1) { totalCount } }'));
  });

  it('answers SUBGRAPH_UNAVAILABLE for a subgraph that is not listening, without URLs', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = await gateway({ production: true }, { ...hub.subgraphUrls, petitions: `http://127.0.0.1:${port}/graphql` });
    const r = await post(url, '{ petitions(first: 1) { totalCount } }');
    expect(r.errors?.[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'petitions' });
    expect(r.text).not.toMatch(/127\.0\.0\.1|http:|ECONNREFUSED|fetch failed|stacktrace/i);
  });

  it('never passes on a subgraph\'s error page, URL or stack trace', async () => {
    let answer: { status: number; type: string; body: string } = { status: 502, type: 'text/html', body: '<h1>Bad gateway</h1> upstream http://10.1.2.3:4003/graphql refused' };
    const fake = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => { fake.closeAllConnections(); fake.close(() => resolve()); }));
    const url = await gateway({ production: true }, { ...hub.subgraphUrls, petitions: `http://127.0.0.1:${(fake.address() as net.AddressInfo).port}/graphql` });
    const page = await post(url, '{ petitions(first: 1) { totalCount } }');
    expect(page.errors?.[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'petitions' });
    expect(page.text).not.toMatch(/10\.1\.2\.3|127\.0\.0\.1|http:|Bad gateway|502|stacktrace/i);
    // A subgraph's own contract error on a non-2xx answer keeps its message, and nothing else.
    answer = { status: 401, type: 'application/json', body: JSON.stringify({ errors: [{ message: 'the internal identity is not valid', extensions: { code: 'UNAUTHENTICATED', stacktrace: ['at verify (/srv/hub/lib/identity.ts:99)'] } }] }) };
    const refusedBySubgraph = await post(url, '{ petitions(first: 1) { totalCount } }');
    expect(refusedBySubgraph.errors?.[0]).toMatchObject({ message: 'the internal identity is not valid', extensions: { code: 'UNAUTHENTICATED' } });
    expect(refusedBySubgraph.text).not.toMatch(/127\.0\.0\.1|http:|stacktrace|identity\.ts|response/i);
  });

  it('reuses one keep-alive connection per subgraph', async () => {
    const counted = await proxy(hub.subgraphUrls.procuratorate);
    const url = await gateway({}, { ...hub.subgraphUrls, procuratorate: counted.url });
    for (let i = 0; i < 6; i++) accepted(await post(url, '{ procuratorateCases(first: 1) { totalCount } }'));
    expect(counted.connections()).toBe(1);
  });
});

describe('telemetry', () => {
  it('installs no usage or schema reporting even with APOLLO_KEY set', async () => {
    const saved = { key: process.env.APOLLO_KEY, ref: process.env.APOLLO_GRAPH_REF, schema: process.env.APOLLO_SCHEMA_REPORTING };
    process.env.APOLLO_KEY = 'service:hub-test:not-a-real-key';
    process.env.APOLLO_GRAPH_REF = 'hub-test@current';
    process.env.APOLLO_SCHEMA_REPORTING = 'true';
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); // "local configuration overrides managed federation"
    const server = createGateway(hub.subgraphUrls);
    try {
      await server.start(); // schema reporting would refuse to start on a gateway
      type Internal = { __internal_plugin_id__?: string; __is_disabled_plugin__?: boolean };
      const plugins = (server as unknown as { internals: { plugins: Internal[] } }).internals.plugins;
      const reporting = plugins.filter((p) => p.__internal_plugin_id__ === 'UsageReporting' || p.__internal_plugin_id__ === 'SchemaReporting');
      expect(reporting.map((p) => [p.__internal_plugin_id__, p.__is_disabled_plugin__])).toEqual([['UsageReporting', true], ['SchemaReporting', true]]);
      expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('1');
    } finally {
      await server.stop();
      warn.mockRestore();
      for (const [k, v] of [['APOLLO_KEY', saved.key], ['APOLLO_GRAPH_REF', saved.ref], ['APOLLO_SCHEMA_REPORTING', saved.schema]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
