// Starts the local database alone and prints its URI, for running subgraphs one by one.
import path from 'node:path';
import { config } from '../lib/config';
import { startDatabase } from '../lib/database';
import { onShutdown } from '../lib/run';

void (async () => {
  const db = await startDatabase(path.resolve(config().DATA_DIR));
  console.log(`database (${db.kind}) ready:\n  MONGODB_URI=${db.uri}`);
  onShutdown(db.stop);
})();
