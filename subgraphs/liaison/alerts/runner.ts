import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { AccessControl } from '../../../lib/access';
import { auditRecorder } from '../../../lib/audit';
import { requestLogger } from '../../../lib/logger';
import type { StatusChange, StepContext } from '../../../lib/workflow';
import type { AlertRule, AlertStatus, ResourceType } from '../__generated__/resolvers-types';
import { localAuditSink } from '../audit/local';
import { AlertModel, alertOpenKey, type AlertDoc, type AlertRecordType } from '../models';
import { alerts } from '../workflow';
import { RULES } from './index';
import { queryGraph, RULES_IDENTITY } from './graph';
import { type AnyAlertRule, type Finding, type Page } from './rule';
import { alertSettings, type AlertSettings } from './settings';

/** What one rule did in a run (the AlertRuleRun of the contract). */
export interface RuleRunReport {
  rule: AlertRule;
  ok: boolean;
  error: string | null;
  found: number;
  raised: number;
  refreshed: number;
  resolved: number;
}

export interface AlertRunReport {
  startedAt: Date;
  finishedAt: Date;
  rules: RuleRunReport[];
}

/** Pages one paged read may take (100 rows each): a runaway read fails its rule instead of flooding the gateway. */
const MAX_PAGES = 200;
/** Paged reads of one rule (its variable sets) in flight at once. */
const READS_AT_ONCE = 2;

/** The ResourceType of a linked record, when its kind is one (a work task is not). */
const RESOURCE_TYPE: Partial<Record<AlertRecordType, ResourceType>> = {
  Suggestion: 'SUGGESTION', CriminalTransfer: 'CRIMINAL_TRANSFER', EnforcementCase: 'ENFORCEMENT_CASE', ProcuratorateCase: 'PROCURATORATE_CASE',
  Petition: 'PETITION', RescueApplication: 'RESCUE_APPLICATION',
};

/** An alert's status; alerts stored before the workflow existed read as OPEN, or RESOLVED once resolvedAt is set. */
export function alertStatus(a: Pick<AlertDoc, 'status' | 'resolvedAt'>): AlertStatus {
  return a.status ?? (a.resolvedAt ? 'RESOLVED' : 'OPEN');
}

// Runs of one process take turns: the unique open key already keeps concurrent runs (two processes, a scheduled and
// an on-demand run) from duplicating an alert, and taking turns keeps their reports and resolutions in order.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the rules (all enabled ones, or those named) once: each reads the graph through the gateway as the service
 * user, then raises an alert for each new condition, refreshes the open alert of a condition still found, and
 * resolves the open alerts whose condition has cleared. A rule whose read fails changes nothing (its report says
 * why): a failed read must not look like cleared conditions.
 */
export function runAlertRules(only?: readonly AlertRule[] | null, requestId: string = randomUUID()): Promise<AlertRunReport> {
  const run = queue.then(() => runOnce(only ?? null, requestId));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(only: readonly AlertRule[] | null, requestId: string): Promise<AlertRunReport> {
  const s = alertSettings();
  const identity = { ...RULES_IDENTITY, requestId };
  const audit = auditRecorder(identity, localAuditSink);
  const ctx: StepContext = {
    identity,
    audit,
    log: requestLogger(requestId, { subgraph: 'liaison', job: 'alert-rules' }),
    access: new AccessControl(identity, async () => [], audit),
  };
  const startedAt = new Date();
  const chosen = RULES.filter((r) => (only?.length ? only.includes(r.rule) : !s.disabledRules.includes(r.rule)));
  const rules = await Promise.all(chosen.map((r) => runRule(r, s, ctx)));
  const report = { startedAt, finishedAt: new Date(), rules };
  ctx.log.info({ rules: rules.map(({ rule, ok, found, raised, refreshed, resolved }) => ({ rule, ok, found, raised, refreshed, resolved })) }, 'alert rules ran');
  return report;
}

async function runRule(def: AnyAlertRule, s: AlertSettings, ctx: StepContext): Promise<RuleRunReport> {
  const report: RuleRunReport = { rule: def.rule, ok: false, error: null, found: 0, raised: 0, refreshed: 0, resolved: 0 };
  if (s.disabledRules.includes(def.rule)) return { ...report, error: 'switched off in ALERT_RULES.disabledRules' };
  let findings: Map<string, Finding>;
  let now: Date;
  try {
    const sets = def.variables?.(s) ?? [{}];
    const nodes: unknown[] = [];
    // A few paged reads at a time: one rule does not take the gateway's whole pool (the rules run side by side).
    for (let i = 0; i < sets.length; i += READS_AT_ONCE) {
      for (const page of await Promise.all(sets.slice(i, i + READS_AT_ONCE).map((vars) => readAll(def, vars, ctx.identity.requestId)))) nodes.push(...page);
    }
    now = new Date();
    findings = new Map(def.findings(nodes, s, now).map((f) => [f.subject, f]));
  } catch (e) {
    ctx.log.warn({ rule: def.rule, err: (e as Error).message }, 'alert rule could not read the graph');
    return { ...report, error: (e as Error).message };
  }
  report.found = findings.size;
  try {
    await apply(def.rule, findings, ctx, now, report);
  } catch (e) {
    ctx.log.error({ rule: def.rule, err: (e as Error).message }, 'alert rule could not store its alerts');
    return { ...report, error: `storing alerts failed: ${(e as Error).message}` };
  }
  return { ...report, ok: true };
}

/** Every page of the rule's connection for one set of variables. */
async function readAll(def: AnyAlertRule, vars: Record<string, unknown>, requestId: string): Promise<unknown[]> {
  const first = def.pageSize ?? 100;
  const nodes: unknown[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: Record<string, Page<unknown>> = await queryGraph<Record<string, Page<unknown>>>(def.query, { ...vars, first, after }, requestId);
    const conn: Page<unknown> = Object.values(data)[0];
    nodes.push(...conn.nodes);
    if (!conn.pageInfo.hasNextPage) return nodes;
    after = conn.pageInfo.endCursor;
  }
  throw new Error(`more than ${MAX_PAGES * first} records to read: narrow the rule's query`);
}

/**
 * Brings the rule's alerts in line with its findings. The alerts considered are those whose condition may still
 * hold (conditionClearedAt null): the unresolved ones, and those a person resolved while the condition held.
 */
async function apply(rule: AlertRule, findings: Map<string, Finding>, ctx: StepContext, now: Date, report: RuleRunReport): Promise<void> {
  const live = await AlertModel.find({ rule, subject: { $ne: null }, conditionClearedAt: null }).lean<AlertDoc[]>();
  const bySubject = new Map<string, AlertDoc[]>();
  for (const a of live) bySubject.set(a.subject!, [...(bySubject.get(a.subject!) ?? []), a]);

  const refreshes: { id: string; f: Finding }[] = [];
  const raises: Finding[] = [];
  for (const f of findings.values()) {
    const known = bySubject.get(f.subject) ?? [];
    const open = known.find((a) => alertStatus(a) !== 'RESOLVED');
    if (open) refreshes.push({ id: open._id, f });
    else if (known.length === 0) raises.push(f);
    // else: a person resolved it while the condition held; that decision stands until the condition clears.
  }
  const gone = live.filter((a) => !findings.has(a.subject!));

  await refresh(refreshes, now);
  report.refreshed += refreshes.length;
  for (const raised of await inBatches(raises, (f) => raise(rule, f, ctx, now))) {
    if (raised) report.raised++;
    else report.refreshed++;
  }
  const cleared = gone.filter((a) => alertStatus(a) === 'RESOLVED').map((a) => a._id);
  if (cleared.length) await AlertModel.updateMany({ _id: { $in: cleared }, conditionClearedAt: null }, { $set: { conditionClearedAt: now } });
  report.resolved += (await inBatches(gone.filter((a) => alertStatus(a) !== 'RESOLVED'), (a) => autoResolve(a, ctx, now))).filter(Boolean).length;
}

/** `fn` over `items`, a batch at a time (a batch's audit events reach the chain together). */
async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, size = 25): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/** The fields a finding sets on its alert. */
function described(f: Finding) {
  const main = f.records[0];
  return {
    severity: f.severity,
    message: f.message.slice(0, 2000),
    agencyCode: f.agencyCode,
    records: f.records,
    resourceType: (main && RESOURCE_TYPE[main.typename]) ?? null,
    resourceId: main && RESOURCE_TYPE[main.typename] ? main.id : null,
  };
}

/** The open alerts of conditions found again: their description brought up to date (not a step: the version stays). */
async function refresh(found: readonly { id: string; f: Finding }[], now: Date): Promise<void> {
  if (!found.length) return;
  await AlertModel.bulkWrite(
    found.map(({ id, f }) => ({ updateOne: { filter: { _id: id, status: { $ne: 'RESOLVED' as const } }, update: { $set: { ...described(f), lastSeenAt: now } } } })),
    { ordered: false },
  );
}

/** A new alert, through the workflow definition (history, open key, audit event). False when a concurrent run raised it first. */
async function raise(rule: AlertRule, f: Finding, ctx: StepContext, now: Date): Promise<boolean> {
  try {
    await alerts.create(ctx, {
      rule, subject: f.subject, ...described(f), raisedAt: now, lastSeenAt: now, resolvedAt: null, acknowledgedAt: null,
      autoResolved: false, conditionClearedAt: null, resolutionNote: null,
    }, `规则发现: ${f.message}`.slice(0, 2000));
    return true;
  } catch (e) {
    if (!(e instanceof GraphQLError && e.extensions.code === 'CONFLICT')) throw e;
    const existing = await AlertModel.findOne({ openKey: alertOpenKey({ _id: '', rule, subject: f.subject, status: 'OPEN' }) }, { _id: 1 }).lean();
    if (existing) await refresh([{ id: existing._id, f }], now);
    return false;
  }
}

/**
 * Resolves an alert whose condition has cleared: the run's own step (the service user is no party of the machine),
 * written like one — a single conditional write on the version read, version + 1, the history entry, the derived
 * open key, and the domain audit event. A person's step in between wins; the next run looks again.
 */
async function autoResolve(a: AlertDoc, ctx: StepContext, now: Date): Promise<boolean> {
  const from = alertStatus(a);
  const resolved = { ...a, status: 'RESOLVED' as const };
  const entry: StatusChange = { at: now, actor: ctx.identity.userId, agency: ctx.identity.agency, from, to: 'RESOLVED', note: '预警条件已消除, 自动解除' };
  const res = await AlertModel.updateOne(
    { _id: a._id, version: a.version ?? 0, status: from },
    {
      $set: { status: 'RESOLVED', resolvedAt: now, autoResolved: true, conditionClearedAt: now, resolutionNote: entry.note, ...alerts.definition.derive!(resolved as never) },
      $push: { history: entry },
      $inc: { version: 1 },
    },
  );
  if (res.modifiedCount !== 1) return false;
  await ctx.audit
    .record({ action: 'WRITE', resourceType: 'ALERT', resourceIds: [a._id], outcome: 'ALLOWED', purpose: `${from} → RESOLVED` })
    .catch((e: Error) => ctx.log.warn({ err: e.message, id: a._id }, 'domain audit event not recorded'));
  return true;
}
