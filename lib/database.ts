import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { logger } from './logger';

/** A running MongoDB-wire database and how to stop it. */
export interface Database {
  uri: string;
  kind: 'external' | 'mongodb-memory-server' | 'ferretdb';
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..');
const FERRETDB_LOCAL_BIN = path.join(ROOT, '.cache', 'bin', 'ferretdb');
const FERRETDB_SOURCE = path.join(ROOT, 'tools', 'ferretdb');

const HOW_TO = [
  'No MongoDB-compatible database could be started. Choose one:',
  '  1. set MONGODB_URI to a MongoDB server or replica set;',
  '  2. set MONGOMS_SYSTEM_BINARY to a mongod binary (mongodb-memory-server runs it);',
  '  3. install Go (https://go.dev) so the hub builds FerretDB v1.24 into .cache/bin, or set FERRETDB_BIN.',
].join('\n');

async function freePort(): Promise<number> {
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

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
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
  const cache = path.join(os.homedir(), '.cache', 'mongodb-binaries');
  return existsSync(cache) && readdirSync(cache).length > 0;
}

async function startMemoryServer(dataDir: string): Promise<Database> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  mkdirSync(dataDir, { recursive: true });
  const server = await MongoMemoryServer.create({ instance: { dbPath: dataDir, storageEngine: 'wiredTiger' } });
  return { uri: server.getUri(), kind: 'mongodb-memory-server', stop: async () => void (await server.stop({ doCleanup: false })) };
}

/** Builds the FerretDB launcher of tools/ferretdb once, with the Go toolchain. */
function ferretdbBinary(): string | undefined {
  if (process.env.FERRETDB_BIN) return process.env.FERRETDB_BIN;
  if (existsSync(FERRETDB_LOCAL_BIN)) return FERRETDB_LOCAL_BIN;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) return undefined;
  logger.info('building FerretDB v1.24 into .cache/bin (once; a few minutes on a fresh machine)');
  // -checklinkname=0: newer Go linkers refuse an old //go:linkname in one of FerretDB's dependencies.
  const build = spawnSync('go', ['build', '-ldflags=-checklinkname=0', '-o', FERRETDB_LOCAL_BIN, '.'], {
    cwd: FERRETDB_SOURCE,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) throw new Error(`building FerretDB failed (go build exited ${build.status})\n${HOW_TO}`);
  return FERRETDB_LOCAL_BIN;
}

async function startFerretDB(bin: string, dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const child = spawn(bin, [`-listen-addr=127.0.0.1:${port}`, `-sqlite-url=file:${path.resolve(dataDir)}/`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    const line = d.toString().trim();
    if (/level=ERROR/.test(line)) logger.warn({ ferretdb: line });
  });
  await waitForPort(port, child);
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    kind: 'ferretdb',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Starts (or finds) the database, in the order of DESIGN.md "MongoDB everywhere":
 * MONGODB_URI, then mongodb-memory-server with a local mongod, then FerretDB v1.24 on SQLite.
 */
export async function startDatabase(dataDir: string): Promise<Database> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, kind: 'external', stop: async () => {} };
  if (hasMongodBinary()) {
    try {
      return await startMemoryServer(path.join(dataDir, 'mongod'));
    } catch (e) {
      logger.warn({ err: (e as Error).message }, 'mongodb-memory-server could not start; trying FerretDB');
    }
  }
  const bin = ferretdbBinary();
  if (!bin) throw new Error(HOW_TO);
  return startFerretDB(bin, path.join(dataDir, 'ferretdb'));
}
