import { byKey, runImport, unchangeable, type ImportSpec } from '../../../lib/import';
import { newId } from '../../../lib/mongo';
import { check } from '../../../lib/validate';
import type { HotlineTicketRow, MutationResolvers, PetitionRow } from '../__generated__/resolvers-types';
import { HotlineTicketModel, PetitionModel, type HotlineTicketDoc, type PetitionDoc } from '../models';
import { requireHotlineWriter, requirePetitionWriter } from '../policies';
import { newHotlineTicket, newPetition, openPetitionOn, type EarlierPetition } from '../registration';
import { hotlineTickets, petitions } from '../workflow';

type Repeatable = Pick<PetitionDoc, '_id' | 'petitionerId' | 'subject' | 'receivedAt'>;
const noRepeat: EarlierPetition = async () => null;

/**
 * 信访件编号 is the key (unique in the hub, whichever agency's): a new number registers the petition as createPetition
 * does (its checks and access rule, RECEIVED with its creation history and clocks), under the ledger's number; a
 * known one is that petition, left as it is. No mutation edits a petition's registration (channel, petitioner,
 * subject, summary, handling agency, dates) once made — only its steps — so import changes none of it either: a
 * row that differs is refused, naming the field. A repeat is linked as createPetition links it, to a stored open
 * petition or to an earlier row of the same batch.
 */
function petitionImport(): ImportSpec<PetitionRow, object, PetitionDoc> {
  const batch: Repeatable[] = [];
  const earlier: EarlierPetition = async (petitionerId, subject, receivedAt) => {
    const stored = await openPetitionOn(petitionerId, subject, receivedAt);
    const inBatch = batch.filter((p) => p.petitionerId === petitionerId && p.subject === subject && p.receivedAt <= receivedAt);
    return [...(stored ? [stored] : []), ...inBatch].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())[0] ?? null;
  };
  return {
    resourceType: 'PETITION',
    model: PetitionModel,
    keyField: 'number',
    existing: (_, numbers) => byKey(PetitionModel, 'number', numbers),
    build: async ({ identity }, row) => {
      const number = check.nonEmpty('number', row.number, 100);
      const fields = await newPetition(identity, row, earlier);
      const doc = petitions.prepare({ _id: newId(), number, status: 'RECEIVED' as const, ...fields, relatedCaseRefs: [] }, identity, 'imported');
      batch.push(doc);
      return doc;
    },
    changes: async ({ identity }, doc, row) => {
      requirePetitionWriter(identity, doc.handlingAgencyCode);
      unchangeable(doc, { handlingAgencyCode: row.handlingAgencyCode });
      const fields = await newPetition(identity, row, noRepeat);
      unchangeable(doc, {
        channel: fields.channel, petitionerId: fields.petitionerId, receivedAt: fields.receivedAt, subject: fields.subject, summary: fields.summary,
        procuratorateHandled: row.procuratorateHandled ?? undefined,
      });
      return {};
    },
  };
}

/**
 * 工单编号 is the key (unique in the hub): a new number registers the ticket as createHotlineTicket does (the line's
 * centre only; DISPATCHED with its creation history and clocks), under the ledger's number; a known one is that
 * ticket, left as it is — no mutation edits a ticket's registration, its steps are taken in the hub — and a row that
 * differs is refused, naming the field. The dispatch a row gives may be the current one or one the ticket was
 * returned from (退单) and re-dispatched since, as the ledger may still show it.
 */
const ticketImport: ImportSpec<HotlineTicketRow, object, HotlineTicketDoc> = {
  resourceType: 'HOTLINE_TICKET',
  model: HotlineTicketModel,
  keyField: 'number',
  existing: (_, numbers) => byKey(HotlineTicketModel, 'number', numbers),
  build: ({ identity }, row) => {
    const number = check.nonEmpty('number', row.number, 100);
    return hotlineTickets.prepare({ number, status: 'DISPATCHED' as const, ...newHotlineTicket(identity, row) }, identity, 'imported');
  },
  changes: ({ identity }, doc, row) => {
    requireHotlineWriter(identity, doc.line);
    unchangeable(doc, { line: row.line });
    const fields = newHotlineTicket(identity, row);
    const earlierDispatch = doc.returns.some((r) => r.agencyCode === fields.dispatchedToCode && r.dispatchedAt.getTime() === fields.dispatchedAt.getTime());
    unchangeable(doc, {
      callerId: fields.callerId, subject: fields.subject,
      ...(earlierDispatch ? {} : { dispatchedToCode: fields.dispatchedToCode, dispatchedAt: fields.dispatchedAt }),
    });
    return {};
  },
};

export const imports: Pick<MutationResolvers, 'importPetitions' | 'importHotlineTickets'> = {
  importPetitions: (_, { rows, dryRun }, ctx) => runImport(ctx, petitionImport(), rows, dryRun ?? false),
  importHotlineTickets: (_, { rows, dryRun }, ctx) => runImport(ctx, ticketImport, rows, dryRun ?? false),
};
