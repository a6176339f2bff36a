import { startScratchDatabase, type Database } from '../../lib/database';

// One real MongoDB-wire database for the run: MONGODB_URI, mongodb-memory-server or mongo-java-server
// (lib/database.ts). Workers inherit MONGODB_URI from this process.
export default async function globalSetup(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  const db: Database = await startScratchDatabase('test'); // removed with its files in global-teardown
  process.env.MONGODB_URI = db.uri;
  process.env.TEST_DATABASE_KIND = db.kind;
  (globalThis as { __hubTestDb?: Database }).__hubTestDb = db;
  console.log(`\ntest database: ${db.kind} at ${db.uri}`);
}
