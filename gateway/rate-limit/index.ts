// The gateway's per-user rate limit (docs/gateway.md "Rate limit"): shared across gateways in MongoDB when the hub has
// one (shared.ts), per process otherwise and as the fallback (memory.ts).
import { config, type Config } from '../../lib/config';
import { logger } from '../../lib/logger';
import { RateLimiter, type RateLimit } from './memory';
import { SharedRateLimiter } from './shared';

export { RateLimiter, rateLimited, type RateLimit } from './memory';
export { retryAfterSeconds, SharedRateLimiter, WINDOW_MS } from './shared';

/**
 * The gateway's limiter: shared by all gateways through MONGODB_URI (database `<DB_PREFIX>_gateway`, collection
 * `rateLimits`), connected before it is returned (at most 2 s; a store that is away is logged and the gateway
 * starts anyway); without a MONGODB_URI, this process's own (a warning says so, since replicas then count apart).
 */
export async function createRateLimiter(perMinute: number, c: Config = config()): Promise<RateLimit> {
  if (!c.MONGODB_URI) {
    logger.warn('no MONGODB_URI: the rate limit is counted per gateway process, not shared across gateways');
    return new RateLimiter(perMinute);
  }
  const limiter = new SharedRateLimiter(perMinute, { uri: c.MONGODB_URI, database: `${c.DB_PREFIX}_gateway` });
  await limiter.ready();
  return limiter;
}
