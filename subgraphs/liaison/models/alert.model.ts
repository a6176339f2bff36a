import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import { statusChangeSchema, type StatusChange } from '../../../lib/workflow';
import type { AlertRule, AlertSeverity, AlertStatus, ResourceType } from '../__generated__/resolvers-types';
import { RESOURCE_TYPES } from './dataRequest.model';

/** The GraphQL types an alert can link to (the AlertSubject union). */
export const ALERT_RECORD_TYPES = ['Suggestion', 'CriminalTransfer', 'EnforcementCase', 'ProcuratorateCase', 'Petition', 'RescueApplication', 'WorkTask'] as const;
export type AlertRecordType = (typeof ALERT_RECORD_TYPES)[number];

/** A record an alert is about: its GraphQL type and id (resolved through federation by its own subgraph). */
export interface AlertRecordDoc {
  typename: AlertRecordType;
  id: string;
}

/**
 * An alert raised by a rule over the unified graph (提前预警, subgraphs/liaison/alerts/). The workflow fields are
 * optional only for alerts stored before rules raised them (hand-made demo data): the schema's defaults fill them
 * on every write, and the resolvers read such an alert as OPEN, or RESOLVED when it has `resolvedAt`.
 */
export interface AlertDoc {
  _id: string;
  rule: AlertRule;
  severity: AlertSeverity;
  message: string;
  agencyCode?: string | null;
  /** The main record (records[0]) when its kind is a ResourceType. */
  resourceType?: ResourceType | null;
  resourceId?: string | null;
  raisedAt: Date;
  resolvedAt?: Date | null;
  status?: AlertStatus;
  /** What the alert is about within its rule (a record id, a petitioner's pseudonym…); null for hand-made alerts. */
  subject?: string | null;
  /**
   * `<rule>|<subject>` while the alert is OPEN or ACKNOWLEDGED, else `-<id>`: unique, so a rule has at most one
   * unresolved alert per subject however many runs race (derived by the workflow, workflow.ts).
   */
  openKey?: string;
  records?: AlertRecordDoc[];
  /** The latest run that found the condition. */
  lastSeenAt?: Date | null;
  acknowledgedAt?: Date | null;
  /** Resolved by a run that found the condition cleared (not by a person). */
  autoResolved?: boolean;
  /**
   * When a run first found the condition cleared; null while it may still hold. A rule does not raise a new alert
   * for a subject whose alert a person resolved while the condition holds (the person's decision stands), only once
   * it has cleared and come back.
   */
  conditionClearedAt?: Date | null;
  resolutionNote?: string | null;
  history?: StatusChange[];
  version?: number;
}

/** An alert as the workflow reads it (every stored alert written since rules raise them). */
export type AlertRecordedDoc = AlertDoc & { status: AlertStatus; version: number; history: StatusChange[] };

export const ALERT_RULE_NAMES: AlertRule[] = [
  'SUGGESTION_OVERDUE', 'TRANSFER_OVERDUE', 'PENALTY_INSTEAD_OF_PROSECUTION', 'REPEAT_PETITIONER_OPEN_CASE',
  'PENDING_CASE_TOO_LONG', 'RESCUE_APPLICANT_OPEN_PETITION', 'TRANSFER_NOT_SENT', 'WORK_TASK_OVERDUE',
];
export const ALERT_SEVERITIES: AlertSeverity[] = ['INFO', 'WARNING', 'CRITICAL'];
export const ALERT_STATUSES: AlertStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];

/** The unique key of an alert: its rule and subject while unresolved; its own id otherwise (or without a subject). */
export function alertOpenKey(a: Pick<AlertDoc, '_id' | 'rule' | 'subject' | 'status'>): string {
  return a.subject && a.status !== 'RESOLVED' ? `${a.rule}|${a.subject}` : `-${a._id}`;
}

const recordSchema = new Schema<AlertRecordDoc>(
  {
    typename: { type: String, required: true, enum: ALERT_RECORD_TYPES },
    id: { type: String, required: true, maxlength: 100 },
  },
  { _id: false },
);

const schema = new Schema<AlertDoc>(
  {
    _id: { type: String, default: newId },
    rule: { type: String, required: true, enum: ALERT_RULE_NAMES },
    severity: { type: String, required: true, enum: ALERT_SEVERITIES },
    message: { type: String, required: true, maxlength: 2000 },
    agencyCode: { type: String, default: null },
    resourceType: { type: String, default: null, enum: [...RESOURCE_TYPES, null] },
    resourceId: { type: String, default: null },
    raisedAt: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
    status: { type: String, required: true, enum: ALERT_STATUSES, default: 'OPEN' },
    subject: { type: String, default: null, maxlength: 200 },
    openKey: {
      type: String,
      required: true,
      default(this: AlertDoc) {
        return alertOpenKey(this);
      },
    },
    records: { type: [recordSchema], default: [] },
    lastSeenAt: { type: Date, default: null },
    acknowledgedAt: { type: Date, default: null },
    autoResolved: { type: Boolean, default: false },
    conditionClearedAt: { type: Date, default: null },
    resolutionNote: { type: String, default: null, maxlength: 2000 },
    history: { type: [statusChangeSchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

// mongo-java-server ignores partialFilterExpression (MongoDB honours it), so "one unresolved alert per rule and
// subject" is a derived key (alertOpenKey) unique on both. Sparse: alerts stored before the key existed have none.
schema.index({ openKey: 1 }, { unique: true, sparse: true });
schema.index({ raisedAt: -1, _id: -1 });
schema.index({ rule: 1, raisedAt: -1, _id: -1 });
schema.index({ agencyCode: 1, raisedAt: -1, _id: -1 });
schema.index({ resolvedAt: 1, raisedAt: -1, _id: -1 });
schema.index({ status: 1, raisedAt: -1, _id: -1 });
schema.index({ resourceType: 1, resourceId: 1 });
// A run reads the alerts of its rule whose condition may still hold.
schema.index({ rule: 1, conditionClearedAt: 1 });

export const AlertModel = subgraphDatabase('liaison').model<AlertDoc>('Alert', schema);
