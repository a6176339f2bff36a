import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { logger } from './logger';

/** A running MongoDB-wire database and how to stop it. */
export interface Database {
  uri: string;
  kind: 'external' | 'mongodb-memory-server' | 'mongo-java-server';
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..');
const LAUNCHER_SOURCE = path.join(ROOT, 'tools', 'mongo-java-server');
const LAUNCHER_BUILD = path.join(ROOT, '.cache', 'mongo-java-server');

const HOW_TO = [
  'No MongoDB-compatible database could be started. Choose one:',
  '  1. set MONGODB_URI to a MongoDB server or replica set;',
  '  2. set MONGOMS_SYSTEM_BINARY to a mongod binary (mongodb-memory-server runs it);',
  '  3. install Java 17+ and Maven (Debian: openjdk-17-jdk-headless maven) so the hub resolves',
  '     mongo-java-server 1.47 from Maven Central into .cache/ once and runs it on .data/.',
].join('\n');

/** A free TCP port on the loopback (closed again before it is returned). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the database exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the database did not open port ${port} within ${timeoutMs} ms`);
}

function hasMongodBinary(): boolean {
  if (process.env.MONGOMS_SYSTEM_BINARY) return true;
  const cache = path.join(process.env.HOME ?? os.homedir(), '.cache', 'mongodb-binaries');
  return existsSync(cache) && readdirSync(cache).length > 0;
}

async function startMemoryServer(dataDir: string): Promise<Database> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  mkdirSync(dataDir, { recursive: true });
  const server = await MongoMemoryServer.create({ instance: { dbPath: dataDir, storageEngine: 'wiredTiger' } });
  return { uri: server.getUri(), kind: 'mongodb-memory-server', stop: async () => void (await server.stop({ doCleanup: false })) };
}

// Child processes get this process's environment explicitly (its PATH decides which java and mvn run).
function succeeds(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore', env: process.env }).status === 0;
}

/**
 * Resolves mongo-java-server's jars with Maven and compiles the launcher, once per version of
 * tools/mongo-java-server (a hash of its files names the build). Answers the java classpath.
 */
export function launcherClasspath(): string | undefined {
  if (!succeeds('java', ['-version'])) return undefined;
  const stamp = createHash('sha256');
  for (const f of ['pom.xml', 'EmbeddedMongo.java']) stamp.update(readFileSync(path.join(LAUNCHER_SOURCE, f)));
  const version = stamp.digest('hex').slice(0, 12);
  const build = path.join(LAUNCHER_BUILD, version);
  const classpath = `${path.join(build, 'classes')}${path.delimiter}${path.join(build, 'lib', '*')}`;
  if (existsSync(path.join(build, 'ready'))) return classpath;
  if (!succeeds('mvn', ['-v']) || !succeeds('javac', ['-version'])) return undefined;

  // Built beside the final folder and renamed into place, so two first starts at once cannot see half a build.
  const staging = `${build}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  logger.info('resolving mongo-java-server 1.47 from Maven Central into .cache/ (once; about 10 s)');
  const steps: [string, string[]][] = [
    ['mvn', ['-q', '-B', '-f', path.join(LAUNCHER_SOURCE, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${path.join(staging, 'lib')}`]],
    ['javac', ['-nowarn', '-cp', path.join(staging, 'lib', '*'), '-d', path.join(staging, 'classes'), path.join(LAUNCHER_SOURCE, 'EmbeddedMongo.java')]],
  ];
  for (const [cmd, args] of steps) {
    const run = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
    if (run.status !== 0) throw new Error(`preparing the embedded database failed (${cmd} exited ${run.status})\n${HOW_TO}`);
  }
  writeFileSync(path.join(staging, 'ready'), new Date().toISOString());
  try {
    renameSync(staging, build); // fails while a folder of that name exists
  } catch {
    if (existsSync(path.join(build, 'ready'))) {
      rmSync(staging, { recursive: true, force: true }); // another start finished the same build first
    } else {
      rmSync(build, { recursive: true, force: true }); // a leftover without its "ready" mark is incomplete
      renameSync(staging, build);
    }
  }
  return classpath;
}

/**
 * Spawns the mongo-java-server launcher on `port` with its H2 file in `dataDir` (resolves once the port is open).
 * The fault tests use it too, to kill and restart the same database.
 */
export async function spawnMongoJavaServer(classpath: string, dataDir: string, port: number): Promise<ChildProcess> {
  const javaOpts = (process.env.EMBEDDED_DB_JAVA_OPTS ?? '-Xmx1g -XX:+UseSerialGC').split(/\s+/).filter(Boolean);
  const child = spawn('java', [...javaOpts, '-cp', classpath, 'EmbeddedMongo', '--port', String(port), '--file', path.join(dataDir, 'hub.mv')], {
    stdio: ['pipe', 'ignore', 'pipe'], // the launcher exits when this pipe closes, even if this process is killed
    env: process.env,
  });
  child.stderr?.on('data', (d: Buffer) => logger.warn({ database: d.toString().trim() }, 'embedded database'));
  await waitForPort(port, child);
  return child;
}

async function startMongoJavaServer(classpath: string, dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const child = await spawnMongoJavaServer(classpath, dataDir, port);
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    kind: 'mongo-java-server',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM'); // the launcher's shutdown hook closes the store
      }),
  };
}

/**
 * Starts (or finds) the database: MONGODB_URI, then mongodb-memory-server with a local mongod,
 * then mongo-java-server on an H2 file under `dataDir` (docs/benchmarks.md says why this one).
 */
export async function startDatabase(dataDir: string): Promise<Database> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, kind: 'external', stop: async () => {} };
  if (hasMongodBinary()) {
    try {
      return await startMemoryServer(path.join(dataDir, 'mongod'));
    } catch (e) {
      logger.warn({ err: (e as Error).message }, 'mongodb-memory-server could not start; trying mongo-java-server');
    }
  }
  const classpath = launcherClasspath();
  if (!classpath) throw new Error(HOW_TO);
  return startMongoJavaServer(classpath, path.join(dataDir, 'mongo-java-server'));
}

/** A throw-away database for a test run or a benchmark: its files go with it when it stops. */
export async function startScratchDatabase(label: string): Promise<Database> {
  const root = path.join(ROOT, '.data');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(path.join(root, `${label}-`));
  const db = await startDatabase(dir);
  return {
    ...db,
    stop: async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
