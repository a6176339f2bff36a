import { z } from 'zod';
import { config } from '../../../lib/config';
import { ALERT_RULE_NAMES } from '../models';

/** The fields of enforcement cases (EnforcementField of the enforcement subgraph's contract). */
export const ENFORCEMENT_FIELDS = [
  'FOOD_DRUG', 'ECOLOGY', 'NATURAL_RESOURCES', 'MARKET', 'WORK_SAFETY', 'LABOR', 'CULTURE_TOURISM', 'AGRICULTURE', 'FINANCE', 'TAX', 'OTHER',
] as const;
export type EnforcementField = (typeof ENFORCEMENT_FIELDS)[number];

/**
 * The settings of the alert rules: `ALERT_RULES` (lib/config.ts), a JSON object over these defaults. The legal
 * periods behind "overdue", the send period of 有案不移 (transferSend) and the 挂案 threshold (pendingTooLong) are
 * DEADLINE_RULES: the owning subgraphs count them, and the rules read their verdicts.
 */
export const DEFAULT_ALERT_SETTINGS = {
  /** Minutes between scheduled runs in the liaison process; 0: none (on demand only). Default 60, and 0 under NODE_ENV=test. */
  intervalMinutes: 60,
  /** An overdue suggestion, transfer or work task is CRITICAL from this many days past its due date (WARNING before). */
  criticalAfterDays: 30,
  /**
   * 以罚代刑: per field, the penalty amount (yuan) at or above which the conduct likely reaches a criminal threshold
   * and the case should have been transferred. Development figures after the seed's charges (e.g. 刑法第一百四十条,
   * 销售金额五万元); the county sets its own from the 立案追诉标准 it applies. A field without one is not checked.
   */
  penaltyThresholds: {
    FOOD_DRUG: 50_000, MARKET: 50_000, ECOLOGY: 100_000, NATURAL_RESOURCES: 50_000, WORK_SAFETY: 100_000, LABOR: 30_000,
    AGRICULTURE: 50_000, CULTURE_TOURISM: 50_000, TAX: 100_000, OTHER: 100_000,
  } as Partial<Record<EnforcementField, number>>,
  /** 重复信访: a petitioner with at least this many open petitions (neither FINAL nor NOT_ACCEPTED). */
  repeatPetitionerMinOpen: 2,
  /** Rules switched off. */
  disabledRules: [] as string[],
  /** The gateway the rules query; default http://HOST:GATEWAY_PORT/graphql of this configuration. */
  gatewayUrl: undefined as string | undefined,
  /**
   * A file holding the bearer token of the hub's service user (role service) issued by the sign-on. Needed where the
   * gateway verifies the sign-on's keys (production); without it the token is signed here with JWT_SECRET (development).
   */
  serviceTokenFile: undefined as string | undefined,
};

const overrides = z
  .object({
    intervalMinutes: z.number().int().min(0).max(7 * 24 * 60),
    criticalAfterDays: z.number().int().min(0).max(3650),
    penaltyThresholds: z.partialRecord(z.enum(ENFORCEMENT_FIELDS), z.number().positive().nullable()),
    repeatPetitionerMinOpen: z.number().int().min(2).max(100),
    disabledRules: z.array(z.enum(ALERT_RULE_NAMES)),
    gatewayUrl: z.url(),
    serviceTokenFile: z.string().min(1),
  })
  .partial()
  .strict();

export type AlertSettings = typeof DEFAULT_ALERT_SETTINGS;

let cached: AlertSettings | undefined;

/** The effective settings: defaults overridden by ALERT_RULES (a threshold set to null removes that field). Throws naming a bad entry. */
export function alertSettings(): AlertSettings {
  if (cached) return cached;
  const c = config();
  const parsed = overrides.safeParse(c.ALERT_RULES ? JSON.parse(c.ALERT_RULES) : {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`ALERT_RULES${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`);
  }
  const o = parsed.data;
  const thresholds = { ...DEFAULT_ALERT_SETTINGS.penaltyThresholds, ...o.penaltyThresholds };
  for (const [field, amount] of Object.entries(thresholds)) if (amount == null) delete thresholds[field as EnforcementField];
  cached = {
    ...DEFAULT_ALERT_SETTINGS,
    ...o,
    intervalMinutes: o.intervalMinutes ?? (c.NODE_ENV === 'test' ? 0 : DEFAULT_ALERT_SETTINGS.intervalMinutes),
    penaltyThresholds: thresholds as Partial<Record<EnforcementField, number>>,
  };
  return cached;
}

/** Forget the cached settings (tests change ALERT_RULES). */
export function resetAlertSettings(): void {
  cached = undefined;
}

/** The gateway's GraphQL URL the rules read through. */
export function gatewayUrl(s: AlertSettings = alertSettings()): string {
  if (s.gatewayUrl) return s.gatewayUrl;
  const c = config();
  return `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.GATEWAY_PORT}/graphql`;
}
