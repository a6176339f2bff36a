// `npm start`: the whole hub on one machine — database, demo data, five subgraphs, gateway.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { GATEWAY_NODE_FLAGS } from '../gateway/node-flags';
import { config, SUBGRAPHS, subgraphPort } from '../lib/config';
import { startDatabase } from '../lib/database';
import { issueUserToken, type Role } from '../lib/identity';
import { connectMongo, disconnectMongo } from '../lib/mongo';
import { seedIfEmpty } from '../seed';

const ROOT = path.resolve(__dirname, '..');
const started = performance.now();
const children: ChildProcess[] = [];

function run(file: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', path.join(ROOT, file)], { env: { ...process.env, ...env }, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${file} exited (${signal ?? code}); stopping the hub`);
      void stop(1);
    }
  });
  return child;
}

async function waitHealthy(port: number, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not become healthy on port ${port}`);
}

let stopping = false;
let stopDb: () => Promise<void> = async () => {};

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once('exit', () => resolve()), c.kill('SIGTERM'))))));
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
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  const c = config();
  const db = await startDatabase(path.resolve(ROOT, c.DATA_DIR));
  stopDb = db.stop;
  console.log(`database: ${db.kind}`);

  await connectMongo(db.uri);
  const seeded = await seedIfEmpty();
  await disconnectMongo();
  console.log(seeded ? `demo data: seeded (${seeded})` : 'demo data: found from an earlier start');

  const env = { MONGODB_URI: db.uri, HUB_SERVICE: '' };
  for (const name of SUBGRAPHS) run(`subgraphs/${name}/index.ts`, { ...env, HUB_SERVICE: name });
  await Promise.all(SUBGRAPHS.map((name) => waitHealthy(subgraphPort(name, c), name)));
  run('gateway/index.ts', { ...env, HUB_SERVICE: 'gateway' }, GATEWAY_NODE_FLAGS);
  await waitHealthy(c.GATEWAY_PORT, 'gateway');

  const base = `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.GATEWAY_PORT}`;
  const lines = [
    '',
    `府检联动 hub ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    `  GraphQL explorer:      ${base}/`,
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
  console.error(e.message);
  await stop(1);
});
