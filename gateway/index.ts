import { logger } from '../lib/logger';
import { onShutdown } from '../lib/run';
import { startGateway } from './server';

startGateway()
  .then((running) => {
    logger.info({ url: running.url }, 'gateway ready');
    onShutdown(running.close); // drains for SHUTDOWN_GRACE_MS (lib/run.ts)
  })
  .catch((e: Error) => {
    logger.fatal({ err: e.message }, 'gateway failed to start');
    process.exit(1);
  });
