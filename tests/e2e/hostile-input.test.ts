import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery, isObjectType, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { SignJWT } from 'jose';
import mongoose from 'mongoose';
import { AGENCIES } from '../../lib/agencies';
import { config } from '../../lib/config';
import { issueUserToken } from '../../lib/identity';
import { seedDemo } from '../../seed';
import { verifyChain } from '../../subgraphs/liaison/audit/chain';
import { AuditEventModel } from '../../subgraphs/liaison/models';
import { useDatabase } from '../helpers/db';
import { diffFingerprints, fingerprint, type Fingerprint, type LogCollection } from '../helpers/fingerprint';
import { HostileGenerator, type CallerSpec, type GeneratorInput, type HostileCase, type RealRecords } from '../helpers/hostile';
import { judge, pool, send, table, type Answer, type LeakMarkers, type Verdict } from '../helpers/hostile-client';
import { startHub, type Hub } from '../helpers/hub';

// Issue 9, "Hostile input": a schema-aware generator (tests/helpers/hostile.ts) sends over a thousand malformed
// or hostile requests through the real gateway (five subgraphs over HTTP on loopback, the test database), with
// tokens of several agencies and roles, odd tokens and none, eight at a time. It reads the schema the running
// gateway serves (introspection) and real record ids from the database, so every argument of every query and
// mutation field is covered without a hand-written list. Pass:
// - every request gets an answer, no exception escapes (uncaughtException/unhandledRejection), and the gateway
//   and the five subgraphs still answer /health and a federated query afterwards;
// - no answer (body or headers) carries a stack trace ("    at ", "node_modules", ".ts:", the checkout path), an
//   internal address (a subgraph's or the database's host:port, "localhost") or database internals;
// - every GraphQL error has extensions.code, and every 4xx/5xx is a GraphQL error (JSON `errors` with codes);
// - no 5xx at all: with every part up, a 5xx (documented only as SUBGRAPH_UNAVAILABLE/DEADLINE_EXCEEDED when a
//   member system is really down, and then with a JSON body and a code) means hostile input broke something;
//   likewise no INTERNAL_SERVER_ERROR (an unexpected exception) and no SUBGRAPH_UNAVAILABLE;
// - no mutation answers data, and a fingerprint of every database (count and hash of every collection but
//   the logs in LOGS) is the same before and after; the audit chain still verifies.
// HOSTILE_SEED=<n> draws other requests; HOSTILE_DUMP=<file> writes every case and answer as JSON lines;
// HOSTILE_TRACE=<file> logs each request as it starts and ends. The counts by outcome are printed.
useDatabase();

const SEED = Number(process.env.HOSTILE_SEED ?? 20260630);
const CONCURRENCY = 8;

/**
 * What may change while the hub refuses everything it is sent: logs that grow by design. Nothing else is
 * left out of the fingerprint, in any database on the server.
 */
const LOGS: readonly LogCollection[] = [
  {
    name: 'liaison.auditevents', mode: 'prefix', key: 'seq',
    why: 'the audit chain: every refused write and every cross-agency read is recorded by design, so it grows; the events already there must not change (compared), and the whole chain must still verify',
  },
  {
    name: 'liaison.auditanchors', mode: 'skip',
    why: "the chain's head pointer (seq and hash of the newest event): moves with every append; verifyChain checks it against the events",
  },
  {
    name: 'gateway.rateLimits', mode: 'skip',
    why: 'the rate-limit counters shared by gateways (per user and minute, expired by a TTL index): every authenticated request counts by design',
  },
];

let hub: Hub;
let schema: GraphQLSchema;
let cases: HostileCase[] = [];
let generatorInput: GeneratorInput;
let results: { c: HostileCase; a: Answer; v: Verdict }[] = [];
let before: Fingerprint;
let after: Fingerprint;
let markers: LeakMarkers;
const crashes: string[] = [];
const onCrash = (e: unknown) => crashes.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * Records of each stored type that the API exposes, with their versions (for stale-version cases): one of
 * each status (a workflow step behaves differently by status), at most twelve a type.
 */
async function realRecords(api: GraphQLSchema): Promise<RealRecords> {
  const pluralize = mongoose.pluralize()!;
  const byCollection = new Map(Object.values(api.getTypeMap()).filter(isObjectType).map((t) => [pluralize(t.name), t.name]));
  const client = mongoose.connection.getClient();
  const records: RealRecords = new Map();
  const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
  for (const { name } of databases.filter((d) => d.name.startsWith(`${process.env.DB_PREFIX}_`)).sort((a, b) => a.name.localeCompare(b.name))) {
    for (const coll of (await client.db(name).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort()) {
      const type = byCollection.get(coll);
      if (!type) continue;
      const docs = await client.db(name).collection(coll).find({}).sort({ _id: 1 }).limit(500).toArray();
      const byStatus = new Map<unknown, (typeof docs)[number]>();
      for (const d of docs) if (typeof d._id === 'string' && !byStatus.has(d.status ?? byStatus.size)) byStatus.set(d.status ?? byStatus.size, d);
      // the member agencies a record names at its top level (owner, counterparts): writers the resolvers may let in
      const agenciesOf = (d: Record<string, unknown>) => [...new Set(Object.values(d).flat().filter((v): v is string => typeof v === 'string' && AGENCY_CODES.has(v)))];
      const list = [...byStatus.values()].slice(0, 12).map((d) => ({ id: d._id as unknown as string, version: typeof d.version === 'number' ? d.version : undefined, agencies: agenciesOf(d) }));
      if (list.length) records.set(type, [...(records.get(type) ?? []), ...list]);
    }
  }
  return records;
}

const tokens = new Map<string, string>();
async function authorizationFor(caller: CallerSpec): Promise<string | undefined> {
  if (caller.kind === 'none') return undefined;
  if (caller.kind === 'raw') return caller.authorization;
  const key = JSON.stringify(caller);
  if (!tokens.has(key)) {
    const c = config();
    const token =
      caller.kind === 'user'
        ? await issueUserToken({ userId: caller.userId, agency: caller.agency, roles: caller.roles })
        : await new SignJWT(caller.claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(c.JWT_ISSUER).setAudience(c.JWT_AUDIENCE).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(c.JWT_SECRET));
    tokens.set(key, token);
  }
  return `Bearer ${tokens.get(key)!}`;
}

/** HOSTILE_TRACE=<file>: phases and each case as it starts and ends (to find a request that hangs). */
const trace = (line: string) => process.env.HOSTILE_TRACE && appendFileSync(process.env.HOSTILE_TRACE, `${new Date().toISOString()} ${line}\n`);

const AGENCY_CODES = new Set(AGENCIES.map((a) => a.code));

/** The host:port pairs of a MongoDB URI (one, or a replica set's list). */
const databaseHosts = (uri: string) => (/^mongodb(?:\+srv)?:\/\/(?:[^@/]*@)?([^/?]+)/.exec(uri)?.[1] ?? '').split(',').filter(Boolean);

const count = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());

beforeAll(async () => {
  const t0 = Date.now();
  await seedDemo({ scale: 0.05, today: new Date('2026-06-30') });
  trace('seeded');
  hub = await startHub();
  const t1 = Date.now();
  trace('hub started');

  // The schema as the running gateway serves it (introspection is open outside production).
  const introspection = await hub.query({ agency: '411221-JCY', roles: ['liaison_admin'] }, getIntrospectionQuery());
  expect(introspection.errors).toBeUndefined();
  schema = buildClientSchema(introspection.data as unknown as IntrospectionQuery);

  generatorInput = { schema, seed: SEED, records: await realRecords(schema), agencyCodes: AGENCIES.map((a) => a.code) };
  cases = new HostileGenerator(generatorInput).generate(1000);
  trace(`generated ${cases.length}`);
  markers = {
    stack: ['    at ', 'node_modules', '.ts:', process.cwd()],
    internal: ['localhost', ...Object.values(hub.subgraphUrls).map((u) => new URL(u).host), ...databaseHosts(process.env.MONGODB_URI!)],
    database: ['MongoServerError', 'MongoError', 'MongoNetworkError', 'E11000', 'BSONError', 'Cast to ', 'mongoose'],
  };

  before = await fingerprint(LOGS);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const t2 = Date.now();
  const origin = new URL(hub.url).origin;
  results = await pool(cases, CONCURRENCY, async (c) => {
    trace(`start #${c.n} ${c.category} ${c.target}`);
    const a = await send(origin, c, await authorizationFor(c.caller));
    trace(`end #${c.n} ${a.status} ${a.ms} ms`);
    return { c, a, v: judge(c, a, markers) };
  });
  const t3 = Date.now();
  const skipped = new Set<string>();
  after = await fingerprint(LOGS, before, skipped);

  // The counts by outcome (for the issue's note), then the first answers of each kind of problem.
  const byStatus = count(results.map((r) => r.v.status));
  const byCode = count(results.flatMap((r) => (r.v.codes.length ? [...new Set(r.v.codes)] : [r.a.json?.data ? '(data, no errors)' : '(no errors)'])));
  const byCategory = count(results.map((r) => `${r.c.category.padEnd(34)} ${r.v.status}${r.v.codes.length ? ` ${[...new Set(r.v.codes)].join('+')}` : ''}`));
  const audit = [...after].find(([k]) => k.endsWith('.auditevents'))?.[1];
  console.log(
    [
      `hostile input: ${cases.length} requests, seed ${SEED}, ${CONCURRENCY} at a time: ${t3 - t2} ms (seed and start ${t1 - t0} ms); ` +
        `${results.filter((r) => r.v.problems.length).length} answers with problems`,
      `fingerprint: ${after.size} collections in ${new Set([...after.keys()].map((k) => k.split('.')[0])).size} databases; ` +
        `append-only, compared up to the last event before: ${LOGS.filter((l) => l.mode === 'prefix').map((l) => l.name).join(', ')} (${audit?.appended ?? 0} events appended); ` +
        `skipped: ${[...skipped].join(', ') || 'none present'}`,
      table('by HTTP status', byStatus),
      table('by error code (answers carrying it)', byCode),
      table('by category, status and codes', byCategory),
    ].join('\n\n'),
  );
  // HOSTILE_DUMP=<file>: every case and its answer as JSON lines, to replay or study one
  if (process.env.HOSTILE_DUMP) {
    const clip = (b: HostileCase['body']) => (b === undefined ? undefined : typeof b === 'string' ? b.slice(0, 4000) : Buffer.isBuffer(b) ? `base64:${b.subarray(0, 3000).toString('base64')}` : b);
    writeFileSync(process.env.HOSTILE_DUMP, results.map(({ c, a, v }) => JSON.stringify({ ...c, body: clip(c.body), status: a.status, ms: a.ms, answer: a.text.slice(0, 2000), problems: v.problems })).join('\n'));
  }
  const problems = new Map<string, typeof results>();
  for (const r of results) for (const p of r.v.problems) {
    const kind = p.replace(/:.*$/s, '').replace(/\(.*\)/, '').trim();
    problems.set(kind, [...(problems.get(kind) ?? []), r]);
  }
  if (problems.size) {
    console.log(
      [...problems]
        .map(([kind, rs]) => `${kind}: ${rs.length}\n${rs.slice(0, 6).map((r) => `  #${r.c.n} ${r.c.category} ${r.c.target} → ${r.v.status} ${r.v.codes.join(',')} ${r.v.problems.join('; ').slice(0, 200)} | ${r.a.text.slice(0, 300).replace(/\s+/g, ' ')}`).join('\n')}`)
        .join('\n'),
    );
  }
}, 180_000);

afterAll(async () => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  await hub?.stop();
});

describe('hostile input through the gateway', () => {
  it('sends at least 1,000 requests, reaching every query and mutation field of the schema', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    const reached = new Set(cases.map((c) => `${c.operation}.${c.rootField}`));
    const fields = [
      ...Object.keys(schema.getQueryType()!.getFields()).filter((f) => !f.startsWith('_')).map((f) => `query.${f}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `mutation.${f}`),
    ];
    expect(fields.filter((f) => !reached.has(f))).toEqual([]);
    // a few of each kind: with tokens and without, queries, mutations, HTTP-level
    expect(cases.filter((c) => c.caller.kind === 'none').length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.category.startsWith('http:')).length).toBeGreaterThan(100);
  });

  it('is reproducible: the same seed, schema and records give the same requests', () => {
    const again = new HostileGenerator(generatorInput).generate(1000);
    const digest = (cs: HostileCase[]) => {
      const h = createHash('sha256');
      for (const c of cs) h.update(`${c.method} ${c.path} ${JSON.stringify(c.headers)} ${JSON.stringify(c.caller)}\n`).update(typeof c.body === 'string' || Buffer.isBuffer(c.body) ? c.body : JSON.stringify(c.body ?? null)).update('\n');
      return `${cs.length} requests, sha256 ${h.digest('hex')}`;
    };
    expect(digest(again)).toBe(digest(cases));
  });

  it('every request is answered, nothing crashed, and the gateway and every subgraph still answer', async () => {
    expect(results.filter((r) => r.a.failure).map((r) => `#${r.c.n} ${r.c.category} ${r.c.target}: ${r.a.failure}`)).toEqual([]);
    expect(crashes).toEqual([]);
    for (const url of [hub.url, ...Object.values(hub.subgraphUrls)]) {
      const res = await fetch(new URL('/health', url));
      expect(res.status).toBe(200);
    }
    // and still work: a query across three subgraphs
    const r = await hub.query({ agency: '411221-JCY' }, '{ enforcementCases(first: 3) { nodes { id agency { name } } } agencies(first: 2) { nodes { code } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data!.agencies.nodes).toHaveLength(2);
  });

  it('no answer carries a stack trace, an internal address or database internals', () => {
    const leaks = results.filter((r) => r.v.problems.some((p) => /^(stack trace|internal address|database internals)/.test(p)));
    expect(leaks.map((r) => `#${r.c.n} ${r.c.category} ${r.c.target}: ${r.v.problems.join('; ')}`)).toEqual([]);
  });

  it('every error carries extensions.code, and every refusal is a GraphQL error', () => {
    const uncoded = results.filter((r) => r.v.problems.some((p) => /^(an error without|HTTP \d+ without|an empty errors)/.test(p)));
    expect(uncoded.map((r) => `#${r.c.n} ${r.c.category} ${r.c.target}: ${r.v.problems.join('; ')}`)).toEqual([]);
  });

  it('no 5xx and no internal error: hostile input is refused as the caller’s fault', () => {
    const failed = results.filter((r) => r.v.problems.some((p) => /^(HTTP 5\d\d \(|INTERNAL_SERVER_ERROR)/.test(p)));
    expect(failed.map((r) => `#${r.c.n} ${r.c.category} ${r.c.target}: ${r.v.status} ${r.v.codes.join(',')}`)).toEqual([]);
  });

  it('with every member system up, hostile input never makes one look unavailable', () => {
    const unavailable = results.filter((r) => r.v.codes.includes('SUBGRAPH_UNAVAILABLE') || r.v.codes.includes('DEADLINE_EXCEEDED'));
    expect(unavailable.map((r) => `#${r.c.n} ${r.c.category} ${r.c.target}: ${r.v.status} ${r.v.codes.join(',')}`)).toEqual([]);
  });

  it('no write is accepted', () => {
    expect(results.filter((r) => r.v.acceptedWrite).map((r) => `#${r.c.n} ${r.c.target}`)).toEqual([]);
  });

  it('no stored data changed, in any database and collection but the logs named in LOGS', () => {
    expect(before.size).toBeGreaterThan(10); // the seeded county is in the print
    expect(diffFingerprints(before, after)).toEqual([]);
  });

  it('the audit events the refused requests appended still form a valid chain', async () => {
    const chain = await verifyChain();
    const broken = chain.ok ? undefined : await AuditEventModel.findById(chain.id).lean();
    expect(chain.ok ? 'the chain verifies' : `event ${chain.seq}: ${chain.reason}; ${JSON.stringify(broken).slice(0, 600)}`).toBe('the chain verifies');
  });
});
