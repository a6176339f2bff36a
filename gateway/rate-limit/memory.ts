import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Identity } from '../../lib/identity';

export type Caller = Pick<Identity, 'userId' | 'agency'>;

/** What the gateway's context function asks before anything is parsed: throws RATE_LIMITED when over the limit. */
export interface RateLimit {
  readonly perMinute: number;
  take(identity: Caller): void | Promise<void>;
  close(): Promise<void>;
}

/** The refusal: HTTP 429 with `Retry-After` and `extensions.retryAfterSeconds`. */
export function rateLimited(seconds: number): GraphQLError {
  return new GraphQLError(`too many requests from this user: wait ${seconds} s and try again`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds: seconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
    },
  });
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per-user token buckets in memory: each user of each agency may send `perMinute` requests at once,
 * and gets them back at `perMinute` a minute. One gateway process counts its own requests: behind
 * several gateways a user gets the limit of each. Used alone when the gateway has no MONGODB_URI, and by
 * SharedRateLimiter while its store does not answer.
 */
export class RateLimiter implements RateLimit {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private calls = 0;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one request from the caller's bucket; throws RATE_LIMITED (HTTP 429, Retry-After) when empty. */
  take(identity: Caller): void {
    const key = `${identity.agency}\u0000${identity.userId}`;
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    this.buckets.set(key, b);
    if (++this.calls % 1000 === 0) this.sweep(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return;
    }
    throw rateLimited(Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000)));
  }

  async close(): Promise<void> {}

  /** Forgets buckets that are full again, so memory follows the users active in the last minute. */
  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
  }
}
