import mongoose, { type Connection } from 'mongoose';
import { config, databaseName, type SubgraphName } from './config';

// Filters are built only from typed GraphQL arguments and string keys checked by `entityKey`
// (lib/federation.ts), never from free-form objects, so no client value can become an operator.
mongoose.set('strictQuery', true);
// Indexes are created on purpose (`syncIndexes` at start, seed and test set-up), never as a side effect of
// compiling a model: a background build racing a `dropDatabase` leaves a database half-indexed.
mongoose.set('autoIndex', false);
mongoose.set('autoCreate', false);

/** Connects the process to MongoDB; every subgraph database shares this one pool. */
export async function connectMongo(uri: string): Promise<typeof mongoose> {
  return mongoose.connect(uri, {
    monitorCommands: true, // lets tests and benchmarks count the commands a query sends
    serverSelectionTimeoutMS: 10_000,
  });
}

export async function disconnectMongo(): Promise<void> {
  await mongoose.disconnect();
}

/**
 * Whether the database answers a `ping` within `timeoutMs` (readiness, lib/http.ts). Never throws and never
 * waits for the driver's server selection: a connection that is not open is down at once.
 */
export async function pingMongo(timeoutMs: number): Promise<boolean> {
  if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const ping = mongoose.connection.getClient().db('admin').command({ ping: 1 });
    return await Promise.race([ping.then((r) => r?.ok === 1).catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The database that a subgraph owns. Models bind to it at import; queries wait for `connectMongo`. */
export function subgraphDatabase(name: SubgraphName): Connection {
  return mongoose.connection.useDb(databaseName(name, config()), { useCache: true });
}

/** Creates the indexes that the models declare (idempotent). */
export async function syncIndexes(db: Connection): Promise<void> {
  await Promise.all(Object.values(db.models).map((m) => m.createIndexes()));
}

/** A fresh string id in the shape of an ObjectId: sortable by creation time. */
export function newId(): string {
  return new mongoose.Types.ObjectId().toHexString();
}
