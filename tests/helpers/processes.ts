import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { GATEWAY_NODE_FLAGS } from '../../gateway/node-flags';
import { SUBGRAPHS, type SubgraphName } from '../../lib/config';
import { freePort, launcherClasspath, spawnMongoJavaServer } from '../../lib/database';
import { issueUserToken } from '../../lib/identity';
import type { Caller } from './hub';
import type { Result } from './subgraph';

// Fault tests run the hub as real processes — a database that can be SIGKILLed and started again on the same
// port and file, five subgraph processes and a gateway process — all on 127.0.0.1, so a kill is a real kill.

const ROOT = path.resolve(__dirname, '..', '..');

export { freePort };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` is true, or throws after `timeoutMs` (or as soon as `failed` says why it never will be). */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, failed: () => string | undefined = () => undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const why = failed();
    if (why) throw new Error(`${what}: ${why}`);
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`${what}: not ready within ${timeoutMs} ms`);
}

// ---------------------------------------------------------------------------------------------------------
// The database

/** The classpath lib/database.ts builds for the embedded database (built there on first use). */
function embeddedClasspath(): string {
  const classpath = launcherClasspath();
  if (!classpath) throw new Error('the fault tests need the embedded mongo-java-server (Java 17+ and Maven)');
  return classpath;
}

/** A mongo-java-server of this test alone: SIGKILL it, start it again on the same port and H2 file. */
export interface KillableDatabase {
  uri: string;
  port: number;
  readonly pid: number | undefined;
  /** Kills the database process (default SIGKILL) and waits until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and file; resolves once the port accepts connections. */
  start(): Promise<void>;
  /** Stops it (SIGTERM, the store is closed) and removes its files. */
  stop(): Promise<void>;
}

/**
 * Starts mongo-java-server exactly as lib/database.ts does (same launcher, JVM options and stdin pipe, so it also
 * dies with this process), but keeps the process handle so a test can kill and restart it.
 */
export async function startKillableDatabase(label: string): Promise<KillableDatabase> {
  const classpath = embeddedClasspath();
  mkdirSync(path.join(ROOT, '.data'), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, '.data', `${label}-`));
  const port = await freePort();
  let child: ChildProcess | undefined;

  const db: KillableDatabase = {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    get pid() {
      return child?.pid;
    },
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) throw new Error('the database is already running');
      child = await spawnMongoJavaServer(classpath, dir, port);
    },
    async kill(signal = 'SIGKILL') {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill(signal);
      });
    },
    async stop() {
      await db.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await db.start();
  return db;
}

// ---------------------------------------------------------------------------------------------------------
// Service processes

/** An exit of a service process that no test asked for. */
export interface Crash {
  service: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** One subgraph or gateway process: started, killed and started again on the same port. */
export class ServiceProcess {
  child?: ChildProcess;
  /** Exits nobody asked for (a crash); tests expect none. */
  readonly crashes: Crash[] = [];
  private output = '';
  private expectingExit = false;

  constructor(
    readonly name: string,
    readonly file: string,
    readonly port: number,
    readonly env: NodeJS.ProcessEnv,
    readonly nodeFlags: string[] = [],
  ) {}

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The last lines the process wrote (for a failing test's message). */
  get log(): string {
    return this.output;
  }

  /** Spawns the process and resolves once `GET /health` answers 200. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.expectingExit = false;
    const child = spawn(process.execPath, [...this.nodeFlags, '--import', 'tsx', path.join(ROOT, this.file)], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-8000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      if (!this.expectingExit) this.crashes.push({ service: this.name, code, signal, output: this.output.slice(-2000) });
    });
    this.child = child;
    await waitFor(`${this.name} on port ${this.port}`, () => healthy(this.port), 60_000, () =>
      child.exitCode !== null || child.signalCode !== null ? `exited (${child.signalCode ?? child.exitCode}): ${this.output.slice(-2000)}` : undefined,
    );
  }

  /** Sends `signal` (default SIGKILL) and waits for the process to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.expectingExit = true;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(signal);
    });
  }

  /** A clean stop (SIGTERM, SIGKILL after 10 s). */
  stop(): Promise<void> {
    return this.kill('SIGTERM');
  }
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The hub as processes

export interface ProcessHubOptions {
  /** The database every service uses. */
  mongoUri: string;
  /** Environment of every service on top of the common one (e.g. SUBGRAPH_TIMEOUT_MS for the subgraphs' own calls too). */
  env?: NodeJS.ProcessEnv;
  /**
   * The subgraphs to start (default all five; the joint office always, it keeps the audit chain and the grants).
   * The gateway still knows every subgraph; one not started is simply down. Fewer processes start faster on a busy machine.
   */
  start?: SubgraphName[];
  /** Ports of some subgraphs (a proxy in front of one needs to know it first); the others get free ones. */
  ports?: Partial<Record<SubgraphName, number>>;
  /** Gateway environment on top of the common one (e.g. SUBGRAPH_TIMEOUT_MS). */
  gatewayEnv?: NodeJS.ProcessEnv;
  /** Where the gateway finds a subgraph instead of its own port (a delaying proxy in front of it). */
  gatewayUrls?: Partial<Record<SubgraphName, string>>;
}

export interface GraphResult extends Result {
  status: number;
  /** Milliseconds from sending to the parsed answer. */
  ms: number;
}

export interface ProcessHub {
  gatewayUrl: string;
  gateway: ServiceProcess;
  subgraphs: Record<SubgraphName, ServiceProcess>;
  /** POSTs an operation to the gateway as `who` (a fresh signed user token, cached per caller). */
  query(who: Caller, query: string, variables?: Record<string, unknown>, timeoutMs?: number, headers?: Record<string, string>): Promise<GraphResult>;
  /** Unexpected exits of any service so far. */
  crashes(): Crash[];
  stop(): Promise<void>;
}

/**
 * Starts the subgraphs (all five, or those of `start`) and the gateway as child processes (`node --import tsx
 * <file>`, as `npm start` runs them) on free loopback ports, against `mongoUri`, with the test worker's configuration (NODE_ENV=test, its
 * DB_PREFIX and secrets). The gateway's rate limit is lifted: load tests send hundreds of requests per user.
 */
export async function startProcessHub(options: ProcessHubOptions): Promise<ProcessHub> {
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (n) => [n, options.ports?.[n] ?? (await freePort())]))) as Record<SubgraphName, number>;
  const gatewayPort = await freePort();
  const common: NodeJS.ProcessEnv = { ...process.env };
  for (const n of SUBGRAPHS) delete common[`${n.toUpperCase()}_URL`]; // an earlier in-process hub may have set them
  Object.assign(common, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
    MONGODB_URI: options.mongoUri,
    APOLLO_TELEMETRY_DISABLED: '1',
    SHUTDOWN_GRACE_MS: '2000', // a test's clean stop drains briefly
    ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_PORT`, String(ports[n])])),
    ...options.env,
  });
  const subgraphs = Object.fromEntries(
    SUBGRAPHS.map((n) => [n, new ServiceProcess(n, `subgraphs/${n}/index.ts`, ports[n], { ...common, HUB_SERVICE: n })]),
  ) as Record<SubgraphName, ServiceProcess>;
  const gateway = new ServiceProcess(
    'gateway',
    'gateway/index.ts',
    gatewayPort,
    {
      ...common,
      HUB_SERVICE: 'gateway',
      GATEWAY_PORT: String(gatewayPort),
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...Object.fromEntries(Object.entries(options.gatewayUrls ?? {}).map(([n, url]) => [`${n.toUpperCase()}_URL`, url])),
      ...options.gatewayEnv,
    },
    GATEWAY_NODE_FLAGS,
  );
  const all = [...Object.values(subgraphs), gateway];
  try {
    // The joint office first (it syncs the agency table the others' tests rely on), then the rest side by side.
    await subgraphs.liaison.start();
    await Promise.all(SUBGRAPHS.filter((n) => n !== 'liaison' && (options.start ?? SUBGRAPHS).includes(n)).map((n) => subgraphs[n].start()));
    await gateway.start();
  } catch (e) {
    await Promise.all(all.map((s) => s.stop()));
    throw e;
  }

  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  const tokens = new Map<string, string>();
  async function tokenFor(who: Caller): Promise<string> {
    const roles = who.roles ?? ['officer'];
    const key = `${who.agency}|${roles.join(',')}|${who.userId ?? ''}`;
    if (!tokens.has(key)) tokens.set(key, await issueUserToken({ userId: who.userId ?? `u-${who.agency}`, agency: who.agency, roles }));
    return tokens.get(key)!;
  }

  return {
    gatewayUrl,
    gateway,
    subgraphs,
    async query(who, query, variables = {}, timeoutMs = 30_000, headers = {}) {
      const t0 = performance.now();
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(who)}`, ...headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.json()) as Result;
      return { ...body, status: res.status, ms: performance.now() - t0 };
    },
    crashes: () => all.flatMap((s) => s.crashes),
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    },
  };
}

/** Runs `clients` loops of `fn` side by side until `until()` is true; resolves when all have finished. */
export async function underLoad(clients: number, until: () => boolean, fn: (client: number, i: number) => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; !until(); i++) await fn(client, i);
    }),
  );
}

/** The JSON of an answer as a client sees it, for "no URL, no stack" checks. */
export function leaksInternals(r: Result): string | undefined {
  const text = JSON.stringify(r.errors ?? []);
  if (/https?:\/\/|127\.0\.0\.1|localhost/.test(text)) return 'a URL';
  if (/\bat .+:\d+:\d+|stacktrace|exception/i.test(text)) return 'a stack trace';
  return undefined;
}
