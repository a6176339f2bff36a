import { badInput, conflict, forbidden, translateWriteError } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { updateVersioned } from '../../../lib/versioned';
import type { MutationResolvers, PetitionUpdate, RelatedCaseInput } from '../__generated__/resolvers-types';
import { DEADLINES, petitionDeadlines, yearInChina } from '../deadlines';
import { HotlineTicketModel, nextSeq, PetitionModel, type PetitionDoc, type RelatedCaseRefDoc } from '../models';
import { requireHotlineWriter, requirePetitionWriter } from './access';
import { CLOSED_PETITION_STATUSES, nextPetitionStatus } from './petitionStatus';

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Validated, de-duplicated related-case refs; `field` names the id in errors. */
function relatedRefs(cases: RelatedCaseInput[], field: string): RelatedCaseRefDoc[] {
  if (cases.length > 50) throw badInput('relatedCases', 'link at most 50 cases');
  const refs = new Map<string, RelatedCaseRefDoc>();
  for (const c of cases) {
    if (!CASE_ID.test(c.id)) throw badInput(field, `"${c.id}" is not a case id`);
    refs.set(`${c.kind}:${c.id}`, { kind: c.kind, id: c.id });
  }
  return [...refs.values()];
}

/** The earliest open petition of the same petitioner on the same subject, received no later. */
async function openPetitionOn(petitionerId: string, subject: string, receivedAt: Date): Promise<PetitionDoc | null> {
  return PetitionModel.findOne({ petitionerId, subject, status: { $nin: CLOSED_PETITION_STATUSES }, receivedAt: { $lte: receivedAt } })
    .sort({ receivedAt: 1, _id: 1 })
    .lean<PetitionDoc>();
}

/** 延期: once, 1-30 days, with a reason, while accepted and unanswered. */
function extension(current: PetitionDoc, input: PetitionUpdate, acceptedAt?: Date | null, answeredAt?: Date | null) {
  if (input.extensionDays == null && input.extensionReason == null) return {};
  if (current.extensionDays) throw conflict('the handling period can be extended only once');
  const days = input.extensionDays;
  if (days == null || !Number.isInteger(days) || days < 1 || days > DEADLINES.maxExtensionDays) {
    throw badInput('extensionDays', `must be 1 to ${DEADLINES.maxExtensionDays} days`);
  }
  const extensionReason = check.nonEmpty('extensionReason', input.extensionReason ?? '', 500);
  if (!acceptedAt || answeredAt) throw conflict('only an accepted, unanswered petition can be extended');
  return { extensionDays: days, extensionReason };
}

export const Mutation: MutationResolvers = {
  createPetition: async (_, { input }, { identity }) => {
    const handlingAgencyCode = check.agencyCode('handlingAgencyCode', input.handlingAgencyCode);
    requirePetitionWriter(identity, handlingAgencyCode);
    const petitionerId = input.petitionerId != null ? check.personId('petitionerId', input.petitionerId) : null;
    const subject = check.nonEmpty('subject', input.subject, 200);
    const summary = check.nonEmpty('summary', input.summary);
    const receivedAt = check.notFuture('receivedAt', input.receivedAt);
    const relatedCaseRefs = relatedRefs(input.relatedCases ?? [], 'relatedCases.id');
    const repeat = petitionerId ? await openPetitionOn(petitionerId, subject, receivedAt) : null;
    const year = yearInChina(receivedAt);
    const number = `渑信访〔${year}〕${await nextSeq(`petition:${year}`)}号`;
    try {
      const created = await PetitionModel.create({
        number, channel: input.channel, petitionerId, subject, summary, handlingAgencyCode, receivedAt,
        procuratorateHandled: input.procuratorateHandled ?? false, relatedCaseRefs, repeatOfId: repeat?._id ?? null,
      });
      return created.toObject();
    } catch (e) {
      translateWriteError(e);
    }
  },

  updatePetition: async (_, { id, input }, { identity, loaders }) => {
    const current = await loaders.petition.load(id);
    if (!current) throw forbidden();
    requirePetitionWriter(identity, current.handlingAgencyCode);
    const acceptedAt = input.acceptedAt ? check.notFuture('acceptedAt', input.acceptedAt) : current.acceptedAt;
    const answeredAt = input.answeredAt ? check.notFuture('answeredAt', input.answeredAt) : current.answeredAt;
    check.order('acceptedAt', current.receivedAt, acceptedAt, 'receivedAt');
    check.order('answeredAt', acceptedAt, answeredAt, 'acceptedAt');
    const ext = extension(current, input, acceptedAt, answeredAt);
    const status = nextPetitionStatus(current.status, input.status, acceptedAt, answeredAt);
    const times = { ...current, acceptedAt, answeredAt, status, extensionDays: ext.extensionDays ?? current.extensionDays };
    const set = {
      ...ext,
      acceptedAt: acceptedAt ?? null,
      answeredAt: answeredAt ?? null,
      status,
      hearingHeld: input.hearingHeld ?? current.hearingHeld,
      ...petitionDeadlines(times),
    };
    return updateVersioned<PetitionDoc>(PetitionModel, id, input.version, set);
  },

  linkRelatedCase: async (_, { id, version, kind, caseId }, { identity, loaders }) => {
    const current = await loaders.petition.load(id);
    if (!current) throw forbidden();
    requirePetitionWriter(identity, current.handlingAgencyCode);
    const [ref] = relatedRefs([{ kind, id: caseId }], 'caseId');
    if (current.relatedCaseRefs.some((r) => r.kind === ref.kind && r.id === ref.id)) throw conflict('this case is already linked');
    return updateVersioned<PetitionDoc>(PetitionModel, id, version, { relatedCaseRefs: [...current.relatedCaseRefs, ref] });
  },

  createHotlineTicket: async (_, { input }, { identity }) => {
    requireHotlineWriter(identity, input.line);
    const doc = {
      line: input.line,
      callerId: input.callerId != null ? check.personId('callerId', input.callerId) : null,
      subject: check.nonEmpty('subject', input.subject, 200),
      dispatchedToCode: check.agencyCode('dispatchedToCode', input.dispatchedToCode),
      dispatchedAt: check.notFuture('dispatchedAt', input.dispatchedAt),
    };
    const year = yearInChina(doc.dispatchedAt);
    const seq = await nextSeq(`hotline:${input.line}:${year}`);
    try {
      const created = await HotlineTicketModel.create({ ...doc, number: `${input.line.slice(1)}-${year}-${String(seq).padStart(6, '0')}` });
      return created.toObject();
    } catch (e) {
      translateWriteError(e);
    }
  },
};
