import { createHash, randomUUID } from 'node:crypto';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT, createRemoteJWKSet, jwtVerify, errors as joseErrors } from 'jose';
import { LRUCache } from 'lru-cache';
import { config } from './config';
import { ROLES, type Role } from './access/roles';
import { unauthenticated } from './errors';

export { hasRole, ROLES, type Role } from './access/roles';

/** Who is calling: a user of one agency with roles, on behalf of one request. */
export interface Identity {
  userId: string;
  agency: string;
  roles: Role[];
  requestId: string;
  /**
   * How the data leaves the hub: EXPORT when the gateway runs the query for a spreadsheet (gateway/export), so the
   * subgraphs that own the records audit every record read as an EXPORT event. Absent for ordinary API reads.
   */
  channel?: 'EXPORT';
}

/** Header that carries the gateway-signed identity to subgraphs. Client copies are never trusted. */
export const IDENTITY_HEADER = 'x-hub-identity';
export const REQUEST_ID_HEADER = 'x-request-id';

const INTERNAL_AUDIENCE = 'hub-subgraph';
const INTERNAL_ISSUER = 'hub-gateway';
const INTERNAL_TTL_SECONDS = 60;

const key = (secret: string) => new TextEncoder().encode(secret);

function parseRoles(value: unknown): Role[] {
  if (!Array.isArray(value)) return [];
  return value.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

type UserKeys = { jwks: ReturnType<typeof createRemoteJWKSet> } | { pem: KeyObject };
let cachedKeys: { source: string; keys: UserKeys } | undefined;

/**
 * The sign-on's public keys when configured (production): a JWKS URL (fetched and cached by jose, keys
 * rotate by kid) or a PEM public key file. Undefined in development, where HS256 with JWT_SECRET is used.
 */
function userKeys(): UserKeys | undefined {
  const c = config();
  const source = c.JWT_JWKS_URL ?? c.JWT_PUBLIC_KEY_FILE;
  if (!source) return undefined;
  if (cachedKeys?.source !== source) {
    const keys: UserKeys = c.JWT_JWKS_URL
      ? { jwks: createRemoteJWKSet(new URL(c.JWT_JWKS_URL)) }
      : { pem: createPublicKey(readFileSync(c.JWT_PUBLIC_KEY_FILE!, 'utf8')) };
    cachedKeys = { source, keys };
    verified.clear();
  }
  return cachedKeys.keys;
}

// Tokens already verified: a client sends the same token with every request. Keyed by the whole token, so a
// changed byte is verified afresh; kept until the token expires but at most 5 minutes, and forgotten when the
// sign-on's keys change, so a key withdrawn from the JWKS stops its tokens within minutes.
const VERIFIED_TTL_MS = 5 * 60_000;
const verified = new LRUCache<string, Omit<Identity, 'requestId'>>({ max: 10_000, ttlAutopurge: false });

/** Verifies a caller's bearer token (the sign-on's RS256/ES256 keys when configured, else HS256) into an identity. */
export async function verifyUserToken(authorization: string | undefined, requestId: string): Promise<Identity> {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw unauthenticated();
  const known = verified.get(token);
  if (known) return { ...known, requestId };
  const { identity, expiresAt } = await verifyFresh(token);
  verified.set(token, identity, { ttl: Math.max(1, Math.min(VERIFIED_TTL_MS, expiresAt * 1000 - Date.now())) });
  return { ...identity, requestId };
}

async function verifyFresh(token: string): Promise<{ identity: Omit<Identity, 'requestId'>; expiresAt: number }> {
  const c = config();
  try {
    const options = { issuer: c.JWT_ISSUER, audience: c.JWT_AUDIENCE };
    const asymmetric = userKeys();
    const algorithms = c.JWT_ALGORITHMS.split(',');
    const { payload } = !asymmetric
      ? await jwtVerify(token, key(c.JWT_SECRET), { ...options, algorithms: ['HS256'] })
      : 'jwks' in asymmetric
        ? await jwtVerify(token, asymmetric.jwks, { ...options, algorithms })
        : await jwtVerify(token, asymmetric.pem, { ...options, algorithms });
    if (typeof payload.sub !== 'string' || typeof payload.agency !== 'string') {
      throw unauthenticated('the token names no user or agency');
    }
    if (typeof payload.exp !== 'number') throw unauthenticated('the token has no expiry');
    return { identity: { userId: payload.sub, agency: payload.agency, roles: parseRoles(payload.roles) }, expiresAt: payload.exp };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw unauthenticated('the token has expired: sign in again');
    if (e instanceof joseErrors.JOSEError) throw unauthenticated('the token is not valid');
    throw e;
  }
}

/** Issues a user token (development and tests; production tokens come from the agency's sign-on). */
export async function issueUserToken(
  user: { userId: string; agency: string; roles: Role[] },
  ttl = '12h',
): Promise<string> {
  const c = config();
  return new SignJWT({ agency: user.agency, roles: user.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.userId)
    .setIssuer(c.JWT_ISSUER)
    .setAudience(c.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key(c.JWT_SECRET));
}

/** Digest that binds an internal identity to one subgraph request body (query and variables). */
export function requestDigest(query: string, variables: unknown): string {
  return createHash('sha256').update(query).update('\n').update(JSON.stringify(variables ?? {})).digest('base64url');
}

/** Gateway side: a short-lived identity for one subgraph request, bound to its body. */
export async function signInternalIdentity(identity: Identity, digest: string): Promise<string> {
  return new SignJWT({ agency: identity.agency, roles: identity.roles, rid: identity.requestId, dig: digest, ...(identity.channel ? { ch: identity.channel } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.userId)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${INTERNAL_TTL_SECONDS}s`)
    .sign(key(config().INTERNAL_SECRET));
}

// Internal identities this process has accepted, until they expire: each is good for one request only.
// A Map keeps insertion order and tokens arrive roughly in expiry order (all live 60 s), so expired entries
// are dropped from the front: O(1) amortised per call however long the load lasts. An entry behind a younger
// one (clock skew between gateways) stays a little longer, which only makes replay protection stricter.
const usedJtis = new Map<string, number>();

function firstUse(jti: unknown, exp: unknown): boolean {
  if (typeof jti !== 'string' || typeof exp !== 'number') return false;
  const now = Date.now() / 1000;
  for (const [k, e] of usedJtis) {
    if (e >= now) break;
    usedJtis.delete(k);
  }
  if (usedJtis.has(jti)) return false;
  usedJtis.set(jti, exp);
  return true;
}

/** How many accepted identities are remembered for replay protection (for tests and benchmarks). */
export function replayMemorySize(): number {
  return usedJtis.size;
}

/** Subgraph side: verifies the gateway's signature, freshness and the binding to this request body. */
export async function verifyInternalIdentity(token: string | undefined, digest: string): Promise<Identity> {
  if (!token) throw unauthenticated('subgraphs answer only calls signed by the gateway');
  try {
    const { payload } = await jwtVerify(token, key(config().INTERNAL_SECRET), {
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
      algorithms: ['HS256'],
      maxTokenAge: `${INTERNAL_TTL_SECONDS}s`,
    });
    if (payload.dig !== digest) throw unauthenticated('the signed identity belongs to another request');
    if (!firstUse(payload.jti, payload.exp)) throw unauthenticated('the signed identity was already used (replay)');
    return {
      userId: String(payload.sub),
      agency: String(payload.agency),
      roles: parseRoles(payload.roles),
      requestId: typeof payload.rid === 'string' ? payload.rid : randomUUID(),
      ...(payload.ch === 'EXPORT' ? { channel: 'EXPORT' as const } : {}),
    };
  } catch (e) {
    if (e instanceof joseErrors.JOSEError) throw unauthenticated('the internal identity is not valid');
    throw e;
  }
}

