import { badInput, conflict, forbidden } from '../../../lib/errors';
import { chinaYear } from '../../../lib/calendar';
import { check } from '../../../lib/validate';
import { updateVersioned } from '../../../lib/versioned';
import type { MutationResolvers, RelatedCaseInput } from '../__generated__/resolvers-types';
import { nextSeq, PetitionModel, type PetitionDoc, type RelatedCaseRefDoc } from '../models';
import { requireHotlineWriter, requirePetitionWriter } from '../policies';
import { hotlineTickets, petitions } from '../workflow';

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Statuses in which a petition no longer counts as open (repeat linking skips them). */
export const CLOSED_PETITION_STATUSES: PetitionDoc['status'][] = ['NOT_ACCEPTED', 'FINAL'];

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

type Writes = Pick<MutationResolvers, 'createPetition' | 'linkRelatedCase' | 'createHotlineTicket'>;

/** Creates and updates that are not workflow steps (those are in petitionSteps.ts and ticketSteps.ts). */
export const Mutation: Writes = {
  createPetition: async (_, { input }, ctx) => {
    const { identity } = ctx;
    const handlingAgencyCode = check.agencyCode('handlingAgencyCode', input.handlingAgencyCode);
    requirePetitionWriter(identity, handlingAgencyCode);
    const petitionerId = input.petitionerId != null ? check.personId('petitionerId', input.petitionerId) : null;
    const subject = check.nonEmpty('subject', input.subject, 200);
    const summary = check.nonEmpty('summary', input.summary);
    const receivedAt = check.notFuture('receivedAt', input.receivedAt);
    const relatedCaseRefs = relatedRefs(input.relatedCases ?? [], 'relatedCases.id');
    const repeat = petitionerId ? await openPetitionOn(petitionerId, subject, receivedAt) : null;
    const year = chinaYear(receivedAt);
    const number = `渑信访〔${year}〕${await nextSeq(`petition:${year}`)}号`;
    return petitions.create(ctx, {
      number, channel: input.channel, petitionerId, subject, summary, handlingAgencyCode, receivedAt,
      procuratorateHandled: input.procuratorateHandled ?? false, hearings: [], relatedCaseRefs, repeatOfId: repeat?._id ?? null,
    });
  },

  linkRelatedCase: async (_, { id, version, kind, caseId }, { identity, loaders }) => {
    const current = await loaders.petition.load(id);
    if (!current) throw forbidden();
    requirePetitionWriter(identity, current.handlingAgencyCode);
    const [ref] = relatedRefs([{ kind, id: caseId }], 'caseId');
    if (current.relatedCaseRefs.some((r) => r.kind === ref.kind && r.id === ref.id)) throw conflict('this case is already linked');
    return updateVersioned<PetitionDoc>(PetitionModel, id, version, { relatedCaseRefs: [...current.relatedCaseRefs, ref] });
  },

  createHotlineTicket: async (_, { input }, ctx) => {
    requireHotlineWriter(ctx.identity, input.line);
    const doc = {
      line: input.line,
      callerId: input.callerId != null ? check.personId('callerId', input.callerId) : null,
      subject: check.nonEmpty('subject', input.subject, 200),
      dispatchedToCode: check.agencyCode('dispatchedToCode', input.dispatchedToCode),
      dispatchedAt: check.notFuture('dispatchedAt', input.dispatchedAt),
    };
    const year = chinaYear(doc.dispatchedAt);
    const seq = await nextSeq(`hotline:${input.line}:${year}`);
    return hotlineTickets.create(ctx, { ...doc, number: `${input.line.slice(1)}-${year}-${String(seq).padStart(6, '0')}`, returns: [] });
  },
};
