import type { Model, UpdateQuery } from 'mongoose';
import { requireRole, WRITER_ROLES } from '../../../lib/access';
import { badInput, conflict, forbidden, isDuplicateKey, translateWriteError } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { definedOnly, updateVersioned } from '../../../lib/versioned';
import { created, noteOf } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { EnterpriseModel, PersonModel, WorkTaskModel, type TaskProgressDoc, type WorkTaskDoc } from '../models';
import { newEnterprise, newPerson } from '../people';
import { maySeePerson, requireJointOffice } from '../policies';
import { dataRequests, workTasks } from '../workflow';
import { imports } from './imports';

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

type Creates = Pick<MutationResolvers,
  'registerPerson' | 'registerEnterprise' | 'submitDataRequest' | 'createWorkTask' | 'updateWorkTask' | 'addTaskProgress' | 'importParties'>;

/** The party index and the creation of workflow records; their steps are in dataRequestSteps.ts and workTaskSteps.ts. */
export const Mutation: Creates = {
  registerPerson: async (_, { input }, ctx) => {
    const fresh = newPerson(ctx.identity, input);
    const stored = await insertOnce(PersonModel, fresh);
    if (await maySeePerson(ctx, stored)) return stored;
    // A sealed person the caller's agency holds no record on: answer as for a new registration, from the
    // caller's own input (nothing stored changes), so neither the seal nor the stored data is disclosed.
    await ctx.audit.record({ action: 'READ', resourceType: 'PERSON', resourceIds: [stored._id], outcome: 'DENIED' });
    return { ...fresh, idNumberEnc: '', phoneEnc: null, addressEnc: null };
  },

  registerEnterprise: async (_, { input }, ctx) => insertOnce(EnterpriseModel, await newEnterprise(ctx, input)),

  /** A request by the caller's agency for another agency's data; the joint office's clock starts now. */
  submitDataRequest: async (_, { input }, ctx) => {
    const { identity } = ctx;
    requireRole(identity, ...WRITER_ROLES);
    const requesterCode = check.agencyCode('requester', identity.agency);
    const providerCode = check.agencyCode('providerCode', input.providerCode);
    if (providerCode === requesterCode) throw badInput('providerCode', 'must be another agency than yours');
    if (input.resourceTypes.length === 0) throw badInput('resourceTypes', 'name at least one kind of record');
    check.order('periodTo', input.periodFrom, input.periodTo, 'periodFrom');
    const submittedAt = new Date();
    return dataRequests.create(ctx, {
      requesterCode,
      providerCode,
      resourceTypes: [...new Set(input.resourceTypes)],
      scopeIds: [...new Set(input.scopeIds ?? [])],
      scopeFilter: noteOf(input.scopeFilter, 'scopeFilter'),
      purpose: check.nonEmpty('purpose', input.purpose, 2000),
      legalBasis: check.nonEmpty('legalBasis', input.legalBasis, 2000),
      wantsPersonalData: input.wantsPersonalData,
      catalogued: input.catalogued !== false,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      submittedAt,
      // The submission is the history's first step, at the instant the clock starts from.
      history: [{ ...created(identity, 'SUBMITTED'), at: submittedAt }],
    });
  },

  createWorkTask: async (_, { input }, ctx) => {
    const { identity, loaders } = ctx;
    requireJointOffice(identity);
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw badInput('year', 'must be a year between 2000 and 2100');
    const responsible = input.responsibleAgencyCodes.map((c) => check.agencyCode('responsibleAgencyCodes', c));
    const leadAgencyCode = check.agencyCode('leadAgencyCode', input.leadAgencyCode);
    if (input.meetingId && !(await loaders.jointMeeting.load(input.meetingId))) throw badInput('meetingId', 'is not a recorded joint meeting');
    return workTasks.create(ctx, {
      year: input.year,
      title: check.nonEmpty('title', input.title, 500),
      leadAgencyCode,
      responsibleAgencyCodes: [...new Set(responsible)],
      dueAt: input.dueAt,
      meetingId: input.meetingId ?? null,
      progress: [],
    });
  },

  /** The joint office edits a task's title and due date (its status moves by its steps only). */
  updateWorkTask: async (_, { id, input }, { identity }) => {
    requireJointOffice(identity);
    const set = definedOnly({
      title: input.title == null ? undefined : check.nonEmpty('title', input.title, 500),
      dueAt: input.dueAt ?? undefined,
    });
    return updateVersioned<WorkTaskDoc>(WorkTaskModel, id, input.version, set);
  },

  /** A progress report by the lead or a responsible unit, on a task not yet done (the task's version stays). */
  addTaskProgress: async (_, { id, text }, { identity }) => {
    requireRole(identity, ...WRITER_ROLES);
    const task = await WorkTaskModel.findById(id).lean<WorkTaskDoc>();
    if (!task || ![task.leadAgencyCode, ...task.responsibleAgencyCodes].includes(identity.agency)) {
      throw forbidden('only the lead unit or a responsible unit of this task may report progress on it');
    }
    const entry: TaskProgressDoc = { at: new Date(), agencyCode: identity.agency, actor: identity.userId, text: check.nonEmpty('text', text, 5000) };
    const updated = await WorkTaskModel.findOneAndUpdate({ _id: id, status: { $ne: 'DONE' } }, { $push: { progress: entry } }, { returnDocument: 'after' })
      .lean<WorkTaskDoc>();
    if (!updated) throw conflict('this work task is DONE; report on it no more', { currentStatus: 'DONE', allowed: [] });
    return updated;
  },

  ...imports,
};
