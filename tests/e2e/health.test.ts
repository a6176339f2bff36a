import { SUBGRAPHS } from '../../lib/config';
import { connectMongo, disconnectMongo } from '../../lib/mongo';
import { IDENTITY_HEADER, requestDigest, signInternalIdentity } from '../../lib/identity';
import { useDatabase } from '../helpers/db';
import { startHub, type Hub } from '../helpers/hub';
import { holdRequest, rawRequest, startSubgraphProcess, waitFor, type Service } from '../helpers/service-process';
import { calendarCoverage } from '../../lib/calendar';

// /healthz and /readyz of the gateway and the subgraphs, and the drain on SIGTERM of a real subgraph process.
// Everything on 127.0.0.1, every wait bounded.

useDatabase();

const portOf = (url: string) => Number(new URL(url).port);

/** Nothing in a health answer may say where a service runs. */
function expectNoAddress(text: string, ports: number[]): void {
  expect(text).not.toMatch(/https?:|\/\/|127\.0\.0\.1|localhost|graphql/i);
  for (const p of ports) expect(text).not.toContain(String(p));
}

describe('health and readiness (in-process hub)', () => {
  let hub: Hub;
  let gatewayPort: number;
  let allPorts: number[];

  beforeAll(async () => {
    hub = await startHub();
    gatewayPort = portOf(hub.url);
    allPorts = [gatewayPort, ...Object.values(hub.subgraphUrls).map(portOf)];
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('a subgraph answers /healthz (and the /health alias) and /readyz with its database up', async () => {
    const port = portOf(hub.subgraphUrls.petitions);
    for (const p of ['/healthz', '/health']) {
      const r = await rawRequest(port, 'GET', p);
      expect([r.status, r.json]).toEqual([200, { status: 'ok' }]);
    }
    const ready = await rawRequest(port, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    // The calendar legal periods are counted on, and the years it lacks (informational: today 2027 is not out yet).
    const { calendar, ...state } = ready.json as { calendar: { datasetVersion: string; missing: number[] } };
    expect(state).toEqual({ status: 'ready', parts: { database: 'up' } });
    expect(calendar).toEqual({ datasetVersion: '1.5.7', missing: calendarCoverage().missing });
    expect(ready.headers['content-type']).toMatch(/application\/json/);
    expectNoAddress(ready.text, allPorts);
  });

  it('the gateway answers /healthz and is ready when every subgraph is, naming each part', async () => {
    const live = await rawRequest(gatewayPort, 'GET', '/healthz');
    expect([live.status, live.json]).toEqual([200, { status: 'ok' }]);
    const ready = await rawRequest(gatewayPort, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ready', parts: Object.fromEntries(SUBGRAPHS.map((n) => [n, 'up'])) });
    expectNoAddress(ready.text, allPorts);
  });

  it('a subgraph whose database connection is gone is not ready (503), and ready again once it is back', async () => {
    const port = portOf(hub.subgraphUrls.assistance);
    await disconnectMongo();
    try {
      const down = await rawRequest(port, 'GET', '/readyz');
      expect(down.status).toBe(503);
      expect(down.json).toMatchObject({ status: 'not_ready', parts: { database: 'down' } });
      expectNoAddress(down.text, allPorts);
      expect((await rawRequest(port, 'GET', '/healthz')).status).toBe(200); // still up
    } finally {
      await connectMongo(process.env.MONGODB_URI!);
    }
    expect((await rawRequest(port, 'GET', '/readyz')).status).toBe(200);
  });

  it('the gateway is not ready (503) while a subgraph is stopped, naming it without its address', async () => {
    const stoppedPort = portOf(hub.subgraphUrls.enforcement);
    await hub.stopSubgraph('enforcement');
    const started = Date.now();
    const r = await rawRequest(gatewayPort, 'GET', '/readyz');
    expect(Date.now() - started).toBeLessThan(3000); // a short timeout, all subgraphs asked in parallel
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({
      status: 'not_ready',
      parts: Object.fromEntries(SUBGRAPHS.map((n) => [n, n === 'enforcement' ? 'down' : 'up'])),
    });
    expectNoAddress(r.text, [...allPorts, stoppedPort]);
    // Liveness is not readiness: the gateway process is still up and still serves the other subgraphs.
    expect((await rawRequest(gatewayPort, 'GET', '/healthz')).status).toBe(200);
  });
});

describe('SIGTERM on a subgraph process', () => {
  let service: Service | undefined;
  afterEach(() => service?.kill());

  const query = '{ _service { sdl } }';
  const variables = {};
  async function signedHeaders(): Promise<Record<string, string>> {
    const who = { userId: 'health-test', agency: '411221-JCY', roles: ['officer' as const], requestId: `health-${Date.now()}` };
    return { [IDENTITY_HEADER]: await signInternalIdentity(who, requestDigest(query, variables)) };
  }

  it('finishes the request in flight, answers new ones 503 SHUTTING_DOWN with connection: close, and exits 0 within the grace time', async () => {
    const graceMs = 8000;
    service = await startSubgraphProcess('procuratorate', { SHUTDOWN_GRACE_MS: String(graceMs) });
    const { port } = service;
    expect((await rawRequest(port, 'GET', '/readyz')).json).toMatchObject({ status: 'ready', parts: { database: 'up' } });

    // A request the server has received but cannot answer yet: half of its body is still to come.
    const held = await holdRequest(port, '/graphql', { query, variables }, await signedHeaders());
    const signalled = Date.now();
    service.child.kill('SIGTERM');

    // Draining: not ready, so a load balancer stops sending; the process is still up.
    await waitFor(async () => (await rawRequest(port, 'GET', '/readyz')).status === 503, 5000, '/readyz 503 after SIGTERM');
    const ready = await rawRequest(port, 'GET', '/readyz');
    expect([ready.status, ready.json]).toEqual([503, { status: 'not_ready', parts: {}, draining: true }]);
    expect(ready.headers.connection).toBe('close');

    // A new request is refused, GraphQL-shaped, and told not to reuse the connection.
    const refused = await rawRequest(port, 'POST', '/graphql', { query, variables }, await signedHeaders());
    expect(refused.status).toBe(503);
    expect(refused.headers.connection).toBe('close');
    expect(refused.json).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'SHUTTING_DOWN' } }] });
    expectNoAddress(refused.text, [port]);
    expect(service.child.exitCode).toBeNull(); // it waits for the request in flight

    // The request in flight completes, in full.
    held.finish();
    const done = await held.response;
    expect(done.status).toBe(200);
    expect(done.json.errors).toBeUndefined();
    expect(done.json.data._service.sdl).toContain('type ProcuratorateCase');
    expect(done.headers.connection).toBe('close');

    // Then it closes the database and exits 0, well within the grace time.
    const exit = await service.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(graceMs);
    expect(service.output()).toMatch(/"msg":"drained"/);
    expect(service.output()).toMatch(/"msg":"stopped"/);
    expect(service.output()).not.toMatch(/"level":(50|60)/); // no error or fatal line
    await expect(rawRequest(port, 'GET', '/healthz')).rejects.toThrow(/ECONNREFUSED/);
  }, 90_000);

  it('cuts a request that outlasts SHUTDOWN_GRACE_MS and still exits 0, after the grace time and not long after', async () => {
    const graceMs = 1500;
    service = await startSubgraphProcess('procuratorate', { SHUTDOWN_GRACE_MS: String(graceMs) });
    const held = await holdRequest(service.port, '/graphql', { query, variables }, await signedHeaders()); // never finished
    const signalled = Date.now();
    service.child.kill('SIGTERM');
    const exit = await service.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalled).toBeGreaterThanOrEqual(graceMs - 100); // it did wait for the request
    expect(exit.at - signalled).toBeLessThan(graceMs + 4000); // and no longer than the grace (plus closing)
    await expect(held.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(service.output()).toMatch(/"msg":"drain time over: cutting requests"/);
  }, 90_000);
});
