import { requireWriterOf } from '../../lib/access';
import { badInput } from '../../lib/errors';
import type { Identity } from '../../lib/identity';
import { check } from '../../lib/validate';
import { definedOnly } from '../../lib/versioned';
import type { EnforcementCaseInput, PenaltyInput } from './__generated__/resolvers-types';
import type { EnforcementCaseDoc } from './models';

/** A new case from createEnforcementCase's input (or an imported ledger row): its checks and access rule, in one place. */
export function newCase(identity: Identity, input: EnforcementCaseInput) {
  const agencyCode = check.agencyCode('agencyCode', input.agencyCode ?? identity.agency);
  requireWriterOf(identity, agencyCode);
  check.oneOf({ personId: input.personId, creditCode: input.creditCode });
  return {
    agencyCode,
    caseNumber: check.nonEmpty('caseNumber', input.caseNumber, 100),
    field: input.field,
    personId: input.personId ? check.personId('personId', input.personId) : null,
    creditCode: input.creditCode ? check.creditCode('creditCode', input.creditCode) : null,
    facts: check.nonEmpty('facts', input.facts),
    filedAt: check.notFuture('filedAt', input.filedAt),
  };
}

export interface CaseDecision {
  facts?: string | null;
  penalty?: PenaltyInput | null;
  decidedAt?: Date | null;
  closedAt?: Date | null;
}

type Current = Pick<EnforcementCaseDoc, 'filedAt' | 'status'> & Partial<Pick<EnforcementCaseDoc, 'decidedAt' | 'closedAt'>>;

/**
 * The fields updateEnforcementCase sets (or an imported row's decision): dates in order, a penalty only once
 * decided, and the status that follows (a closing date closes the case, a decision date decides it).
 */
export function caseDecision(current: Current, input: CaseDecision): Partial<EnforcementCaseDoc> {
  const decidedAt = input.decidedAt ?? current.decidedAt;
  const closedAt = input.closedAt ?? current.closedAt;
  check.order('decidedAt', current.filedAt, decidedAt, 'filedAt');
  check.order('closedAt', decidedAt ?? current.filedAt, closedAt, decidedAt ? 'decidedAt' : 'filedAt');
  if (input.penalty?.amount != null && input.penalty.amount < 0) throw badInput('penalty.amount', 'must not be negative');
  if (input.penalty && !decidedAt) throw badInput('decidedAt', 'is required when a penalty is recorded');
  return definedOnly({
    facts: input.facts == null ? undefined : check.nonEmpty('facts', input.facts),
    penalty: input.penalty ?? undefined,
    decidedAt: input.decidedAt ?? undefined,
    closedAt: input.closedAt ?? undefined,
    status: closedAt ? 'CLOSED' : decidedAt && current.status === 'INVESTIGATING' ? 'DECIDED' : undefined,
  });
}
