import { hasRole, requireRole } from '../../lib/access';
import { AGENCIES } from '../../lib/agencies';
import type { AuditEntry } from '../../lib/audit';
import { forbidden } from '../../lib/errors';
import type { Identity } from '../../lib/identity';
import type { Context } from './context';
import { holdingsLoader } from './holdings';
import type { AlertDoc, DataRequestDoc, PersonDoc, SharingGrantDoc } from './models';

// Who may read and write the joint office's records (docs/domain.md#access-rules): the joint office itself,
// the parties of a sharing record, and persons as sealing allows.

/** The seat of the joint office (联席办): the county procuratorate. */
export const JOINT_OFFICE_CODE = AGENCIES.find((a) => a.isJointOffice)!.code;

/** The joint office's own records are written by its liaison admins only. */
export function requireJointOffice(identity: Identity): void {
  requireRole(identity, 'liaison_admin');
  if (identity.agency !== JOINT_OFFICE_CODE) throw forbidden(`only the joint office (${JOINT_OFFICE_CODE}) may do this`);
}

/** A liaison admin of the joint office itself (a liaison_admin role at another agency is not the joint office). */
export function isJointOffice(identity: Identity): boolean {
  return hasRole(identity, 'liaison_admin') && identity.agency === JOINT_OFFICE_CODE;
}

/** Callers who see every data request and grant: the joint office, auditors, and services checking access. */
export function seesAllSharing(identity: Identity): boolean {
  return isJointOffice(identity) || hasRole(identity, 'auditor', 'service');
}

/** Callers who see every alert: the joint office and services (the alert rules). */
export function seesAllAlerts(identity: Identity): boolean {
  return isJointOffice(identity) || hasRole(identity, 'service');
}

/**
 * Who may read one kind of the joint office's sharing records (DataRequest, SharingGrant, Alert): the
 * agencies that are its parties, and the roles that see all. Reads by a caller whose agency is not a
 * party (the joint office, auditors) are cross-agency reads and audited; refusals are audited too.
 */
export interface PartyRule<D> {
  resourceType: string;
  /** The party agencies of a record. */
  parties: (doc: D) => readonly (string | null | undefined)[];
  /** The same parties as stored field names (for list filters, so totalCount is right). */
  fields: readonly string[];
  seesAll: (identity: Identity) => boolean;
}

export const dataRequestRule: PartyRule<DataRequestDoc> = {
  resourceType: 'DATA_REQUEST',
  parties: (r) => [r.requesterCode, r.providerCode],
  fields: ['requesterCode', 'providerCode'],
  seesAll: seesAllSharing,
};

export const sharingGrantRule: PartyRule<SharingGrantDoc> = {
  resourceType: 'SHARING_GRANT',
  parties: (g) => [g.granteeCode, g.providerCode],
  fields: ['granteeCode', 'providerCode'],
  seesAll: seesAllSharing,
};

export const alertRule: PartyRule<AlertDoc> = {
  resourceType: 'ALERT',
  parties: (a) => [a.agencyCode],
  fields: ['agencyCode'],
  seesAll: seesAllAlerts,
};

const isParty = <D>(rule: PartyRule<D>, identity: Identity, doc: D) => rule.parties(doc).includes(identity.agency);

/** May the caller read this record? */
export function mayRead<D>(rule: PartyRule<D>, identity: Identity, doc: D): boolean {
  return isParty(rule, identity, doc) || rule.seesAll(identity);
}

/** A list filter narrowed to the records the caller's agency is a party to, unless it sees all. */
export function partyFilter<D>(rule: PartyRule<D>, identity: Identity, filter: object): object {
  if (rule.seesAll(identity)) return filter;
  return { $and: [filter, { $or: rule.fields.map((f) => ({ [f]: identity.agency })) }] };
}

/**
 * Audits the records among `docs` whose parties do not include the caller's agency (one READ event).
 * Services are the hub's own access machinery (providers fetching grants for every cross-agency read,
 * the alert rules): the reads they enable are audited where they happen, so their look-ups are not.
 */
export async function auditReads<D extends { _id: string }>(ctx: Context, rule: PartyRule<D>, docs: readonly D[]): Promise<void> {
  if (hasRole(ctx.identity, 'service')) return;
  const ids = docs.filter((d) => !isParty(rule, ctx.identity, d)).map((d) => d._id);
  if (ids.length) await ctx.audit.record({ action: 'READ', resourceType: rule.resourceType, resourceIds: ids, outcome: 'ALLOWED' });
}

const denied = (ctx: Context, resourceType: string, id: string) =>
  ctx.audit.record({ action: 'READ', resourceType, resourceIds: [id], outcome: 'DENIED' } satisfies AuditEntry);

/**
 * A direct read (root field, `_entities`): the record, its cross-agency read audited; or FORBIDDEN,
 * audited as READ DENIED — the same answer whether or not the record exists.
 */
export async function readOne<D extends { _id: string }>(ctx: Context, rule: PartyRule<D>, id: string, doc: D | null | undefined): Promise<D> {
  if (!doc || !mayRead(rule, ctx.identity, doc)) {
    await denied(ctx, rule.resourceType, id);
    throw forbidden();
  }
  await auditReads(ctx, rule, [doc]);
  return doc;
}

/** A nested link: the record if the caller may read it (cross-agency reads audited), otherwise null. */
export async function follow<D extends { _id: string }>(ctx: Context, rule: PartyRule<D>, doc: D | null | undefined): Promise<D | null> {
  if (!doc || !mayRead(rule, ctx.identity, doc)) return null;
  await auditReads(ctx, rule, [doc]);
  return doc;
}

// ---------------------------------------------------------------------------------------------------
// Persons. Every member agency sees a person's name and masked data; a sealed person (未成年人犯罪记录
// 封存) only an agency holding a record on the person, sealed records included.

/** May the caller see this person at all? */
export async function maySeePerson(ctx: Context, person: PersonDoc): Promise<boolean> {
  if (!person.sealed) return true;
  const holdings = await holdingsLoader(ctx).load(`P:${person._id}`);
  return holdings.some((h) => h.agencyCode === ctx.identity.agency);
}

/**
 * A direct read of a person (`person`, `personByIdNumber`, `_entities`): FORBIDDEN, audited as READ
 * DENIED, for a sealed person the caller's agency holds no record on — the same answer as for an id
 * that does not exist.
 */
export async function readPerson(ctx: Context, id: string, person: PersonDoc | null | undefined): Promise<PersonDoc> {
  if (!person || !(await maySeePerson(ctx, person))) {
    await denied(ctx, 'PERSON', id);
    throw forbidden();
  }
  return person;
}

/** A nested link to a person (Enterprise.legalRepresentative): null when the caller may not see it. */
export async function followPerson(ctx: Context, person: PersonDoc | null | undefined): Promise<PersonDoc | null> {
  return person && (await maySeePerson(ctx, person)) ? person : null;
}
