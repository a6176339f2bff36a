import { AGENCIES } from '../../../lib/agencies';
import type { AlertRule, AlertSeverity } from '../__generated__/resolvers-types';
import type { AlertRecordDoc } from '../models';
import type { AlertSettings } from './settings';

/**
 * One condition a rule found: what it is about (`subject`, unique within the rule: one open alert per subject), who
 * should act, how serious it is, and the records, the main one first. The message names records by their numbers,
 * never a person.
 */
export interface Finding {
  subject: string;
  agencyCode: string;
  severity: AlertSeverity;
  message: string;
  records: AlertRecordDoc[];
}

/**
 * An early-warning rule: one GraphQL query over the unified graph, read through the gateway as the service user, and
 * a predicate over what it returns. The query selects one connection at its root and takes `$first` and `$after`
 * (the runner reads every page) and may take more variables, one paged read per set (`variables`, e.g. one per
 * status). A new rule is a file of this shape, listed in alerts/index.ts and named in the AlertRule enum.
 */
export interface AlertRuleDefinition<N> {
  rule: AlertRule;
  /** 规则名称, e.g. 有案不移. */
  title: string;
  /** What it looks for, with the thresholds in force. */
  describe: (s: AlertSettings) => string;
  query: string;
  /**
   * Rows per page; default 100. The gateway estimates a query's cost with `$first`'s default (100 without one), so a
   * query with nested lists declares `$first: Int = <pageSize>` to stay under its cost limit.
   */
  pageSize?: number;
  /** The variable sets, one paged read each; default one read. */
  variables?: (s: AlertSettings) => Record<string, unknown>[];
  /** The predicate: the conditions the nodes read show now. */
  findings: (nodes: N[], s: AlertSettings, now: Date) => Finding[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds rules over any node shape
export type AnyAlertRule = AlertRuleDefinition<any>;

/** Typed in one place so each rule file only states its node shape. */
export function defineRule<N>(def: AlertRuleDefinition<N>): AlertRuleDefinition<N> {
  return def;
}

/** A predicate per node: its finding, or null. */
export function eachNode<N>(check: (node: N, s: AlertSettings, now: Date) => Finding | null): AlertRuleDefinition<N>['findings'] {
  return (nodes, s, now) => nodes.flatMap((n) => check(n, s, now) ?? []);
}

const DAY = 86_400_000;

/** Whole days from `due` to `now` (0 within the first day past it). */
export function daysPast(due: string | Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(due).getTime()) / DAY));
}

/** "已逾期N日", or "已超过期限" within the first day. */
export function overdueText(due: string | Date, now: Date): string {
  const d = daysPast(due, now);
  return d > 0 ? `已逾期${d}日` : '已超过期限';
}

/** WARNING, or CRITICAL from `criticalAfterDays` past the due date. */
export function overdueSeverity(due: string | Date, s: AlertSettings, now: Date): AlertSeverity {
  return daysPast(due, now) >= s.criticalAfterDays ? 'CRITICAL' : 'WARNING';
}

/** 信访局, who registers and may review every petition. */
export const PETITION_BUREAU = AGENCIES.find((a) => a.type === 'PETITION')!.code;

/** Petition statuses in which a petition is open (the repeat rule of docs/domain.md: neither NOT_ACCEPTED nor FINAL). */
export const OPEN_PETITION_STATUSES = ['RECEIVED', 'ACCEPTED', 'HANDLING', 'ANSWERED', 'REVIEW', 'RE_REVIEW'] as const;

/** A connection page as every rule's query selects it. */
export interface Page<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The selection every rule's connection ends with. */
export const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
