// `npm start`: the whole hub on one machine — database, demo data, five subgraphs, gateway.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { GATEWAY_NODE_FLAGS } from '../gateway/node-flags';
import { config, SUBGRAPHS, subgraphPort } from '../lib/config';
import { startDatabase } from '../lib/database';
import { issueUserToken, type Role } from '../lib/identity';
import { connectMongo, disconnectMongo } from '../lib/mongo';
import { seedIfEmpty } from '../seed';

const ROOT = path.resolve(__dirname, '..');
const started = performance.now();

// A crashed subgraph or gateway is started again after a pause that doubles from 0.5 s to 10 s while it keeps
// crashing, and starts from 0.5 s again once a run has lasted a minute. Only SIGINT/SIGTERM (or a failed start)
// stop the hub; the gateway answers SUBGRAPH_UNAVAILABLE for a subgraph that is down meanwhile.
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
const STABLE_AFTER_MS = 60_000;
// Children drain for SHUTDOWN_GRACE_MS (default 10 s) and give up 5 s later themselves (lib/run.ts); SIGKILL only after that.
const STOP_GRACE_MS = (Number(process.env.SHUTDOWN_GRACE_MS) || 10_000) + 10_000;

/** One supervised child process: what to run, and its restart state. */
interface Service {
  name: string;
  file: string;
  env: NodeJS.ProcessEnv;
  nodeFlags: string[];
  port: number;
  child?: ChildProcess;
  startedAt: number;
  nextDelayMs: number;
  restarts: number;
  timer?: NodeJS.Timeout;
}
const services: Service[] = [];

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))}s`;

function launch(s: Service): void {
  s.startedAt = Date.now();
  const child = spawn(process.execPath, [...s.nodeFlags, '--import', 'tsx', path.join(ROOT, s.file)], { env: { ...process.env, ...s.env }, stdio: 'inherit' });
  s.child = child;
  child.on('error', (e) => console.error(`${s.name} could not be started: ${e.message}`)); // 'exit' follows, or nothing ran
  child.on('exit', (code, signal) => {
    if (s.child === child) s.child = undefined;
    if (stopping) return;
    if (Date.now() - s.startedAt >= STABLE_AFTER_MS) s.nextDelayMs = FIRST_DELAY_MS; // it had been up a while
    const delay = s.nextDelayMs;
    s.nextDelayMs = Math.min(delay * 2, MAX_DELAY_MS);
    console.error(`${s.name} exited (${signal ?? code}); restarting in ${seconds(delay)}`);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      if (stopping) return;
      s.restarts += 1;
      launch(s);
      void announceBack(s, s.child!);
    }, delay);
  });
}

function supervise(name: string, file: string, port: number, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): void {
  const s: Service = { name, file, env, nodeFlags, port, startedAt: 0, nextDelayMs: FIRST_DELAY_MS, restarts: 0 };
  services.push(s);
  launch(s);
}

/** Says when a restarted child answers again (quietly gives up if it exits first: its exit is logged). */
async function announceBack(s: Service, child: ChildProcess): Promise<void> {
  while (!stopping && s.child === child) {
    if (await healthy(s.port)) {
      console.error(`${s.name} is back (restart ${s.restarts}, answering after ${seconds(Date.now() - s.startedAt)})`);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

// node:http, not fetch: fetch refuses the ports of its "bad ports" list (e.g. 4190, 6000) outright.
function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/health', timeout: 2_000, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false)); // not listening yet
  });
}

async function waitHealthy(port: number, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopping');
    if (await healthy(port)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not become healthy on port ${port}`);
}

let stopping = false;
let stopDb: () => Promise<void> = async () => {};

/** SIGTERM to a child, SIGKILL if it has not exited after STOP_GRACE_MS. */
function terminate(child: ChildProcess | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const s of services) clearTimeout(s.timer);
  await Promise.all(services.map((s) => terminate(s.child)));
  await stopDb();
  process.exit(code);
}

const DEMO_USERS: { agency: string; roles: Role[]; label: string }[] = [
  { agency: '411221-JCY', roles: ['officer'], label: '检察院 officer' },
  { agency: '411221-JCY', roles: ['liaison_admin', 'supervisor'], label: '联席办 liaison admin' },
  { agency: '411221-JCY', roles: ['auditor'], label: '检察院 auditor' },
  { agency: '411221-SCJ', roles: ['officer'], label: '市场监管局 officer' },
  { agency: '411221-HBJ', roles: ['viewer'], label: '生态环境分局 viewer' },
  { agency: '411221-XFJ', roles: ['officer'], label: '信访局 officer' },
];

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));
  const c = config();
  const db = await startDatabase(path.resolve(ROOT, c.DATA_DIR));
  stopDb = db.stop;
  console.log(`database: ${db.kind}`);

  await connectMongo(db.uri);
  const seeded = await seedIfEmpty();
  await disconnectMongo();
  console.log(seeded ? `demo data: seeded (${seeded})` : 'demo data: found from an earlier start');

  const env = { MONGODB_URI: db.uri, HUB_SERVICE: '' };
  for (const name of SUBGRAPHS) supervise(name, `subgraphs/${name}/index.ts`, subgraphPort(name, c), { ...env, HUB_SERVICE: name });
  await Promise.all(SUBGRAPHS.map((name) => waitHealthy(subgraphPort(name, c), name)));
  supervise('gateway', 'gateway/index.ts', c.GATEWAY_PORT, { ...env, HUB_SERVICE: 'gateway' }, GATEWAY_NODE_FLAGS);
  await waitHealthy(c.GATEWAY_PORT, 'gateway');

  const base = `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.GATEWAY_PORT}`;
  const lines = [
    '',
    `府检联动 hub ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    `  GraphQL explorer:      ${base}/`,
    `  联合看板 dashboard:     ${base}/dashboard/`,
    `  GraphQL endpoint:      ${base}/graphql`,
    '',
    'demo tokens (12 h; send as "Authorization: Bearer <token>"):',
  ];
  for (const u of DEMO_USERS) {
    const token = await issueUserToken({ userId: `demo-${u.roles[0]}-${u.agency}`, agency: u.agency, roles: u.roles });
    lines.push(`  ${u.label.padEnd(22)} ${token}`);
  }
  lines.push('', 'Ctrl-C stops everything.');
  console.log(lines.join('\n'));
}

main().catch(async (e: Error) => {
  if (!stopping) console.error(e.message);
  await stop(1);
});
