// 待办 lists (docs/domain.md#my-work): whose work is asked for, the items, their order and the merge of the parts.
import { hasRole, type Role } from '../access/roles';
import { AGENCIES, agencyByCode, isAgencyCode } from '../agencies';
import { badInput, forbidden } from '../errors';
import type { Identity } from '../identity';
import { DEFAULT_PAGE, MAX_PAGE } from '../pagination';

/** The key of the WorkList entity: whose work, and how many items at most. */
export interface WorkListKey {
  agency: string;
  first: number;
  /** The parts of the other subgraphs, as the gateway passes them to WorkList.items (`@requires`). */
  given?: Record<string, unknown>;
}

/** One item of work (the SDL's WorkItem); `doc` is the record itself, when the subgraph that owns it answers. */
export interface WorkItem {
  recordType: string;
  recordId: string;
  label: string;
  status: string;
  steps: string[];
  acts: string[];
  dueAt: Date | null;
  overdue: boolean;
  doc?: unknown;
}

/** A record of another subgraph, resolved by the gateway there (`{ __typename, id }`). */
export interface WorkRecordRef {
  __typename: string;
  id: string;
}

/** Whose work is asked for, with which roles (null: every role of that agency), at which moment. */
export interface WorkScope {
  agency: string;
  roles: readonly Role[] | null;
  now: Date;
}

/** The joint office: a liaison admin at the seat of the 联席办 (lib/agencies). */
const JOINT_OFFICE_CODE = AGENCIES.find((a) => a.isJointOffice)!.code;
const isJointOffice = (identity: Identity) => identity.agency === JOINT_OFFICE_CODE && hasRole(identity, 'liaison_admin');

/**
 * The key of a `myWork` query: the caller's agency unless another is named; `first` between 1 and MAX_PAGE (default
 * DEFAULT_PAGE). Only the joint office may name another agency (FORBIDDEN otherwise).
 */
export function workListKey(identity: Identity, agency: string | null | undefined, first: number | null | undefined): WorkListKey {
  const n = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw badInput('first', `must be between 1 and ${MAX_PAGE}`);
  const key = { agency: agency ?? identity.agency, first: n };
  workScope(identity, key);
  return key;
}

/**
 * The scope of a WorkList (checked again in every subgraph that answers for it): the caller's own agency with the
 * caller's roles; or, for the joint office, any member agency with every role (the agency's work as a whole), still
 * among the records the joint office may read.
 */
export function workScope(identity: Identity, key: { agency?: unknown; first?: unknown }, now = new Date()): WorkScope {
  const agency = key.agency;
  if (typeof agency !== 'string' || !isAgencyCode(agency)) throw badInput('agency', 'must be the code of a member agency');
  if (typeof key.first !== 'number' || !Number.isInteger(key.first) || key.first < 1 || key.first > MAX_PAGE) {
    throw badInput('first', `must be between 1 and ${MAX_PAGE}`);
  }
  if (agency === identity.agency) return { agency, roles: identity.roles, now };
  if (isJointOffice(identity)) return { agency, roles: null, now };
  throw forbidden('only the joint office (liaison_admin of the county procuratorate) may see the work of another agency');
}

/** Candidate batches read at most per workflow and request (the MongoDB commands stay bounded). */
export const MAX_ROUNDS = 3;

// ── order and merge ─────────────────────────────────────────────────────────────────────────────

/** Most urgent first: overdue (the longest overdue first), then by due date, then those without one. */
export function byUrgency(a: WorkItem, b: WorkItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueAt && b.dueAt && a.dueAt.getTime() !== b.dueAt.getTime()) return a.dueAt.getTime() - b.dueAt.getTime();
  if (!a.dueAt !== !b.dueAt) return a.dueAt ? -1 : 1;
  return a.recordType.localeCompare(b.recordType) || a.recordId.localeCompare(b.recordId);
}

/** Merges parts of a WorkList (each already ordered) into its most urgent `first` items. */
export function mergeWork(parts: readonly (readonly WorkItem[])[], first: number): WorkItem[] {
  return parts.flat().sort(byUrgency).slice(0, first);
}

/** The subgraph's part of a WorkList: the items of all its workflows, most urgent first, at most `first`. */
export async function workOf(scope: WorkScope, first: number, parts: readonly (() => Promise<WorkItem[]>)[]): Promise<WorkItem[]> {
  return mergeWork(await Promise.all(parts.map((p) => p())), first);
}

/**
 * A part another subgraph gave (a `@requires` input of WorkList.items, as JSON): checked item by item, with its
 * due date as a Date again. Whatever is not an item is dropped.
 */
export function workFromJson(value: unknown, first: number): WorkItem[] {
  if (!Array.isArray(value)) return [];
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  const items: WorkItem[] = [];
  for (const v of value.slice(0, first) as Record<string, unknown>[]) {
    if (!v || typeof v.recordType !== 'string' || typeof v.recordId !== 'string' || typeof v.label !== 'string' || typeof v.status !== 'string') continue;
    if (!strings(v.steps) || !strings(v.acts)) continue;
    const dueAt = typeof v.dueAt === 'string' || v.dueAt instanceof Date ? new Date(v.dueAt) : null;
    items.push({
      recordType: v.recordType, recordId: v.recordId, label: v.label, status: v.status, steps: v.steps, acts: v.acts,
      dueAt: dueAt && !Number.isNaN(dueAt.getTime()) ? dueAt : null, overdue: v.overdue === true,
    });
  }
  return items;
}

/** WorkItem.record: the record itself where it was read (tagged with its type), else a reference the gateway resolves. */
export function workRecord(item: WorkItem): WorkRecordRef | (Record<string, unknown> & { __typename: string }) {
  return item.doc ? { ...(item.doc as Record<string, unknown>), __typename: item.recordType } : { __typename: item.recordType, id: item.recordId };
}

/** The short name of a member agency for labels (its code when unknown). */
export const agencyName = (code: string | null | undefined): string => (code ? (agencyByCode(code)?.shortName ?? code) : '?');
