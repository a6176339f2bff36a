import { badInput, conflict } from '../../../lib/errors';
import type { PetitionStatus } from '../__generated__/resolvers-types';

const RANK: Record<PetitionStatus, number> = {
  RECEIVED: 0, ACCEPTED: 1, NOT_ACCEPTED: 1, HANDLING: 2, ANSWERED: 3, REVIEW: 4, RE_REVIEW: 5, FINAL: 6,
};

/** Statuses in which a petition no longer counts as open (repeat linking skips them). */
export const CLOSED_PETITION_STATUSES: PetitionStatus[] = ['NOT_ACCEPTED', 'FINAL'];

/**
 * The status after an update: the one requested (forward moves only), else the one the dates imply
 * (acceptedAt → ACCEPTED, answeredAt → ANSWERED). Checks that the dates fit the status.
 */
export function nextPetitionStatus(
  current: PetitionStatus,
  requested: PetitionStatus | null | undefined,
  acceptedAt: Date | null | undefined,
  answeredAt: Date | null | undefined,
): PetitionStatus {
  if (answeredAt && !acceptedAt) throw badInput('answeredAt', 'accept the petition first (acceptedAt)');
  if (requested && requested !== current && (RANK[requested] <= RANK[current] || current === 'NOT_ACCEPTED')) {
    throw conflict(`a ${current} petition cannot move to ${requested}`);
  }
  const implied: PetitionStatus = answeredAt ? 'ANSWERED' : acceptedAt ? 'ACCEPTED' : 'RECEIVED';
  const target = requested ?? (RANK[implied] > RANK[current] ? implied : current);
  if (target === 'NOT_ACCEPTED' && acceptedAt) throw badInput('acceptedAt', 'a petition that is not accepted has no acceptance date');
  if (target !== 'NOT_ACCEPTED' && RANK[target] >= 1 && !acceptedAt) throw badInput('acceptedAt', `is required for status ${target}`);
  if (RANK[target] >= 3 && !answeredAt) throw badInput('answeredAt', `is required for status ${target}`);
  if (RANK[target] < 3 && answeredAt) throw badInput('status', 'an answered petition is ANSWERED or later');
  return target;
}
