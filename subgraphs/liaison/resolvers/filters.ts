import type { QueryFilter } from 'mongoose';
import { dateRange } from '../../../lib/filters';
import type { AlertFilter, AuditEventFilter, DataRequestFilter, SharingGrantFilter, WorkTaskFilter } from '../__generated__/resolvers-types';
import type { AlertDoc, AuditEventDoc, DataRequestDoc, SharingGrantDoc, WorkTaskDoc } from '../models';

// List filters built only from typed GraphQL arguments.

/** `overdue` reads the stored `nextDueAt`, the due date of the clock running in the request's state. */
export function dataRequestFilter(f: DataRequestFilter = {}, now = new Date()): QueryFilter<DataRequestDoc> {
  const q: QueryFilter<DataRequestDoc> = {};
  if (f.status) q.status = f.status;
  if (f.requesterCode) q.requesterCode = f.requesterCode;
  if (f.providerCode) q.providerCode = f.providerCode;
  if (f.overdue === true) q.nextDueAt = { $lt: now };
  if (f.overdue === false) q.$or = [{ nextDueAt: null }, { nextDueAt: { $gte: now } }];
  return q;
}

/** `activeOnly` matches SharingGrant.active: not revoked and validFrom ≤ now < validUntil. */
export function sharingGrantFilter(f: SharingGrantFilter = {}, now = new Date()): QueryFilter<SharingGrantDoc> {
  const q: QueryFilter<SharingGrantDoc> = {};
  if (f.granteeCode) q.granteeCode = f.granteeCode;
  if (f.providerCode) q.providerCode = f.providerCode;
  if (f.activeOnly) Object.assign(q, { revokedAt: null, validFrom: { $lte: now }, validUntil: { $gt: now } });
  return q;
}

/** `overdue` matches WorkTask.overdue: not DONE and due before now. */
export function workTaskFilter(f: WorkTaskFilter = {}, now = new Date()): QueryFilter<WorkTaskDoc> {
  const q: QueryFilter<WorkTaskDoc> = {};
  if (f.year != null) q.year = f.year;
  if (f.status) q.status = f.status;
  if (f.leadAgencyCode) q.leadAgencyCode = f.leadAgencyCode;
  if (f.meetingId) q.meetingId = f.meetingId;
  if (f.overdue === true) q.$and = [{ status: { $ne: 'DONE' } }, { dueAt: { $lt: now } }];
  if (f.overdue === false) q.$or = [{ status: 'DONE' }, { dueAt: { $gte: now } }];
  return q;
}

export function alertFilter(f: AlertFilter = {}): QueryFilter<AlertDoc> {
  const q: QueryFilter<AlertDoc> = {};
  if (f.rule) q.rule = f.rule;
  if (f.agencyCode) q.agencyCode = f.agencyCode;
  if (f.open === true) q.resolvedAt = null;
  if (f.open === false) q.resolvedAt = { $ne: null };
  if (f.status) q.status = f.status;
  if (f.severity) q.severity = f.severity;
  return q;
}

export function auditEventFilter(f: AuditEventFilter = {}): QueryFilter<AuditEventDoc> {
  const q: QueryFilter<AuditEventDoc> = {};
  if (f.actor) q.actor = f.actor;
  if (f.actorAgency) q.actorAgency = f.actorAgency;
  if (f.resourceId) q.resourceIds = f.resourceId;
  if (f.grantId) q.grantId = f.grantId;
  const at = dateRange(f.from, f.to);
  if (at) q.at = at;
  return q;
}
