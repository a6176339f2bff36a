import { agencyByCode } from '../../../lib/agencies';
import { requireWriterOf } from '../../../lib/access';
import { badInput, forbidden } from '../../../lib/errors';
import { byKey, differing, requireOwnRecord, runImport, unchangeable, type ImportSpec } from '../../../lib/import';
import { check } from '../../../lib/validate';
import type { CriminalTransferRow, EnforcementCaseRow, MutationResolvers } from '../__generated__/resolvers-types';
import { caseDecision, newCase } from '../cases';
import type { Context } from '../context';
import { CriminalTransferModel, EnforcementCaseModel, type CriminalTransferDoc, type EnforcementCaseDoc } from '../models';
import { transfers } from '../workflow';

const decisionOf = (row: EnforcementCaseRow) => ({
  facts: row.facts,
  penalty: row.penaltyType ? { type: row.penaltyType, amount: row.penaltyAmount ?? null } : undefined,
  decidedAt: row.decidedAt,
  closedAt: row.closedAt,
});

/** 案号 is the key: a new number creates the case (decided or closed as the ledger says); a known one updates its decision. */
const caseImport: ImportSpec<EnforcementCaseRow, object, EnforcementCaseDoc> = {
  resourceType: 'ENFORCEMENT_CASE',
  model: EnforcementCaseModel,
  keyField: 'caseNumber',
  existing: (_, keys) => byKey(EnforcementCaseModel, 'caseNumber', keys),
  build: ({ identity }, row) => {
    const fields = newCase(identity, row);
    return { ...fields, status: 'INVESTIGATING', ...caseDecision({ ...fields, status: 'INVESTIGATING' }, decisionOf(row)) };
  },
  changes: ({ identity }, doc, row) => {
    requireOwnRecord(identity, doc.agencyCode, row.agencyCode, 'caseNumber', 'a case');
    unchangeable(doc, { field: row.field, personId: row.personId ?? null, creditCode: row.creditCode ?? null, filedAt: row.filedAt });
    return differing(doc, caseDecision(doc, decisionOf(row)));
  },
};

/** The case's 案号 is the key (one transfer per case): a transfer already reported is unchanged; its steps are taken in the hub. */
function transferImport(ctx: Context): ImportSpec<CriminalTransferRow, object, CriminalTransferDoc & { caseNumber?: string }> {
  const casesByNumber = (numbers: string[]) => byKey<EnforcementCaseDoc>(EnforcementCaseModel, 'caseNumber', numbers);
  let cases = new Map<string, EnforcementCaseDoc>();
  return {
    resourceType: 'CRIMINAL_TRANSFER',
    model: CriminalTransferModel,
    keyField: 'caseNumber',
    existing: async (_, numbers) => {
      cases = await casesByNumber(numbers);
      const reported = await CriminalTransferModel.find({ enforcementCaseId: { $in: [...cases.values()].map((c) => c._id) } }).lean<CriminalTransferDoc[]>();
      const numberOf = new Map([...cases.values()].map((c) => [c._id, c.caseNumber]));
      return new Map(reported.map((t) => [numberOf.get(t.enforcementCaseId)!, t]));
    },
    build: ({ identity }, row) => {
      const enforcementCase = cases.get(row.caseNumber.trim());
      if (!enforcementCase) throw badInput('caseNumber', 'is not the number of an enforcement case in the hub; import the case first');
      if (enforcementCase.agencyCode !== identity.agency) throw forbidden('the case belongs to another agency: only its agency reports it for transfer');
      requireWriterOf(identity, enforcementCase.agencyCode);
      check.agencyCode('policeAgencyCode', row.policeAgencyCode);
      if (agencyByCode(row.policeAgencyCode)?.type !== 'PUBLIC_SECURITY') throw badInput('policeAgencyCode', 'must be a public security (公安) agency');
      check.order('reportedAt', enforcementCase.filedAt, row.reportedAt, 'the case filedAt');
      return transfers.prepare({
        enforcementCaseId: enforcementCase._id,
        agencyCode: enforcementCase.agencyCode,
        policeAgencyCode: row.policeAgencyCode,
        suspectedCharge: check.nonEmpty('suspectedCharge', row.suspectedCharge, 200),
        reportedAt: check.notFuture('reportedAt', row.reportedAt),
        status: 'REPORTED',
      }, identity, 'imported');
    },
    changes: ({ identity }, doc) => {
      requireWriterOf(identity, doc.agencyCode);
      return {};
    },
  };
}

export const imports: Pick<MutationResolvers, 'importEnforcementCases' | 'importCriminalTransfers'> = {
  importEnforcementCases: (_, { rows, dryRun }, ctx) => runImport(ctx, caseImport, rows, dryRun ?? false),
  importCriminalTransfers: (_, { rows, dryRun }, ctx) => runImport(ctx, transferImport(ctx), rows, dryRun ?? false),
};
