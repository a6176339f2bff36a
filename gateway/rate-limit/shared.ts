// The per-user rate limit shared by every gateway process: counters in MongoDB (docs/gateway.md "Rate limit").
import { mongo } from 'mongoose';
import { logger } from '../../lib/logger';
import { RateLimiter, rateLimited, type RateLimit, type Caller } from './memory';

/** The window of the shared count: epoch-aligned minutes, the same on every gateway (clocks kept by NTP). */
export const WINDOW_MS = 60_000;

class StoreTimeout extends Error {}

/** One user's counter document: requests per window number (`Math.floor(ms / WINDOW_MS)`). */
interface CounterDoc {
  _id: string;
  counts: Record<string, number>;
  /** When the document stops mattering (the end of the window after the newest one counted); the TTL index's field. */
  expiresAt: Date;
}

export interface SharedRateLimiterOptions {
  uri: string;
  /** Database of the counters (`<DB_PREFIX>_gateway`: the hub's naming, lib/config.ts databaseName). */
  database: string;
  collection?: string;
  /** Longest wait for the store on a request before it is let through on the local limit (default 500 ms). */
  timeoutMs?: number;
  /** After a failure, how long requests skip the store and use the local limit before it is tried again (default 5 s). */
  retryAfterMs?: number;
  /** Wall clock in ms (tests). */
  now?: () => number;
}

/**
 * The per-user limit shared by every gateway process: a sliding-window counter in MongoDB.
 *
 * Each request is one `findOneAndUpdate` upsert on the caller's document (`_id` = agency and user id): `$inc`
 * of this minute's count, `$unset` of the count two minutes back, `$set` of `expiresAt`, returning this and the
 * previous minute's counts. The request passes when `previous × (share of this minute still to come) + current`
 * is at most the limit — the usual sliding-window estimate, so a burst at the turn of a minute cannot reach
 * twice the limit as a fixed window would. Every attempt is counted, refused ones too: a client that ignores
 * `Retry-After` stays refused until it slows below the limit. The `$inc` is atomic, so concurrent requests on
 * any number of gateways each see a different count.
 *
 * Expiry: a TTL index on `expiresAt` removes a user's document a minute after their last window stops counting.
 * On a backend that ignores TTL indexes (the embedded mongo-java-server accepts the index and never expires
 * anything) documents simply stay: counts are read only for the current and the previous window by number, so a
 * stale count never counts; what is left is one small document per user ever seen, with the odd old window in it.
 *
 * When the store fails or takes longer than `timeoutMs`, the request is let through on a per-process token
 * bucket (RateLimiter) — fail open to the local limit — with a warning logged once per outage; for
 * `retryAfterMs` requests do not wait for the store, then it is tried again, and its return is logged too.
 * Why open: the limit protects capacity and fairness, not data (tokens, access rules and the audit chain are
 * checked elsewhere and fail closed); failing closed would turn an outage of the gateway's small counter store
 * into an outage of every agency's data, and the local bucket still bounds each user to the limit per gateway.
 */
export class SharedRateLimiter implements RateLimit {
  private client!: mongo.MongoClient;
  private counters!: mongo.Collection<CounterDoc>;
  /** Whether the current client has reached the store once (from then on the driver reconnects by itself). */
  private connected = false;
  private readonly local: RateLimiter;
  private readonly timeoutMs: number;
  private readonly retryAfterMs: number;
  private readonly now: () => number;
  private downSince: number | undefined;
  private downUntil = 0;
  private failures = 0;
  private indexing: Promise<void> | undefined;
  private indexed = false;
  private closed = false;

  constructor(
    readonly perMinute: number,
    private readonly options: SharedRateLimiterOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 500;
    this.retryAfterMs = options.retryAfterMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.local = new RateLimiter(perMinute);
    this.open();
  }

  private open(): void {
    const { options } = this;
    this.connected = false;
    this.client = new mongo.MongoClient(options.uri, {
      appName: 'hub-gateway-rate-limit',
      // Bounded so that calls given up on by `timeoutMs` do not pile up while the store is away.
      serverSelectionTimeoutMS: 2_000,
      connectTimeoutMS: 2_000,
      socketTimeoutMS: 5_000,
      maxPoolSize: 20,
    });
    // w:1 even if MONGODB_URI asks for majority: a count lost in a failover lets a few requests more through,
    // waiting for a majority would add a replication round trip to every request.
    this.counters = this.client.db(options.database).collection<CounterDoc>(options.collection ?? 'rateLimits', { writeConcern: { w: 1 } });
  }

  /**
   * Connects and creates the TTL index, for at most `waitMs`, so that the first requests do not pay for the
   * connection. Never throws: a store that does not answer at start is an outage like any other (fail open).
   */
  async ready(waitMs = 2_000): Promise<void> {
    const client = this.client;
    try {
      const connecting = client.connect().then(() => {
        if (client === this.client) this.connected = true;
        return this.ensureIndex();
      });
      await this.withTimeout(connecting, waitMs);
    } catch (e) {
      this.failed(e as Error, this.now(), client);
    }
  }

  async take(identity: Caller): Promise<void> {
    const now = this.now();
    if (now < this.downUntil) return this.local.take(identity);
    const window = Math.floor(now / WINDOW_MS);
    const client = this.client;
    let doc: Pick<CounterDoc, 'counts'> | null;
    try {
      doc = await this.withTimeout(this.count(this.counters, identity, window));
    } catch (e) {
      this.failed(e as Error, now, client);
      return this.local.take(identity);
    }
    if (client === this.client) this.connected = true;
    this.answered(now);
    const current = doc?.counts?.[window] ?? 1;
    const previous = doc?.counts?.[window - 1] ?? 0;
    const elapsed = (now - window * WINDOW_MS) / WINDOW_MS;
    if (previous * (1 - elapsed) + current <= this.perMinute) return;
    throw rateLimited(retryAfterSeconds(this.perMinute, previous, current, elapsed));
  }

  /** Closes the store's connections (waits for an index build under way). */
  async close(): Promise<void> {
    this.closed = true;
    await this.indexing;
    await this.client.close();
  }

  /** The one round trip of a request. */
  private async count(counters: mongo.Collection<CounterDoc>, identity: Caller, window: number): Promise<Pick<CounterDoc, 'counts'> | null> {
    const update = {
      $inc: { [`counts.${window}`]: 1 },
      $unset: { [`counts.${window - 2}`]: '' },
      $set: { expiresAt: new Date((window + 2) * WINDOW_MS) },
    } as mongo.UpdateFilter<CounterDoc>;
    const options = {
      upsert: true,
      returnDocument: 'after',
      projection: { _id: 0, [`counts.${window}`]: 1, [`counts.${window - 1}`]: 1 },
    } as const;
    const filter = { _id: JSON.stringify([identity.agency, identity.userId]) };
    try {
      return await counters.findOneAndUpdate(filter, update, options);
    } catch (e) {
      // Two first requests of a user at once can both try to insert (MongoDB retries most such upserts itself).
      if ((e as { code?: number }).code !== 11000) throw e;
      return counters.findOneAndUpdate(filter, update, options);
    }
  }

  private async withTimeout<T>(work: Promise<T>, ms = this.timeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreTimeout(`no answer within ${ms} ms`)), ms);
    });
    work.catch(() => {}); // a call given up on may still fail later
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private failed(err: Error, now: number, client: mongo.MongoClient): void {
    this.downUntil = now + this.retryAfterMs;
    this.failures += 1;
    // A driver client whose first connection failed stays closed ("Topology is closed"): the next try gets a new
    // one. A timeout is not a failure of the connection, which may still be under way. Errors of a client already
    // replaced are not the current one's.
    const closedTopology = err.name === 'MongoTopologyClosedError';
    if (client === this.client && !this.closed && (closedTopology || (!this.connected && !(err instanceof StoreTimeout)))) {
      const old = this.client;
      this.open();
      old.close().catch(() => {});
    }
    if (this.downSince !== undefined) return;
    this.downSince = now;
    logger.warn({ err: err.message, retryAfterMs: this.retryAfterMs }, 'rate-limit store unreachable: limiting per gateway process until it answers');
  }

  private answered(now: number): void {
    if (this.downSince !== undefined) {
      logger.info({ downMs: now - this.downSince, failures: this.failures }, 'rate-limit store answers again: limit shared across gateways');
      this.downSince = undefined;
      this.failures = 0;
    }
    if (!this.indexed) void this.ensureIndex();
  }

  /** The TTL index, created at start and again after the store comes back if that failed (idempotent). */
  private ensureIndex(): Promise<void> {
    if (this.indexed || this.closed) return Promise.resolve();
    this.indexing ??= this.counters
      .createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expiresAt_ttl' })
      .then(() => void (this.indexed = true))
      .catch((e: Error) => logger.warn({ err: e.message }, 'rate-limit store: TTL index not created yet'))
      .finally(() => (this.indexing = undefined));
    return this.indexing;
  }
}

/**
 * Seconds until one more request of this caller would pass, if they send nothing meanwhile: while the previous
 * window's weight fades within this one, or else into the next window, where this one becomes the previous.
 */
export function retryAfterSeconds(limit: number, previous: number, current: number, elapsed: number): number {
  let wait: number; // in windows
  if (current + 1 <= limit) {
    wait = previous > 0 ? Math.max(0, 1 - (limit - current - 1) / previous - elapsed) : 0;
  } else {
    wait = 1 - elapsed + Math.max(0, 1 - (limit - 1) / current);
  }
  return Math.max(1, Math.ceil((wait * WINDOW_MS) / 1000 - 1e-9)); // 1e-9: 10.000000001 s is 10 s
}
