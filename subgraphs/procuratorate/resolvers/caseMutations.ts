import { requireWriterOf } from '../../../lib/access';
import { badInput, conflict, forbidden } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { definedOnly, writeVersioned } from '../../../lib/versioned';
import type { StatusChange } from '../../../lib/workflow';
import type { Identity } from '../../../lib/identity';
import type {
  MutationResolvers, ProcuratorateCaseInput, ProcuratorateCaseStatus, ProcuratorateCaseType, ProcuratorateCaseUpdate,
} from '../__generated__/resolvers-types';
import { CASE_STATUSES, ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel, type ProcuratorateCaseDoc } from '../models';
import { publicInterestCases, type PublicInterestCaseDoc } from '../workflow';

/** A record id of this hub (lib/mongo newId): 24 hex digits. */
export function recordId(field: string, id: string): string {
  if (!/^[0-9a-f]{24}$/.test(id)) throw badInput(field, 'is not a record id of the hub');
  return id;
}

function distinct(field: string, values: readonly string[] | null | undefined, each: (field: string, v: string) => string): string[] {
  return [...new Set((values ?? []).map((v) => each(field, v)))];
}

function publicInterestField(type: ProcuratorateCaseType, value: string): string {
  if (type !== 'PUBLIC_INTEREST') throw badInput('publicInterestField', 'is only for PUBLIC_INTEREST cases');
  return check.nonEmpty('publicInterestField', value, 100);
}

const PUBLIC_INTEREST_STEPS = 'filePublicInterestCase, startPublicInterestConsultation, recordPreSuitSuggestion, followUpPublicInterestCase, terminatePublicInterestCase, litigatePublicInterestCase';

/**
 * Applies `set` to a case still at `version` through the one versioned write, and when the status changes adds the
 * change to its history in the same write. Ordinary cases are not a machine: updateProcuratorateCase sets their status.
 */
function updateCase(identity: Identity, current: ProcuratorateCaseDoc, version: number, set: Record<string, unknown>): Promise<ProcuratorateCaseDoc> {
  const to = set.status as ProcuratorateCaseStatus | undefined;
  const entry: StatusChange | null = to && to !== current.status
    ? { at: new Date(), actor: identity.userId, agency: identity.agency, from: current.status, to, note: null }
    : null;
  const update = { $set: { ...set, ...publicInterestCases.definition.derive?.({ ...current, ...set } as PublicInterestCaseDoc) }, ...(entry ? { $push: { history: entry } } : {}) };
  return writeVersioned<ProcuratorateCaseDoc>(ProcuratorateCaseModel, { _id: current._id, version }, update, async () => {
    const now = await ProcuratorateCaseModel.findById(current._id, { version: 1 }).lean<{ version: number }>();
    if (!now) throw forbidden();
    throw conflict(`the record was changed by someone else (now version ${now.version}); reload and try again`, { currentVersion: now.version });
  });
}

/**
 * The agency that sent the source transfer (a workflow counterpart: it sees the case). Only with a sourceTransferId,
 * and not the handling agency itself.
 */
function sourceAgency(code: string | null | undefined, sourceTransferId: string | null | undefined, owner: string): string | null {
  if (code == null) return null;
  const agency = check.agencyCode('sourceAgencyCode', code);
  if (sourceTransferId == null) throw badInput('sourceAgencyCode', 'is the agency that sent the transfer: give it with sourceTransferId');
  if (agency === owner) throw badInput('sourceAgencyCode', 'must be the enforcement agency that sent the transfer, not the handling agency');
  return agency;
}

/** Keeps the suggestions and reverse referrals of a case sealed or unsealed with it (their policies read their own flag). */
export async function sealLinked(caseId: string, sealed: boolean): Promise<void> {
  await Promise.all([
    SuggestionModel.updateMany({ procuratorateCaseId: caseId }, { $set: { sealed } }),
    ReverseReferralModel.updateMany({ procuratorateCaseId: caseId }, { $set: { sealed } }),
  ]);
}

/** A new case from createProcuratorateCase's input (or an imported ledger row): its checks and access rule, in one place. */
export function newProcuratorateCase(identity: Identity, input: ProcuratorateCaseInput) {
  const agencyCode = check.agencyCode('agencyCode', input.agencyCode ?? identity.agency);
  requireWriterOf(identity, agencyCode);
  const status: ProcuratorateCaseStatus = input.type === 'PUBLIC_INTEREST' ? 'CLUE' : 'ACCEPTED';
  const source = sourceAgency(input.sourceAgencyCode, input.sourceTransferId, agencyCode);
  return {
    agencyCode,
    caseNumber: check.nonEmpty('caseNumber', input.caseNumber, 100),
    type: input.type,
    title: check.nonEmpty('title', input.title, 500),
    personIds: distinct('personIds', input.personIds, check.personId),
    victimIds: distinct('victimIds', input.victimIds, check.personId),
    creditCodes: distinct('creditCodes', input.creditCodes, check.creditCode),
    acceptedAt: check.notFuture('acceptedAt', input.acceptedAt),
    status,
    publicInterestField: input.publicInterestField == null ? null : publicInterestField(input.type, input.publicInterestField),
    sealed: input.sealed ?? false,
    sourceTransferId: input.sourceTransferId == null ? null : recordId('sourceTransferId', input.sourceTransferId),
    counterpartCodes: source ? [source] : [],
  };
}

/**
 * The fields updateProcuratorateCase sets (or an imported row's changes), after its checks: a public-interest case
 * moves by its steps, a decision needs its date (and NON_PROSECUTION its kind), dates in order, and the status that
 * follows (a closing date closes the case, a decision decides it). Derived fields are added by the write.
 */
export function caseUpdate(current: ProcuratorateCaseDoc, input: Omit<ProcuratorateCaseUpdate, 'version'>): Partial<ProcuratorateCaseDoc> {
  if (current.type === 'PUBLIC_INTEREST' && input.status) throw badInput('status', `a public-interest case moves by its steps: ${PUBLIC_INTEREST_STEPS}`);
  if (current.type === 'PUBLIC_INTEREST' && input.closedAt) throw badInput('closedAt', 'a public-interest case is closed by terminatePublicInterestCase');
  if ((input.decision === 'PROSECUTE' || input.decision === 'NON_PROSECUTION') && current.type !== 'CRIMINAL_PROSECUTION') {
    throw badInput('decision', `${input.decision} is only for CRIMINAL_PROSECUTION cases`);
  }
  const decision = input.decision ?? current.decision ?? null;
  const decidedAt = input.decidedAt ?? current.decidedAt ?? null;
  const closedAt = input.closedAt ?? current.closedAt ?? null;
  if (decision && !decidedAt) throw badInput('decidedAt', 'is required when a decision is recorded');
  if (input.decidedAt) check.notFuture('decidedAt', input.decidedAt);
  if (input.closedAt) check.notFuture('closedAt', input.closedAt);
  check.order('decidedAt', current.acceptedAt, decidedAt, 'acceptedAt');
  check.order('closedAt', decidedAt ?? current.acceptedAt, closedAt, decidedAt ? 'decidedAt' : 'acceptedAt');
  if (input.nonProsecutionKind && decision !== 'NON_PROSECUTION') {
    throw badInput('nonProsecutionKind', 'is only for the decision NON_PROSECUTION');
  }
  const kind = decision === 'NON_PROSECUTION' ? (input.nonProsecutionKind ?? current.nonProsecutionKind ?? null) : null;
  if (decision === 'NON_PROSECUTION' && !kind) {
    throw badInput('nonProsecutionKind', 'is required for NON_PROSECUTION: STATUTORY, DISCRETIONARY, EVIDENTIARY or CONDITIONAL');
  }
  let status = input.status ?? current.status;
  if (!input.status && input.closedAt) status = 'CLOSED';
  else if (!input.status && input.decision && (status === 'ACCEPTED' || status === 'UNDER_REVIEW')) status = 'DECIDED';
  if (current.type !== 'PUBLIC_INTEREST' && !(CASE_STATUSES as readonly string[]).includes(status)) {
    throw badInput('status', `${status} is not a status of a ${current.type} case: ${CASE_STATUSES.join(', ')}`);
  }
  if (status === 'CLOSED' && !closedAt) throw badInput('closedAt', 'is required to close a case');
  return definedOnly({
    title: input.title == null ? undefined : check.nonEmpty('title', input.title, 500),
    status: status === current.status ? undefined : status,
    decision: input.decision ?? undefined,
    nonProsecutionKind: input.decision || input.nonProsecutionKind ? kind : undefined,
    decidedAt: input.decidedAt ?? undefined,
    closedAt: input.closedAt ?? undefined,
    publicInterestField: input.publicInterestField == null ? undefined : publicInterestField(current.type, input.publicInterestField),
    sealed: input.sealed ?? undefined,
  });
}

type CaseMutations = Pick<MutationResolvers, 'createProcuratorateCase' | 'updateProcuratorateCase'>;

export const caseMutations: CaseMutations = {
  createProcuratorateCase: async (_, { input }, ctx) => {
    const doc = newProcuratorateCase(ctx.identity, input);
    if (doc.sourceTransferId && (await ctx.loaders.caseByTransfer.load(doc.sourceTransferId))) {
      throw conflict('a case has already been accepted from this transfer');
    }
    // Every kind of case is stored (derived fields, creation history, audit) as the public-interest workflow stores its own.
    return publicInterestCases.create(ctx, doc as Parameters<typeof publicInterestCases.create>[1]);
  },

  updateProcuratorateCase: async (_, { id, input }, { identity, loaders }) => {
    const current = await loaders.procuratorateCase.load(id);
    if (!current) throw forbidden();
    requireWriterOf(identity, current.agencyCode);
    const updated = await updateCase(identity, current, input.version, caseUpdate(current, input));
    if (input.sealed != null && input.sealed !== current.sealed) await sealLinked(current._id, updated.sealed);
    return updated;
  },
};
