import { randomUUID } from 'node:crypto';
import net from 'node:net';
import mongoose from 'mongoose';
import { createRateLimiter, RateLimiter, retryAfterSeconds, SharedRateLimiter } from '../../gateway/rate-limit';
import { startGateway } from '../../gateway/server';
import { loadConfig, resetConfig } from '../../lib/config';
import { issueUserToken, type Role } from '../../lib/identity';
import { logger } from '../../lib/logger';
import { seedDemo } from '../../seed';
import { useDatabase } from '../helpers/db';
import { startHub, type Hub } from '../helpers/hub';

// Several gateway processes over the same subgraphs (issue 9, "More than one machine"): in-process here, each
// with its own listener, its own Apollo gateway and its own connection to the rate-limit store, as replicas
// behind a load balancer would have. They give the same answers, and a user's requests spread over them are
// limited to RATE_LIMIT_PER_MINUTE in total (gateway/rate-limit.ts keeps the count in MongoDB).
useDatabase();

type Gateway = Awaited<ReturnType<typeof startGateway>>;
let hub: Hub;
const gateways: Gateway[] = [];
const LIMIT = 6;

async function gateway(rateLimitPerMinute?: number): Promise<Gateway> {
  const g = await startGateway(hub.subgraphUrls, 0, rateLimitPerMinute ? { rateLimitPerMinute } : {});
  gateways.push(g);
  return g;
}

beforeAll(async () => {
  await seedDemo({ scale: 0.1, today: new Date('2026-06-30') });
  hub = await startHub();
});
afterAll(async () => {
  for (const g of gateways) await g.close();
  await hub.stop();
});

const tokens = new Map<string, string>();
async function token(userId: string, agency = '411221-JCY', roles: Role[] = ['officer']): Promise<string> {
  const key = `${agency}|${userId}|${roles.join(',')}`;
  if (!tokens.has(key)) tokens.set(key, await issueUserToken({ userId, agency, roles }));
  return tokens.get(key)!;
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(url: string, bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Answer['body'] };
}

const ME = '{ me { userId agency { code } } }';
const counts = (answers: Answer[]) => ({
  ok: answers.filter((a) => a.status === 200 && !a.body.errors).length,
  limited: answers.filter((a) => a.status === 429 && a.body.errors?.[0].extensions?.code === 'RATE_LIMITED').length,
});

describe('two gateways over the same subgraphs', () => {
  it('give identical answers to the same queries: data, nested federation, errors and refusals', async () => {
    const second = await gateway();
    const cases: { who: [string, string, Role[]]; query: string; variables?: Record<string, unknown> }[] = [
      { who: ['u-same-jcy', '411221-JCY', ['officer']], query: ME },
      {
        who: ['u-same-jcy', '411221-JCY', ['officer']],
        query: `{ enforcementCases(first: 20, filter: { status: TRANSFERRED }) { totalCount pageInfo { endCursor hasNextPage }
          nodes { id caseNumber agency { name } transfer { id status procuratorateCase { caseNumber sourceTransfer { id } } } } } }`,
      },
      {
        who: ['u-same-jcy', '411221-JCY', ['officer']],
        query: `{ rescueApplications(first: 5) { nodes { applicant { id name idNumberMasked
          procuratorateCases { totalCount } enforcementCases { totalCount } petitions { totalCount } } } } }`,
      },
      {
        who: ['u-same-scj', '411221-SCJ', ['officer']],
        query: `{ dashboard(period: "2025") { period procuratorate { casesAccepted suggestionsIssued }
          enforcement { casesFiled transfersSent } petitions { received } assistance { applications } } }`,
      },
      { who: ['u-same-scj', '411221-SCJ', ['officer']], query: '{ procuratorateCases(first: 10) { totalCount nodes { caseNumber status } } }' },
      { who: ['u-same-xfj', '411221-XFJ', ['officer']], query: '{ petitions(first: 10) { nodes { number relatedCases { __typename } } } }' },
      // Refusals: bad input, a bad cursor, an unknown field.
      { who: ['u-same-scj', '411221-SCJ', ['officer']], query: '{ dashboard(period: "last year") { period } }' },
      { who: ['u-same-jcy', '411221-JCY', ['officer']], query: 'query($a: String) { enforcementCases(first: 2, after: $a) { totalCount } }', variables: { a: 'not-a-cursor' } },
      { who: ['u-same-jcy', '411221-JCY', ['officer']], query: '{ enforcementCases(first: 1) { noSuchField } }' },
    ];
    for (const c of cases) {
      const bearer = await token(...c.who);
      const [a, b] = await Promise.all([post(hub.url, bearer, c.query, c.variables), post(second.url, bearer, c.query, c.variables)]);
      expect({ query: c.query, status: b.status, body: b.body }).toEqual({ query: c.query, status: a.status, body: a.body });
    }
    // Not vacuous: the lists above were answered with data.
    const list = await post(second.url, await token('u-same-jcy'), cases[1].query);
    expect((list.body.data!.enforcementCases as { totalCount: number }).totalCount).toBeGreaterThan(0);
  });

  it('limit a user to RATE_LIMIT_PER_MINUTE in total, requests alternating between them', async () => {
    const [a, b] = [await gateway(LIMIT), await gateway(LIMIT)];
    const bearer = await token(`u-alternate-${randomUUID()}`);
    const answers: Answer[] = [];
    for (let i = 0; i < 2 * LIMIT; i++) answers.push(await post([a, b][i % 2].url, bearer, ME));
    expect(answers.map((x) => x.status)).toEqual([...Array(LIMIT).fill(200), ...Array(LIMIT).fill(429)]);
    for (const refused of answers.slice(LIMIT)) {
      expect(refused.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      expect(refused.body.data ?? undefined).toBeUndefined();
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(120);
    }
    // Another user, and the same user id in another agency, are counted apart.
    expect((await post(a.url, await token(`u-other-${randomUUID()}`), ME)).status).toBe(200);
    expect((await post(b.url, await token('u-alternate-x', '411221-SCJ'), ME)).status).toBe(200);
  });

  it('limit a user to RATE_LIMIT_PER_MINUTE in total under concurrent requests to three gateways', async () => {
    const three = [await gateway(LIMIT), await gateway(LIMIT), await gateway(LIMIT)];
    const bearer = await token(`u-burst-${randomUUID()}`);
    const answers = await Promise.all(Array.from({ length: 4 * LIMIT }, (_, i) => post(three[i % 3].url, bearer, ME)));
    // Each gateway alone would have let LIMIT through: 3 × LIMIT in all.
    expect(counts(answers)).toEqual({ ok: LIMIT, limited: 3 * LIMIT });
  });
});

describe('the rate-limit store', () => {
  /** A TCP proxy to the test database that can be stopped (connections cut) and started again on its port. */
  async function dbProxy(): Promise<{ uri: string; stop: () => Promise<void>; start: () => Promise<void> }> {
    const target = new URL(process.env.MONGODB_URI!);
    const sockets = new Set<net.Socket>();
    const server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    return {
      uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
      stop: async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const s of sockets) s.destroy();
        await closed;
      },
      start: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    };
  }

  /** A gateway whose rate-limit store is reached at `uri` (the configuration is read when it starts). */
  async function gatewayWithStore(uri: string, limit: number): Promise<Gateway> {
    const saved = process.env.MONGODB_URI;
    process.env.MONGODB_URI = uri;
    resetConfig();
    try {
      return await startGateway(hub.subgraphUrls, 0, { rateLimitPerMinute: limit }); // closed by the test
    } finally {
      process.env.MONGODB_URI = saved;
      resetConfig();
    }
  }

  const storedCount = async (userId: string, agency = '411221-JCY') => {
    const doc = await mongoose.connection.getClient().db('test_gateway').collection('rateLimits').findOne({ _id: JSON.stringify([agency, userId]) as never });
    return Object.values((doc?.counts ?? {}) as Record<string, number>).reduce((s, n) => s + n, 0);
  };

  it('keeps one small document per user in <DB_PREFIX>_gateway, with a TTL index', async () => {
    const g = await gateway(LIMIT);
    const userId = `u-doc-${randomUUID()}`;
    for (let i = 0; i < 3; i++) expect((await post(g.url, await token(userId), ME)).status).toBe(200);
    expect(await storedCount(userId)).toBe(3);
    const indexes = await mongoose.connection.getClient().db('test_gateway').collection('rateLimits').listIndexes().toArray();
    expect(indexes).toEqual(expect.arrayContaining([expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 })]));
  });

  it('fails open to a per-gateway limit when the store is down (warning logged), and shares the count again when it is back', async () => {
    const warn = jest.spyOn(logger, 'warn');
    const info = jest.spyOn(logger, 'info');
    const proxy = await dbProxy();
    let stopProxy: (() => Promise<void>) | undefined = proxy.stop;
    const viaProxy = await gatewayWithStore(proxy.uri, LIMIT);
    try {
      const direct = await gateway(LIMIT);
      const userId = `u-outage-${randomUUID()}`;
      const bearer = await token(userId);
      // Store up: 4 of the 6 used, counted in the store.
      for (let i = 0; i < 4; i++) expect((await post(viaProxy.url, bearer, ME)).status).toBe(200);
      expect(await storedCount(userId)).toBe(4);

      await proxy.stop();
      stopProxy = undefined;
      // Store down: answered (not 503, not hung), on the gateway's own bucket of 6; the 7th is refused by it.
      const during: Answer[] = [];
      const started = performance.now();
      for (let i = 0; i < LIMIT + 1; i++) during.push(await post(viaProxy.url, bearer, ME));
      const took = performance.now() - started;
      expect(during.map((a) => a.status)).toEqual([...Array(LIMIT).fill(200), 429]);
      expect(took).toBeLessThan(3_000); // one wait of at most 500 ms for the store, then no wait while it is down
      const down = warn.mock.calls.filter((c) => String(c[1]).startsWith('rate-limit store unreachable'));
      expect(down).toHaveLength(1); // once per outage, not once per request
      expect(await storedCount(userId)).toBe(4); // nothing reached the store

      // Back: within the retry period (5 s) plus the driver's reconnection, requests are counted in the store again.
      await proxy.start();
      stopProxy = proxy.stop;
      const deadline = Date.now() + 20_000;
      const back = () => info.mock.calls.some((c) => String(c[1]).startsWith('rate-limit store answers again'));
      while (!back() && Date.now() < deadline) {
        expect((await post(viaProxy.url, await token(`u-probe-${randomUUID()}`), ME)).status).toBe(200);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(back()).toBe(true);
      // Shared again: a fresh user's 6 spread over the recovered gateway and another one, then refused on both.
      const after = await token(`u-after-${randomUUID()}`);
      const answers: Answer[] = [];
      for (let i = 0; i < LIMIT + 2; i++) answers.push(await post([viaProxy, direct][i % 2].url, after, ME));
      expect(counts(answers)).toEqual({ ok: LIMIT, limited: 2 });
    } finally {
      warn.mockRestore();
      info.mockRestore();
      await viaProxy.close();
      await stopProxy?.();
    }
  }, 60_000);

  it('lets a gateway start while the store is away, and uses the store once it answers', async () => {
    const proxy = await dbProxy();
    await proxy.stop();
    const limiter = new SharedRateLimiter(2, { uri: proxy.uri, database: 'test_gateway', retryAfterMs: 200 });
    try {
      const started = performance.now();
      await limiter.ready();
      expect(performance.now() - started).toBeLessThan(3_000); // bounded wait, no throw
      const caller = { agency: '411221-JCY', userId: `u-cold-${randomUUID()}` };
      await limiter.take(caller); // the local bucket
      await proxy.start();
      const deadline = Date.now() + 15_000;
      while ((await storedCount(caller.userId)) === 0 && Date.now() < deadline) {
        await limiter.take({ ...caller, userId: `u-cold-probe-${randomUUID()}` });
        await new Promise((r) => setTimeout(r, 200));
        await limiter.take(caller).catch(() => {});
      }
      expect(await storedCount(caller.userId)).toBeGreaterThan(0);
    } finally {
      await limiter.close();
      await proxy.stop();
    }
  }, 30_000);

  it('is per process, with a warning, when the gateway has no MONGODB_URI', async () => {
    const limiter = await createRateLimiter(2, loadConfig({}));
    expect(limiter).toBeInstanceOf(RateLimiter);
    await limiter.close();
    const shared = await createRateLimiter(2, loadConfig({ MONGODB_URI: process.env.MONGODB_URI }));
    expect(shared).toBeInstanceOf(SharedRateLimiter);
    await shared.close();
  });

  it('answers Retry-After as the time until one more request would pass', () => {
    // Limit 6, seven counted in this window at 10 s: 50 s to the next window, where these seven weigh 7 × (1 − t)
    // and one more fits once that is at most 5, at t = 2/7 (17.1 s).
    expect(retryAfterSeconds(6, 0, 7, 10 / 60)).toBe(Math.ceil(50 + 120 / 7));
    // Six in the previous window, three in this one, at 30 s: the six weigh at most 2 from 40 s on.
    expect(retryAfterSeconds(6, 6, 3, 0.5)).toBe(10);
    // Six at the very end of a window: 0.6 s, then 10 s of the next.
    expect(retryAfterSeconds(6, 0, 6, 0.99)).toBe(11);
  });
});
