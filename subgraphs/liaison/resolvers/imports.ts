import { normaliseIdNumber, personPseudonym } from '../../../lib/identifiers';
import { checkRowCount, joinReports, runImport, type ImportSpec } from '../../../lib/import';
import type { Identity } from '../../../lib/identity';
import { maskIdNumber } from '../../../lib/masking';
import { check } from '../../../lib/validate';
import type { MutationResolvers, PartyRow } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { EnterpriseModel, PersonModel, type EnterpriseDoc, type PersonDoc } from '../models';
import { newEnterprise, newPerson } from '../people';
import { maySeePerson } from '../policies';

/** Parties carry no version: import never updates one (`changes` is always {}), so the engine never uses it. */
type Registered<D> = D & { version: number };

const given = (value: string | null | undefined) => (value?.trim() ? value : null);

/** Exactly one of 身份证号 and 统一社会信用代码, as the row's problem when not. */
const oneParty = (row: PartyRow) => check.oneOf({ idNumber: given(row.idNumber), creditCode: given(row.creditCode) });

/** The row as registerPerson's input, checked as registerPerson checks it (the field names the row's). */
function personOf(identity: Identity, row: PartyRow): PersonDoc {
  oneParty(row);
  return newPerson(identity, { name: row.name, idNumber: row.idNumber! });
}

/**
 * A person by 身份证号 (normalised; the internal key, never reported: the result's key is masked). A person already
 * registered is UNCHANGED, its name kept, after the row passed registerPerson's checks. A sealed person the caller
 * may not see is answered as registerPerson answers it, as a new registration from the row, and nothing is stored
 * or changed (audited READ DENIED, as there).
 */
function personImport(ctx: Context): ImportSpec<PartyRow, PersonDoc, Registered<PersonDoc>> {
  return {
    resourceType: 'PERSON',
    model: PersonModel,
    keyField: 'idNumber',
    key: (row) => (given(row.idNumber) ? normaliseIdNumber(row.idNumber!) : null),
    reportKey: maskIdNumber,
    existing: async (_, numbers) => {
      if (!numbers.length) return new Map();
      const numberOf = new Map(numbers.map((n) => [personPseudonym(n), n]));
      // Only what the access rule needs: no encrypted data is read.
      const stored = await PersonModel.find({ _id: { $in: [...numberOf.keys()] } }, { _id: 1, sealed: 1 }).lean<Registered<PersonDoc>[]>();
      return new Map(stored.map((p) => [numberOf.get(p._id)!, p]));
    },
    unseen: async (_, person) => {
      if (await maySeePerson(ctx, person)) return false;
      await ctx.audit.record({ action: 'READ', resourceType: 'PERSON', resourceIds: [person._id], outcome: 'DENIED' });
      return true;
    },
    build: ({ identity }, row) => personOf(identity, row),
    changes: ({ identity }, _, row) => {
      personOf(identity, row);
      return {};
    },
  };
}

/** An enterprise by 统一社会信用代码; one already registered is UNCHANGED, after the row passed registerEnterprise's checks. */
function enterpriseImport(ctx: Context): ImportSpec<PartyRow, EnterpriseDoc, Registered<EnterpriseDoc>> {
  const enterpriseOf = (row: PartyRow) => newEnterprise(ctx, { creditCode: row.creditCode!, name: row.name });
  return {
    resourceType: 'ENTERPRISE',
    model: EnterpriseModel,
    keyField: 'creditCode',
    key: (row) => given(row.creditCode)?.trim().toUpperCase() ?? null,
    existing: async (_, codes) => {
      if (!codes.length) return new Map();
      const stored = await EnterpriseModel.find({ _id: { $in: codes } }, { _id: 1 }).lean<Registered<EnterpriseDoc>[]>();
      return new Map(stored.map((e) => [e._id, e]));
    },
    build: (_, row) => enterpriseOf(row),
    changes: async (_, __, row) => {
      await enterpriseOf(row);
      return {};
    },
  };
}

const isEnterprise = (row: PartyRow) => !given(row.idNumber) && !!given(row.creditCode);

/**
 * importParties: the rows split between persons and enterprises (a row with neither or both goes with the persons,
 * where it is refused), each part run as its own record type, one report in the order sent. The mutation's write
 * audit names the row type (PARTY, lib/audit-writes.ts); the parties written are PERSON and ENTERPRISE events.
 */
export const imports: Pick<MutationResolvers, 'importParties'> = {
  importParties: async (_, { rows, dryRun }, ctx) => {
    checkRowCount(rows);
    const dry = dryRun ?? false;
    const at = (enterprise: boolean) => rows.flatMap((row, i) => (isEnterprise(row) === enterprise ? [i] : []));
    const [persons, enterprises] = [at(false), at(true)];
    const personReport = await runImport(ctx, personImport(ctx), persons.map((i) => rows[i]), dry, persons);
    const enterpriseReport = await runImport(ctx, enterpriseImport(ctx), enterprises.map((i) => rows[i]), dry, enterprises);
    return joinReports(dry, personReport, enterpriseReport);
  },
};
