import { badInput, conflict, forbidden } from '../../../lib/errors';
import { chinaYear } from '../../../lib/calendar';
import { updateVersioned } from '../../../lib/versioned';
import type { MutationResolvers, RelatedCaseInput } from '../__generated__/resolvers-types';
import { HotlineTicketModel, PetitionModel, type PetitionDoc, type RelatedCaseRefDoc } from '../models';
import { requirePetitionWriter } from '../policies';
import { newHotlineTicket, newPetition, nextFreeNumber } from '../registration';
import { hotlineTickets, petitions } from '../workflow';
import { imports } from './imports';

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

type Writes = Pick<MutationResolvers, 'createPetition' | 'linkRelatedCase' | 'createHotlineTicket' | 'importPetitions' | 'importHotlineTickets'>;

/** Creates and updates that are not workflow steps (those are in petitionSteps.ts and ticketSteps.ts). */
export const Mutation: Writes = {
  createPetition: async (_, { input }, ctx) => {
    const fields = await newPetition(ctx.identity, input);
    const relatedCaseRefs = relatedRefs(input.relatedCases ?? [], 'relatedCases.id');
    const year = chinaYear(fields.receivedAt);
    const number = await nextFreeNumber(`petition:${year}`, (seq) => `渑信访〔${year}〕${seq}号`, (n) => PetitionModel.exists({ number: n }));
    return petitions.create(ctx, { ...fields, number, relatedCaseRefs });
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
    const doc = newHotlineTicket(ctx.identity, input);
    const year = chinaYear(doc.dispatchedAt);
    const number = await nextFreeNumber(
      `hotline:${input.line}:${year}`, (seq) => `${input.line.slice(1)}-${year}-${String(seq).padStart(6, '0')}`, (n) => HotlineTicketModel.exists({ number: n }),
    );
    return hotlineTickets.create(ctx, { ...doc, number });
  },

  ...imports,
};
