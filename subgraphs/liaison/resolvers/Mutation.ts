import type { Model, UpdateQuery } from 'mongoose';
import { requireRole, WRITER_ROLES } from '../../../lib/authz';
import { badInput, translateWriteError } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { definedOnly, updateVersioned } from '../../../lib/versioned';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { DataRequestModel, EnterpriseModel, PersonModel, WorkTaskModel, type DataRequestDoc, type WorkTaskDoc } from '../models';
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
    if ((e as { code?: number }).code === 11000) return (await model.findById(_id).lean<T>())!; // lost a race: same record
    translateWriteError(e);
  }
}

export const Mutation: MutationResolvers = {
  registerPerson: async (_, { input }, { identity }) => {
    requireRole(identity, ...WRITER_ROLES);
    return insertOnce(PersonModel, personFromInput(input));
  },

  registerEnterprise: async (_, { input }, { identity, loaders }) => {
    requireRole(identity, ...WRITER_ROLES);
    const creditCode = check.creditCode('creditCode', input.creditCode);
    const legalRepresentativeId = input.legalRepresentativeId ? check.personId('legalRepresentativeId', input.legalRepresentativeId) : null;
    if (legalRepresentativeId && !(await loaders.person.load(legalRepresentativeId))) {
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

  submitDataRequest: async (_, { input }, { identity }) => {
    requireRole(identity, ...WRITER_ROLES);
    const requesterCode = check.agencyCode('requester', identity.agency);
    const providerCode = check.agencyCode('providerCode', input.providerCode);
    if (providerCode === requesterCode) throw badInput('providerCode', 'must be another agency than yours');
    if (input.resourceTypes.length === 0) throw badInput('resourceTypes', 'name at least one kind of record');
    check.order('periodTo', input.periodFrom, input.periodTo, 'periodFrom');
    try {
      const created = await DataRequestModel.create({
        requesterCode,
        providerCode,
        resourceTypes: [...new Set(input.resourceTypes)],
        scopeIds: [...new Set(input.scopeIds ?? [])],
        scopeFilter: optional('scopeFilter', input.scopeFilter, 2000),
        purpose: check.nonEmpty('purpose', input.purpose, 2000),
        legalBasis: check.nonEmpty('legalBasis', input.legalBasis, 2000),
        wantsPersonalData: input.wantsPersonalData,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        status: 'SUBMITTED',
        submittedAt: new Date(),
      });
      return created.toObject() as DataRequestDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },

  createWorkTask: async (_, { input }, { identity }) => {
    requireRole(identity, 'liaison_admin');
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw badInput('year', 'must be a year between 2000 and 2100');
    const responsible = input.responsibleAgencyCodes.map((c) => check.agencyCode('responsibleAgencyCodes', c));
    try {
      const created = await WorkTaskModel.create({
        year: input.year,
        title: check.nonEmpty('title', input.title, 500),
        leadAgencyCode: check.agencyCode('leadAgencyCode', input.leadAgencyCode),
        responsibleAgencyCodes: [...new Set(responsible)],
        dueAt: input.dueAt,
      });
      return created.toObject() as WorkTaskDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },

  updateWorkTask: async (_, { id, input }, { identity }) => {
    requireRole(identity, 'liaison_admin');
    const set = definedOnly({
      title: input.title == null ? undefined : check.nonEmpty('title', input.title, 500),
      dueAt: input.dueAt ?? undefined,
      status: input.status ?? undefined,
    });
    return updateVersioned<WorkTaskDoc>(WorkTaskModel, id, input.version, set);
  },
};
