import { byKey, differing, requireOwnRecord, runImport, unchangeable, type ImportSpec } from '../../../lib/import';
import type { MutationResolvers, ProcuratorateCaseRow } from '../__generated__/resolvers-types';
import { ProcuratorateCaseModel, type ProcuratorateCaseDoc } from '../models';
import { publicInterestCases, type PublicInterestCaseDoc } from '../workflow';
import { caseUpdate, newProcuratorateCase, sealLinked } from './caseMutations';

type NewCase = Parameters<typeof publicInterestCases.prepare>[0];

const sorted = (ids: readonly string[] | null | undefined) => [...(ids ?? [])].sort();

/**
 * 案号 is the key: a new number creates the case as createProcuratorateCase does (a public-interest case as a CLUE, any
 * other ACCEPTED, with its creation history); a known one updates what updateProcuratorateCase may change that a ledger
 * carries (title, public-interest field, sealing). Sealing or unsealing a case seals its suggestions and reverse
 * referrals with it, as the update does, once the import has written it.
 */
function caseImport(sealing: Map<string, boolean>): ImportSpec<ProcuratorateCaseRow, NewCase, ProcuratorateCaseDoc> {
  return {
    resourceType: 'PROCURATORATE_CASE',
    model: ProcuratorateCaseModel,
    keyField: 'caseNumber',
    existing: (_, keys) => byKey(ProcuratorateCaseModel, 'caseNumber', keys),
    build: ({ identity }, row) => publicInterestCases.prepare(newProcuratorateCase(identity, row) as NewCase, identity, 'imported'),
    changes: ({ identity }, doc, row) => {
      requireOwnRecord(identity, doc.agencyCode, row.agencyCode, 'caseNumber', 'a case');
      // The row is checked as a new case would be, and compared as stored (trimmed, distinct, codes upper-case).
      const fields = newProcuratorateCase(identity, row);
      const lists = { personIds: sorted(doc.personIds), victimIds: sorted(doc.victimIds), creditCodes: sorted(doc.creditCodes) };
      unchangeable({ ...doc, ...lists }, {
        type: fields.type, acceptedAt: fields.acceptedAt,
        personIds: sorted(fields.personIds), victimIds: sorted(fields.victimIds), creditCodes: sorted(fields.creditCodes),
      });
      const set = differing(doc, caseUpdate(doc, { title: fields.title, publicInterestField: row.publicInterestField, sealed: row.sealed }));
      if (!Object.keys(set).length) return {};
      if (set.sealed !== undefined) sealing.set(doc._id, set.sealed as boolean);
      return differing(doc, { ...set, ...publicInterestCases.definition.derive?.({ ...doc, ...set } as PublicInterestCaseDoc) });
    },
  };
}

export const imports: Pick<MutationResolvers, 'importProcuratorateCases'> = {
  importProcuratorateCases: async (_, { rows, dryRun }, ctx) => {
    const sealing = new Map<string, boolean>();
    const report = await runImport(ctx, caseImport(sealing), rows, dryRun ?? false);
    if (!report.dryRun) {
      const sealed = report.rows.filter((r) => r.outcome === 'UPDATED' && r.id && sealing.has(r.id));
      for (const r of sealed) await sealLinked(r.id!, sealing.get(r.id!)!);
    }
    return report;
  },
};
