import { loadConfig, resetConfig } from '../../lib/config';
import { RULES } from '../../subgraphs/liaison/alerts';
import { alertSettings, DEFAULT_ALERT_SETTINGS, gatewayUrl, resetAlertSettings } from '../../subgraphs/liaison/alerts/settings';
import { scheduleAlertRules } from '../../subgraphs/liaison/alerts/schedule';
import { ALERT_RULE_NAMES } from '../../subgraphs/liaison/models';

// ALERT_RULES (lib/config.ts): the thresholds and schedule of the early-warning rules, a JSON object over the
// defaults of subgraphs/liaison/alerts/settings.ts, validated when the liaison process starts.
const saved = { ALERT_RULES: process.env.ALERT_RULES, NODE_ENV: process.env.NODE_ENV, GATEWAY_PORT: process.env.GATEWAY_PORT };

function withEnv(env: Partial<Record<keyof typeof saved, string>>): void {
  for (const k of Object.keys(saved) as (keyof typeof saved)[]) {
    if (k in env) process.env[k] = env[k];
  }
  resetConfig();
  resetAlertSettings();
}

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfig();
  resetAlertSettings();
});

describe('ALERT_RULES', () => {
  it('is optional JSON in the configuration', () => {
    expect(loadConfig({}).ALERT_RULES).toBeUndefined();
    expect(() => loadConfig({ ALERT_RULES: '{not json' })).toThrow(/ALERT_RULES/);
  });

  it('defaults: hourly runs, but none under NODE_ENV=test; thresholds per field; the local gateway', () => {
    delete process.env.ALERT_RULES;
    withEnv({ NODE_ENV: 'development', GATEWAY_PORT: '4100' });
    expect(alertSettings()).toMatchObject({ intervalMinutes: 60, criticalAfterDays: 30, repeatPetitionerMinOpen: 2, disabledRules: [] });
    expect(alertSettings().penaltyThresholds).toEqual(DEFAULT_ALERT_SETTINGS.penaltyThresholds);
    expect(gatewayUrl()).toBe('http://127.0.0.1:4100/graphql');
    withEnv({ NODE_ENV: 'test' });
    expect(alertSettings().intervalMinutes).toBe(0);
  });

  it('overrides the defaults; a field\'s threshold set to null removes it; an explicit interval holds under test too', () => {
    withEnv({
      NODE_ENV: 'test',
      ALERT_RULES: JSON.stringify({ intervalMinutes: 15, penaltyThresholds: { FOOD_DRUG: 30_000, FINANCE: 1_000_000, TAX: null }, disabledRules: ['WORK_TASK_OVERDUE'], gatewayUrl: 'http://10.0.0.5:4000/graphql' }),
    });
    const s = alertSettings();
    expect(s.intervalMinutes).toBe(15);
    expect(s.penaltyThresholds).toMatchObject({ FOOD_DRUG: 30_000, FINANCE: 1_000_000, MARKET: 50_000 });
    expect(s.penaltyThresholds).not.toHaveProperty('TAX');
    expect(s.disabledRules).toEqual(['WORK_TASK_OVERDUE']);
    expect(gatewayUrl()).toBe('http://10.0.0.5:4000/graphql');
  });

  it.each([
    [{ intervalMinutes: -1 }, /ALERT_RULES\.intervalMinutes/],
    [{ penaltyThresholds: { FOOD: 1 } }, /ALERT_RULES\.penaltyThresholds/],
    [{ penaltyThresholds: { FOOD_DRUG: 0 } }, /ALERT_RULES\.penaltyThresholds\.FOOD_DRUG/],
    [{ repeatPetitionerMinOpen: 1 }, /ALERT_RULES\.repeatPetitionerMinOpen/],
    [{ disabledRules: ['NO_SUCH_RULE'] }, /ALERT_RULES\.disabledRules/],
    [{ gatewayUrl: 'not a url' }, /ALERT_RULES\.gatewayUrl/],
    [{ thresholds: {} }, /ALERT_RULES: .*thresholds/],
    [[], /ALERT_RULES/],
  ])('refuses %j naming the entry', (value, message) => {
    withEnv({ ALERT_RULES: JSON.stringify(value) });
    expect(() => alertSettings()).toThrow(message);
  });
});

describe('the rules', () => {
  it('are one file each, one per AlertRule, each with a paged query', () => {
    expect(RULES.map((r) => r.rule).sort()).toEqual([...ALERT_RULE_NAMES].sort());
    for (const r of RULES) {
      expect(r.query).toMatch(/\$first: Int/);
      expect(r.query).toMatch(/\$after: String/);
      expect(r.query).toContain('pageInfo { hasNextPage endCursor }');
      expect(r.title).toMatch(/\p{Script=Han}/u);
    }
  });

  it('are not scheduled when the interval is 0 (tests)', () => {
    withEnv({ NODE_ENV: 'test' });
    delete process.env.ALERT_RULES;
    resetConfig();
    resetAlertSettings();
    const timers = jest.spyOn(global, 'setTimeout');
    const schedule = scheduleAlertRules();
    expect(timers).not.toHaveBeenCalled();
    schedule.stop();
    timers.mockRestore();
  });
});
