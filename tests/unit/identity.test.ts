import { randomUUID } from 'node:crypto';
import { replayMemorySize, requestDigest, signInternalIdentity, verifyInternalIdentity } from '../../lib/identity';

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
