import { config } from './config';
import { logger } from './logger';
import { connectMongo, disconnectMongo, subgraphDatabase, syncIndexes } from './mongo';
import { startSubgraph, type SubgraphDefinition } from './subgraph';

/** Stops cleanly on Ctrl-C / SIGTERM: close the listener, then the database connection. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stop()
        .then(() => process.exit(0))
        .catch((err: Error) => {
          logger.error({ err: err.message }, 'shutdown failed');
          process.exit(1);
        });
    });
  }
}

/** Entry point of a subgraph process: connect to MONGODB_URI, create indexes, listen. */
export async function runSubgraph<L>(def: SubgraphDefinition<L>): Promise<void> {
  try {
    const uri = config().MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is required to run a subgraph alone (`npm run db` starts a local database and prints one)');
    await connectMongo(uri);
    await syncIndexes(subgraphDatabase(def.name));
    const running = await startSubgraph(def);
    logger.info({ subgraph: def.name, url: running.url }, 'subgraph ready');
    onShutdown(async () => {
      await running.close();
      await disconnectMongo();
    });
  } catch (e) {
    logger.fatal({ subgraph: def.name, err: (e as Error).message }, 'subgraph failed to start');
    process.exit(1);
  }
}
