import type { Model, UpdateQuery } from 'mongoose';
import { requireRole, WRITER_ROLES } from '../../../lib/authz';
import { badInput, isDuplicateKey, translateWriteError } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { maySeePerson } from '../access';
import { EnterpriseModel, PersonModel } from '../models';
import { personFromInput } from '../people';

const optional = (field: string, value: string | null | undefined, max: number) =>
  value?.trim() ? check.nonEmpty(field, value, max) : null;

/** Inserts `doc` unless a record with its `_id` exists; either way returns the stored record, unchanged. */
async function insertOnce<T extends { _id: string }>(model: Model<T>, doc: T): Promise<T> {
  const { _id, ...fields } = doc;
  try {
    const stored = await model
      .findByIdAndUpdate(_id, { $setOnInsert: fields } as UpdateQuery<T>, { upsert: true, returnDocument: 'after', runValidators: true })
      .lean<T>();
    return stored!;
  } catch (e) {
    if (isDuplicateKey(e)) return (await model.findById(_id).lean<T>())!; // lost a race: same record
    translateWriteError(e);
  }
}

export const Mutation: MutationResolvers = {
  registerPerson: async (_, { input }, ctx) => {
    requireRole(ctx.identity, ...WRITER_ROLES);
    const fresh = personFromInput(input);
    const stored = await insertOnce(PersonModel, fresh);
    if (await maySeePerson(ctx, stored)) return stored;
    // A sealed person the caller's agency holds no record on: answer as for a new registration, from the
    // caller's own input (nothing stored changes), so neither the seal nor the stored data is disclosed.
    await ctx.audit.record({ action: 'READ', resourceType: 'PERSON', resourceIds: [stored._id], outcome: 'DENIED' });
    return { ...fresh, idNumberEnc: '', phoneEnc: null, addressEnc: null };
  },

  registerEnterprise: async (_, { input }, ctx) => {
    const { identity, loaders } = ctx;
    requireRole(identity, ...WRITER_ROLES);
    const creditCode = check.creditCode('creditCode', input.creditCode);
    const legalRepresentativeId = input.legalRepresentativeId ? check.personId('legalRepresentativeId', input.legalRepresentativeId) : null;
    const representative = legalRepresentativeId ? await loaders.person.load(legalRepresentativeId) : null;
    // A sealed person the caller may not see is answered like one that is not registered.
    if (legalRepresentativeId && !(representative && (await maySeePerson(ctx, representative)))) {
      throw badInput('legalRepresentativeId', 'is not a registered person; register the person first');
    }
    return insertOnce(EnterpriseModel, {
      _id: creditCode,
      name: check.nonEmpty('name', input.name, 200),
      legalRepresentativeId,
      address: optional('address', input.address, 500),
      industry: optional('industry', input.industry, 100),
    });
  },
};
