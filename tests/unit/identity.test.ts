import { randomUUID } from 'node:crypto';
import { replayMemorySize, requestDigest, signInternalIdentity, verifyInternalIdentity, verifyUserToken } from '../../lib/identity';

const who = { userId: 'u1', agency: '411221-JCY', roles: ['officer' as const], requestId: 'r1' };
const digest = requestDigest('{ me { userId } }', {});

async function signAndVerify(): Promise<string> {
  const token = await signInternalIdentity({ ...who, requestId: randomUUID() }, digest);
  await verifyInternalIdentity(token, digest);
  return token;
}

describe('internal identity replay protection', () => {
  afterEach(() => jest.restoreAllMocks());

  it('refuses a second use of the same identity', async () => {
    const token = await signAndVerify();
    await expect(verifyInternalIdentity(token, digest)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('forgets identities once they expire, so its memory stays bounded under endless load', async () => {
    for (let i = 0; i < 50; i++) await signAndVerify();
    expect(replayMemorySize()).toBeGreaterThanOrEqual(50);
    const later = Date.now() + 61_000; // every identity above has expired (60 s)
    jest.spyOn(Date, 'now').mockReturnValue(later);
    await signAndVerify();
    expect(replayMemorySize()).toBe(1);
  });
});

describe('verified user tokens', () => {
  const c = () => require('../../lib/config').config() as { JWT_SECRET: string; JWT_ISSUER: string; JWT_AUDIENCE: string };
  const sign = (exp?: number) => {
    const { SignJWT } = require('jose') as typeof import('jose');
    const jwt = new SignJWT({ agency: '411221-JCY', roles: ['officer'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('u-cache')
      .setIssuer(c().JWT_ISSUER).setAudience(c().JWT_AUDIENCE).setIssuedAt();
    return (exp === undefined ? jwt : jwt.setExpirationTime(exp)).sign(new TextEncoder().encode(c().JWT_SECRET));
  };

  it('refuses a token that never expires', async () => {
    await expect(verifyUserToken(`Bearer ${await sign()}`, 'r')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('remembers a verified token only until it expires', async () => {
    const token = await sign(Math.floor(Date.now() / 1000) + 1);
    await expect(verifyUserToken(`Bearer ${token}`, 'r1')).resolves.toMatchObject({ userId: 'u-cache', requestId: 'r1' });
    await expect(verifyUserToken(`Bearer ${token}`, 'r2')).resolves.toMatchObject({ userId: 'u-cache', requestId: 'r2' });
    await new Promise((r) => setTimeout(r, 2100));
    await expect(verifyUserToken(`Bearer ${token}`, 'r3')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('verifies afresh a token with one byte changed', async () => {
    const token = await sign(Math.floor(Date.now() / 1000) + 600);
    await verifyUserToken(`Bearer ${token}`, 'r');
    const forged = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    await expect(verifyUserToken(`Bearer ${forged}`, 'r')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
