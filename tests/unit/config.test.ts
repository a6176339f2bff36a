import { loadConfig } from '../../lib/config';
import { parsePeriod } from '../../lib/period';

describe('configuration', () => {
  it('has working development defaults', () => {
    const c = loadConfig({});
    expect(c.GATEWAY_PORT).toBe(4000);
    expect(c.DB_PREFIX).toBe('hub');
  });

  it('refuses development secrets in production, naming each variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_JWKS_URL[\s\S]*INTERNAL_SECRET[\s\S]*PSEUDONYM_KEY[\s\S]*PII_KEY/);
  });

  it('starts in production with real secrets', () => {
    const s = 'x'.repeat(40);
    const c = loadConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://sso.example.gov.cn/jwks.json', INTERNAL_SECRET: s + 'y', PSEUDONYM_KEY: s + 'z', PII_KEY: 'ab'.repeat(16) });
    expect(c.NODE_ENV).toBe('production');
  });

  it('names a bad variable', () => {
    expect(() => loadConfig({ GATEWAY_PORT: 'eighty' })).toThrow(/GATEWAY_PORT/);
    expect(() => loadConfig({ PII_KEY: 'short' })).toThrow(/PII_KEY: 32 hex/);
    expect(() => loadConfig({ ASSISTANCE_MONTHLY_WAGE: '-5' })).toThrow(/ASSISTANCE_MONTHLY_WAGE: a positive number of yuan/);
    expect(() => loadConfig({ ASSISTANCE_MONTHLY_WAGE: 'lots' })).toThrow(/ASSISTANCE_MONTHLY_WAGE/);
    expect(loadConfig({ ASSISTANCE_MONTHLY_WAGE: '7100' }).ASSISTANCE_MONTHLY_WAGE).toBe(7100);
  });
});

describe('dashboard periods', () => {
  // Bounds at 00:00 China time (UTC+8), the clerks' calendar: 16:00 UTC the day before.
  it.each([
    ['2025', '2024-12-31T16:00:00.000Z', '2025-12-31T16:00:00.000Z'],
    ['2025-H2', '2025-06-30T16:00:00.000Z', '2025-12-31T16:00:00.000Z'],
    ['2025-Q1', '2024-12-31T16:00:00.000Z', '2025-03-31T16:00:00.000Z'],
    ['2025-12', '2025-11-30T16:00:00.000Z', '2025-12-31T16:00:00.000Z'],
  ])('%s is [%s, %s)', (p, from, to) => {
    const r = parsePeriod(p);
    expect(r.from.toISOString()).toBe(from);
    expect(r.to.toISOString()).toBe(to);
  });

  it('refuses other forms with BAD_USER_INPUT', () => {
    expect(() => parsePeriod('2025-13')).toThrow(/period: use a year/);
  });
});
