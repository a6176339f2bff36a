import { calendarCoverage } from './calendar';
import { config } from './config';
import { logger } from './logger';
import { connectMongo, disconnectMongo, subgraphDatabase, syncIndexes } from './mongo';
import { startSubgraph, type SubgraphDefinition } from './subgraph';

/** Says at start when the official calendar lacks this year or next (legal periods then count weekends only). */
export function warnOfCalendarGaps(): void {
  const cal = calendarCoverage();
  if (cal.warning) logger.warn({ calendar: { datasetVersion: cal.datasetVersion, missing: cal.missing } }, cal.warning);
}

/** Time the database disconnect and the rest of shutdown may take after the drain, before the process gives up. */
const AFTER_DRAIN_MS = 5_000;

/**
 * Stops cleanly on SIGTERM / SIGINT (Ctrl-C): `stop` drains and closes the listener (it is given
 * SHUTDOWN_GRACE_MS; lib/http.ts answers new requests 503 meanwhile), then the database connection is closed
 * and the process exits 0. A repeated signal is ignored; if stopping outlasts the grace by AFTER_DRAIN_MS, the
 * process exits 1.
 */
export function onShutdown(stop: (graceMs: number) => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const graceMs = config().SHUTDOWN_GRACE_MS;
      logger.info({ signal, graceMs }, 'shutting down');
      setTimeout(() => {
        logger.error({ graceMs }, 'shutdown did not finish in time');
        process.exit(1);
      }, graceMs + AFTER_DRAIN_MS).unref();
      stop(graceMs)
        .then(() => disconnectMongo())
        .then(() => {
          logger.info('stopped');
          process.exit(0);
        })
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
    warnOfCalendarGaps();
    await connectMongo(uri);
    await syncIndexes(subgraphDatabase(def.name));
    const running = await startSubgraph(def);
    logger.info({ subgraph: def.name, url: running.url }, 'subgraph ready');
    onShutdown(running.close); // then onShutdown closes the database
  } catch (e) {
    logger.fatal({ subgraph: def.name, err: (e as Error).message }, 'subgraph failed to start');
    process.exit(1);
  }
}
