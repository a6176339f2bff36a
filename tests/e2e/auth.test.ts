import { SignJWT } from 'jose';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { config, loadConfig, resetConfig } from '../../lib/config';
import { IDENTITY_HEADER, requestDigest, signInternalIdentity } from '../../lib/identity';
import { syncAgencies } from '../../subgraphs/liaison/agencies';
import { useDatabase } from '../helpers/db';
import { startHub, type Hub } from '../helpers/hub';

useDatabase();

let hub: Hub;
beforeAll(async () => {
  await syncAgencies();
  hub = await startHub();
});
afterAll(() => hub.stop());

async function token(claims: Record<string, unknown>, opts: { secret?: string; issuer?: string; exp?: number } = {}) {
  const c = config();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u1')
    .setIssuer(opts.issuer ?? c.JWT_ISSUER)
    .setAudience(c.JWT_AUDIENCE)
    .setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 600)
    .sign(new TextEncoder().encode(opts.secret ?? c.JWT_SECRET));
}

const ME = '{ me { userId roles agency { code } } }';

describe('gateway authentication', () => {
  it('accepts a valid token and passes user, agency and roles to the subgraphs', async () => {
    const r = await hub.query(await token({ agency: '411221-SCJ', roles: ['officer', 'not-a-role'] }), ME);
    expect(r.data?.me).toEqual({ userId: 'u1', roles: ['officer'], agency: { code: '411221-SCJ' } });
  });

  it.each([
    ['missing', async () => null],
    ['forged (wrong secret)', () => token({ agency: '411221-SCJ' }, { secret: 'x'.repeat(40) })],
    ['expired', () => token({ agency: '411221-SCJ' }, { exp: Math.floor(Date.now() / 1000) - 60 })],
    ['from another issuer', () => token({ agency: '411221-SCJ' }, { issuer: 'someone-else' })],
    ['without an agency', () => token({ roles: ['officer'] })],
  ])('refuses a %s token with 401 UNAUTHENTICATED', async (_, make) => {
    const r = await hub.query(await make(), ME);
    expect(r.status).toBe(401);
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.data).toBeUndefined();
  });
});

describe('subgraphs trust only the gateway', () => {
  const body = { query: '{ enforcementCases(first: 1) { totalCount } }', variables: {} };
  const post = (headers: Record<string, string>, b: object = body) =>
    fetch(hub.subgraphUrls.enforcement, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(b) });
  const who = { userId: 'u1', agency: '411221-SCJ', roles: ['officer' as const], requestId: 'req-00000001' };

  it('refuses a direct call without the signed identity, and a client-made identity header', async () => {
    expect((await post({})).status).toBe(401);
    expect((await post({ [IDENTITY_HEADER]: JSON.stringify(who) })).status).toBe(401);
    const sdl = await post({}, { query: '{ _service { sdl } }' });
    expect(sdl.status).toBe(401);
  });

  it('accepts the gateway signature once, and only for the request body it was made for', async () => {
    const good = await signInternalIdentity(who, requestDigest(body.query, body.variables));
    const ok = await post({ [IDENTITY_HEADER]: good });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: { enforcementCases: { totalCount: number } } }).data.enforcementCases.totalCount).toBe(0);
    const replayed = await post({ [IDENTITY_HEADER]: good });
    expect(replayed.status).toBe(401);
    const fresh = await signInternalIdentity(who, requestDigest(body.query, body.variables));
    const other = await post({ [IDENTITY_HEADER]: fresh }, { query: '{ criminalTransfers(first: 1) { totalCount } }', variables: {} });
    expect(other.status).toBe(401);
  });
});

describe('production sign-on keys (ES256 public key file)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetConfig();
  });

  it('verifies tokens signed by the sign-on key and refuses HS256 tokens and other keys', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-keys-')), 'signon.pem');
    writeFileSync(file, publicKey.export({ type: 'spki', format: 'pem' }));
    process.env.JWT_PUBLIC_KEY_FILE = file;
    resetConfig();
    const c = config();
    const es256 = (k: KeyObject) =>
      new SignJWT({ agency: '411221-SCJ', roles: ['officer'] }).setProtectedHeader({ alg: 'ES256' }).setSubject('u-es').setIssuer(c.JWT_ISSUER)
        .setAudience(c.JWT_AUDIENCE).setExpirationTime('5m').sign(k);
    const ok = await hub.query(await es256(privateKey), ME);
    expect(ok.data?.me).toMatchObject({ userId: 'u-es', agency: { code: '411221-SCJ' } });
    expect((await hub.query(await es256(other.privateKey), ME)).status).toBe(401);
    expect((await hub.query(await token({ agency: '411221-SCJ' }), ME)).status).toBe(401);
  });

  it('refuses to start in production without sign-on keys', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_JWKS_URL: production needs/);
  });
});
