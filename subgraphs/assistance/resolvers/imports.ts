import { GraphQLError } from 'graphql';
import { badInput } from '../../../lib/errors';
import { byKey, differing, requireOwnRecord, runImport, unchangeable, type ImportSpec } from '../../../lib/import';
import type { MutationResolvers, RescueApplicationInput, RescueApplicationRow } from '../__generated__/resolvers-types';
import { applicationDetails, caseApplicantTaken, newApplication, requireUndecided } from '../applications';
import { caseApplicantKey, EXCLUSIONS, RescueApplicationModel, type RescueApplicationDoc } from '../models';
import { applicationDerived, applications } from '../workflow';

/** The input fields whose checks name them, by the row column that carries them. */
const COLUMNS: Record<string, string> = {
  overCapApproval: 'overCapApprover',
  'overCapApproval.approver': 'overCapApprover',
  'overCapApproval.reason': 'overCapReason',
  exclusionChecks: 'exclusionsApplying',
};

/** Runs a check of the mutations' input, a problem named by the row's column (overCapReason, not overCapApproval.reason). */
function inRowTerms<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    const field = e instanceof GraphQLError ? e.extensions?.field : undefined;
    if (typeof field !== 'string' || !COLUMNS[field]) throw e;
    throw badInput(COLUMNS[field], String(e instanceof GraphQLError ? (e.extensions?.reason ?? e.message) : ''));
  }
}

/**
 * createRescueApplication's input from a row: all six exclusions checked, those listed applying; a note already
 * recorded in the hub on an exclusion is kept while its result is the same.
 */
function inputOf(row: RescueApplicationRow, stored?: RescueApplicationDoc): RescueApplicationInput {
  const applying = new Set(row.exclusionsApplying ?? []);
  const given = row.overCapApprover != null || row.overCapReason != null;
  return {
    agencyCode: row.agencyCode,
    number: row.number,
    applicantId: row.applicantId,
    procuratorateCaseId: row.procuratorateCaseId,
    situation: row.situation,
    exclusionChecks: EXCLUSIONS.map((exclusion) => {
      const applies = applying.has(exclusion);
      const before = stored?.exclusionChecks.find((c) => c.exclusion === exclusion);
      return { exclusion, applies, note: before?.applies === applies ? before.note : null };
    }),
    groups: row.groups,
    months: row.months,
    overCapApproval: given ? { approver: row.overCapApprover ?? '', reason: row.overCapReason ?? '' } : null,
    appliedAt: row.appliedAt,
  };
}

/**
 * 救助文号 is the key: a new number creates an APPLIED application as createRescueApplication does (its checks, one
 * application per case and person, its creation history and derived keys); a known one updates what
 * updateRescueApplication may change (situation, groups, exclusion checks, months, over-cap approval), only before
 * the decision. `rows` are the batch's: the (case, applicant) pairs they name are looked up once, with the numbers.
 */
function applicationImport(rows: readonly RescueApplicationRow[]): ImportSpec<RescueApplicationRow, object, RescueApplicationDoc> {
  /** The application of each (case, applicant) pair: stored, or created by an earlier row of this batch (its index). */
  let taken = new Map<string, Pick<RescueApplicationDoc, 'status'> | number>();
  return {
    resourceType: 'RESCUE_APPLICATION',
    model: RescueApplicationModel,
    keyField: 'number',
    existing: async (_, numbers) => {
      const pairs = rows.filter((r) => r.procuratorateCaseId?.trim()).map((r) => `${r.procuratorateCaseId!.trim()}|${r.applicantId}`);
      const stored = pairs.length
        ? await RescueApplicationModel.find({ caseApplicantKey: { $in: pairs } }, { caseApplicantKey: 1, status: 1 }).lean<Pick<RescueApplicationDoc, 'caseApplicantKey' | 'status'>[]>()
        : [];
      taken = new Map(stored.map((a) => [a.caseApplicantKey, a]));
      return byKey(RescueApplicationModel, 'number', numbers);
    },
    build: ({ identity }, row) => {
      const fields = inRowTerms(() => newApplication(identity, inputOf(row)));
      const pair = caseApplicantKey(fields);
      const clash = taken.get(pair);
      if (typeof clash === 'number') {
        throw badInput('applicantId', `the same applicant and procuratorateCaseId as row ${clash + 1} of this batch: one application per case and person`);
      }
      if (clash) throw caseApplicantTaken(clash, { field: 'applicantId' });
      taken.set(pair, rows.indexOf(row));
      return applications.prepare(fields, identity, 'imported');
    },
    changes: ({ identity }, doc, row) => {
      requireOwnRecord(identity, doc.agencyCode, row.agencyCode, 'number', 'an application');
      // The row is checked as a new application would be, and compared as stored.
      const fields = inRowTerms(() => newApplication(identity, inputOf(row, doc)));
      unchangeable(doc, { applicantId: fields.applicantId, procuratorateCaseId: fields.procuratorateCaseId, appliedAt: fields.appliedAt });
      const { situation, groups, exclusionChecks, months, overCapApproval } = fields;
      const set = differing(doc, inRowTerms(() => applicationDetails(doc, { situation, groups, exclusionChecks, months, overCapApproval })));
      if (!Object.keys(set).length) return {};
      requireUndecided(doc);
      return differing(doc, { ...set, ...applicationDerived({ ...doc, ...set }) });
    },
  };
}

export const imports: Pick<MutationResolvers, 'importRescueApplications'> = {
  importRescueApplications: (_, { rows, dryRun }, ctx) => runImport(ctx, applicationImport(rows), rows, dryRun ?? false),
};
