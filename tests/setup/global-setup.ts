import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { startDatabase, type Database } from '../../lib/database';

// One real MongoDB-wire database for the run: MONGODB_URI, mongodb-memory-server or mongo-java-server
// (lib/database.ts). Workers inherit MONGODB_URI from this process.
export default async function globalSetup(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  const root = path.resolve(__dirname, '..', '..', '.data');
  require('node:fs').mkdirSync(root, { recursive: true });
  const db: Database = await startDatabase(mkdtempSync(path.join(root, 'test-')));
  process.env.MONGODB_URI = db.uri;
  process.env.TEST_DATABASE_KIND = db.kind;
  (globalThis as { __hubTestDb?: Database }).__hubTestDb = db;
  console.log(`\ntest database: ${db.kind} at ${db.uri}`);
}
