// `npm run bench:load -- [--duration 8] [--rounds 2] [--scale 1] [--soak 0] [--no-peer]`
// Seeds a scratch database, starts the five subgraphs, this hub's gateway and the peer (Hive Gateway's runtime,
// JS planner and Rust planner; bench/peer-hive) as separate processes on loopback, and runs the same query mix
// through each with autocannon, alternating targets round by round. Prints RPS, p50/p99, errors and each
// gateway's peak RSS, and the ratios ours ÷ Hive and gateway ÷ direct subgraph. `--soak S` then runs the README
// query through our gateway for S seconds and prints throughput per 30 s window (decay check). Stops by itself.
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GATEWAY_NODE_FLAGS } from '../gateway/node-flags';
import { README_QUERY } from './queries';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
    scale: { type: 'string', default: '1' },
    soak: { type: 'string', default: '0' },
    'audit-seconds': { type: 'string', default: '20' },
    'no-peer': { type: 'boolean', default: false },
    only: { type: 'string' }, // a cell's name starts with this, e.g. "me"
    profile: { type: 'boolean', default: false }, // CPU profiles of our gateway and subgraphs into .data/profiles
  },
});
process.env.DB_PREFIX = 'load';
process.env.LOG_LEVEL = 'silent';

const ROOT = path.resolve(__dirname, '..');
const PEER_DIR = path.join(__dirname, 'peer-hive');
const SUBGRAPH_PORTS = { procuratorate: 4101, enforcement: 4102, petitions: 4103, assistance: 4104, liaison: 4105 } as const;
const PORTS = { ours: 4100, hive: 4200, 'hive-rust': 4201 } as const;
type Target = keyof typeof PORTS | 'direct';

/** The mix: name, query, concurrencies, and the subgraph that answers it alone (for the direct baseline). */
const CELLS: { name: string; query: string; concurrency: number[]; direct?: keyof typeof SUBGRAPH_PORTS }[] = [
  { name: 'me { userId roles }', query: '{ me { userId roles } }', concurrency: [1, 10, 50], direct: 'liaison' },
  { name: 'agencies(first: 20)', query: '{ agencies(first: 20) { nodes { code name type } } }', concurrency: [10, 50], direct: 'liaison' },
  { name: 'README query (3 subgraphs)', query: README_QUERY, concurrency: [10] },
];

const children: ChildProcess[] = [];
const HIVE_ENV = { LOG_LEVEL: 'error' }; // Hive's logger knows no "silent"
const env = {
  ...process.env,
  RATE_LIMIT_PER_MINUTE: '100000000',
  ...Object.fromEntries(Object.entries(SUBGRAPH_PORTS).map(([n, p]) => [`${n.toUpperCase()}_PORT`, String(p)])),
  GATEWAY_PORT: String(PORTS.ours),
};

function start(label: string, args: string[], extra: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], { cwd: ROOT, env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code) => code && console.error(`${label} exited with ${code}`));
  children.push(child);
  return child;
}

async function ready(url: string, init?: RequestInit): Promise<void> {
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    try {
      const res = await fetch(url, init);
      if (res.ok) return;
      if (Date.now() > deadline - 60_000) console.error(`${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    } catch {
      /* not listening yet */
    }
  }
  throw new Error(`${url} did not answer within 90 s`);
}

function rssMiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

interface Cell {
  /** Answers without GraphQL errors. */
  answered: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  rssPeak?: number;
}

/** One autocannon run; GraphQL errors inside 200 answers count as errors too. */
async function hit(url: string, body: string, connections: number, seconds: number, headers: () => Record<string, string>, pid?: number): Promise<Cell> {
  let graphqlErrors = 0;
  let answered = 0;
  let rssPeak = 0;
  const sampler = pid ? setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(pid))), 200) : undefined;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body, headers: { 'content-type': 'application/json', ...headers() } }) }],
    setupClient: (client) => client.on('body', (b: Buffer) => void (b.includes('"errors"') ? (graphqlErrors += 1) : (answered += 1))),
  });
  clearInterval(sampler);
  return {
    answered,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts + graphqlErrors,
    ...(pid ? { rssPeak } : {}),
  };
}

/**
 * 50 concurrent cross-agency readers (the procuratorate reading enforcement cases under its grant) for `seconds`:
 * every answered read must have its audit event, and the chain must verify afterwards.
 */
async function auditUnderLoad(seconds: number, uri: string): Promise<void> {
  const { issueUserToken } = await import('../lib/identity');
  const { connectMongo, disconnectMongo } = await import('../lib/mongo');
  const { AuditEventModel } = await import('../subgraphs/liaison/models');
  const { verifyChain } = await import('../subgraphs/liaison/audit/chain');
  const userId = `audit-load-${Date.now()}`;
  const token = await issueUserToken({ userId, agency: '411221-JCY', roles: ['officer'] });
  await connectMongo(uri);
  try {
    const before = await AuditEventModel.countDocuments();
    const { answered, errors } = await hit(`http://127.0.0.1:${PORTS.ours}/graphql`, JSON.stringify({ query: README_QUERY }), 50, seconds, () => ({ authorization: `Bearer ${token}` }));
    const stored = await AuditEventModel.countDocuments() - before;
    const audited = (await AuditEventModel.distinct('requestId', { actor: userId, action: 'READ', outcome: 'ALLOWED' })).length;
    const chain = await verifyChain();
    console.log(`\naudit chain under load: 50 cross-agency readers for ${seconds} s through our gateway`);
    console.log(`  reads answered ${answered} (errors ${errors}), requests with their READ event ${audited}, events appended ${stored} (${(stored / seconds).toFixed(0)} per second)`);
    console.log(`  every answered read audited: ${audited >= answered ? 'yes' : 'NO'}; chain verifies: ${chain.ok ? `yes (${chain.events} events)` : `NO — ${JSON.stringify(chain)}`}`);
  } finally {
    await disconnectMongo();
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
function combine(runs: Cell[]): Cell {
  return {
    answered: runs.reduce((a, r) => a + r.answered, 0),
    rps: mean(runs.map((r) => r.rps)),
    p50: mean(runs.map((r) => r.p50)),
    p99: mean(runs.map((r) => r.p99)),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    rssPeak: Math.max(...runs.map((r) => r.rssPeak ?? 0)),
  };
}

void (async () => {
  const { startScratchDatabase } = await import('../lib/database');
  const { connectMongo, disconnectMongo, subgraphDatabase } = await import('../lib/mongo');
  const { SUBGRAPHS } = await import('../lib/config');
  const { seedDemo } = await import('../seed');
  const { IDENTITY_HEADER, issueUserToken, requestDigest, signInternalIdentity } = await import('../lib/identity');

  const peer = !values['no-peer'];
  if (peer && !existsSync(path.join(PEER_DIR, 'node_modules'))) {
    console.log('installing the peer gateway into bench/peer-hive (once)');
    if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEER_DIR, stdio: 'inherit' }).status !== 0) throw new Error('npm ci in bench/peer-hive failed');
  }

  const db = await startScratchDatabase('load');
  Object.assign(env, { MONGODB_URI: db.uri });
  try {
    await connectMongo(db.uri);
    for (const name of SUBGRAPHS) await subgraphDatabase(name).dropDatabase();
    await seedDemo({ scale: Number(values.scale) });
    await disconnectMongo();

    const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.data', 'profiles')}`] : [];
    for (const name of SUBGRAPHS) {
      const child = start(name, [`subgraphs/${name}/index.ts`], {}, profile);
      if (values.profile) console.log(`${name}: pid ${child.pid}`);
    }
    await Promise.all(Object.values(SUBGRAPH_PORTS).map((p) => ready(`http://127.0.0.1:${p}/health`)));
    const gatewayArgs = [...profile, ...GATEWAY_NODE_FLAGS];
    const pids: Partial<Record<Target, number>> = { ours: start('gateway', ['gateway/index.ts'], {}, gatewayArgs).pid };
    const subgraphUrls = JSON.stringify(Object.fromEntries(Object.entries(SUBGRAPH_PORTS).map(([n, p]) => [n, `http://127.0.0.1:${p}/graphql`])));
    if (peer) {
      pids.hive = start('hive', ['bench/peer-hive/run.ts', '--port', String(PORTS.hive), '--subgraphs', subgraphUrls], HIVE_ENV).pid;
      pids['hive-rust'] = start('hive-rust', ['bench/peer-hive/run.ts', '--port', String(PORTS['hive-rust']), '--subgraphs', subgraphUrls, '--rust-planner'], HIVE_ENV).pid;
    }
    const gateways = (Object.keys(pids) as Target[]).filter((t) => t !== 'direct');
    const token = await issueUserToken({ userId: 'load-jcy', agency: '411221-JCY', roles: ['officer'] });
    const auth = { authorization: `Bearer ${token}` };
    for (const t of gateways) await ready(`http://127.0.0.1:${PORTS[t as keyof typeof PORTS]}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{"query":"{ me { userId } }"}' });

    const seconds = Number(values.duration);
    const rounds = Number(values.rounds);
    console.log(`database ${db.kind}, scale ${values.scale}; ${rounds} alternating runs of ${seconds} s per cell; loopback only\n`);
    console.log('| query | c | target | RPS | p50 ms | p99 ms | errors | gateway peak RSS MiB |');
    console.log('|---|---|---|---|---|---|---|---|');
    const summary: string[] = [];
    for (const cell of CELLS.filter((c) => !values.only || c.name.startsWith(values.only))) {
      const body = JSON.stringify({ query: cell.query, variables: {} });
      for (const c of cell.concurrency) {
        const targets: Target[] = [...gateways, ...(cell.direct ? (['direct'] as const) : [])];
        const runs = new Map<Target, Cell[]>(targets.map((t) => [t, []]));
        for (let round = 0; round < rounds; round++) {
          for (const t of round % 2 ? [...targets].reverse() : targets) {
            if (t === 'direct') {
              // Each call needs its own one-use identity bound to the body: signed before the run, as the gateway would.
              const digest = requestDigest(cell.query, {});
              const identity = { userId: 'load-jcy', agency: '411221-JCY', roles: ['officer' as const], requestId: 'load' };
              const pool = await Promise.all(Array.from({ length: seconds * 8000 }, () => signInternalIdentity(identity, digest)));
              runs.get(t)!.push(await hit(`http://127.0.0.1:${SUBGRAPH_PORTS[cell.direct!]}/graphql`, body, c, seconds, () => ({ [IDENTITY_HEADER]: pool.pop() ?? '' })));
            } else {
              runs.get(t)!.push(await hit(`http://127.0.0.1:${PORTS[t]}/graphql`, body, c, seconds, () => auth, pids[t]));
            }
          }
        }
        const results = new Map([...runs].map(([t, r]) => [t, combine(r)]));
        for (const [t, r] of results) {
          console.log(`| ${cell.name} | ${c} | ${t} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.errors} | ${t === 'direct' ? '–' : r.rssPeak!.toFixed(0)} |`);
        }
        const ours = results.get('ours')!.rps;
        const ratio = (t: Target) => (results.has(t) ? (ours / results.get(t)!.rps).toFixed(2) : '–');
        const direct = results.get('direct');
        summary.push(`| ${cell.name} | ${c} | ${ratio('hive')} | ${ratio('hive-rust')} | ${direct ? (ours / direct.rps).toFixed(2) : '–'} |`);
      }
    }
    console.log('\n| query | c | ours ÷ Hive (JS planner) | ours ÷ Hive (Rust planner) | gateway ÷ direct |\n|---|---|---|---|---|');
    console.log(summary.join('\n'));

    const soak = Number(values.soak);
    if (soak > 0) {
      console.log(`\nsoak: README query through our gateway at c10 for ${soak} s, per 30 s window`);
      const body = JSON.stringify({ query: README_QUERY, variables: {} });
      for (let done = 0; done < soak; done += 30) {
        const r = await hit(`http://127.0.0.1:${PORTS.ours}/graphql`, body, 10, Math.min(30, soak - done), () => auth, pids.ours);
        console.log(`  ${done}–${done + Math.min(30, soak - done)} s: ${r.rps.toFixed(0)} RPS, p99 ${r.p99} ms, errors ${r.errors}, gateway RSS peak ${r.rssPeak!.toFixed(0)} MiB`);
      }
    }

    const auditSeconds = Number(values['audit-seconds']);
    if (auditSeconds > 0) await auditUnderLoad(auditSeconds, db.uri);
  } finally {
    await stopAll();
    await db.stop();
  }
})().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e.message);
    for (const c of children) c.kill('SIGKILL');
    process.exit(1);
  },
);

/** SIGTERM, then SIGKILL for whatever has not exited within 3 s (the peer keeps serving after SIGTERM). */
async function stopAll(): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const force = setTimeout(() => c.kill('SIGKILL'), 3000);
          c.once('exit', () => (clearTimeout(force), resolve()));
          c.kill('SIGTERM');
        }),
    ),
  );
}
