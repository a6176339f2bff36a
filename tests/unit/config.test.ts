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
  it.each([
    ['2025', '2025-01-01', '2026-01-01'],
    ['2025-H2', '2025-07-01', '2026-01-01'],
    ['2025-Q1', '2025-01-01', '2025-04-01'],
    ['2025-12', '2025-12-01', '2026-01-01'],
  ])('%s is [%s, %s)', (p, from, to) => {
    const r = parsePeriod(p);
    expect(r.from.toISOString().slice(0, 10)).toBe(from);
    expect(r.to.toISOString().slice(0, 10)).toBe(to);
  });

  it('refuses other forms with BAD_USER_INPUT', () => {
    expect(() => parsePeriod('2025-13')).toThrow(/period: use a year/);
  });
});
