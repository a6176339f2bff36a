import type { Identity } from '../../lib/identity';
import { check } from '../../lib/validate';
import type { HotlineTicketInput, PetitionInput } from './__generated__/resolvers-types';
import { nextSeq, PetitionModel, type PetitionDoc } from './models';
import { requireHotlineWriter, requirePetitionWriter } from './policies';

// The checks and access rules of registering a petition or a hotline ticket, in one place: createPetition and
// createHotlineTicket use them, and so does the import of a 信访 or hotline ledger (resolvers/imports.ts).

/** Statuses in which a petition no longer counts as open (repeat linking skips them). */
export const CLOSED_PETITION_STATUSES: PetitionDoc['status'][] = ['NOT_ACCEPTED', 'FINAL'];

/** An earlier open petition of the same petitioner on the same subject, received no later; null when none. */
export type EarlierPetition = (petitionerId: string, subject: string, receivedAt: Date) => Promise<Pick<PetitionDoc, '_id' | 'receivedAt'> | null>;

/** The earliest open petition of the same petitioner on the same subject, received no later. */
export async function openPetitionOn(petitionerId: string, subject: string, receivedAt: Date): Promise<PetitionDoc | null> {
  return PetitionModel.findOne({ petitionerId, subject, status: { $nin: CLOSED_PETITION_STATUSES }, receivedAt: { $lte: receivedAt } })
    .sort({ receivedAt: 1, _id: 1 })
    .lean<PetitionDoc>();
}

/**
 * A new petition's fields from createPetition's input (or an imported ledger row), without its number: the checks,
 * the access rule (handling agency or 信访局), and the open petition it repeats (`earlier`, default openPetitionOn).
 */
export async function newPetition(identity: Identity, input: Omit<PetitionInput, 'relatedCases'>, earlier: EarlierPetition = openPetitionOn) {
  const handlingAgencyCode = check.agencyCode('handlingAgencyCode', input.handlingAgencyCode);
  requirePetitionWriter(identity, handlingAgencyCode);
  const petitionerId = input.petitionerId != null ? check.personId('petitionerId', input.petitionerId) : null;
  const subject = check.nonEmpty('subject', input.subject, 200);
  const summary = check.nonEmpty('summary', input.summary);
  const receivedAt = check.notFuture('receivedAt', input.receivedAt);
  const repeat = petitionerId ? await earlier(petitionerId, subject, receivedAt) : null;
  return {
    channel: input.channel, petitionerId, subject, summary, handlingAgencyCode, receivedAt,
    procuratorateHandled: input.procuratorateHandled ?? false, hearings: [], repeatOfId: repeat?._id ?? null,
  };
}

/** A new hotline ticket's fields from createHotlineTicket's input (or an imported ledger row), without its number. */
export function newHotlineTicket(identity: Identity, input: HotlineTicketInput) {
  requireHotlineWriter(identity, input.line);
  return {
    line: input.line,
    callerId: input.callerId != null ? check.personId('callerId', input.callerId) : null,
    subject: check.nonEmpty('subject', input.subject, 200),
    dispatchedToCode: check.agencyCode('dispatchedToCode', input.dispatchedToCode),
    dispatchedAt: check.notFuture('dispatchedAt', input.dispatchedAt),
    returns: [],
  };
}

/**
 * The next number of the sequence `key` that no record holds yet (`taken`): an imported ledger keeps its own
 * numbers, which may be in the hub's format (渑信访〔2025〕N号), so the hub's numbering skips those.
 */
export async function nextFreeNumber(key: string, format: (seq: number) => string, taken: (number: string) => Promise<unknown>): Promise<string> {
  for (;;) {
    const number = format(await nextSeq(key));
    if (!(await taken(number))) return number;
  }
}
