import { badInput, notFound } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { entityKey } from '../../../lib/federation';
import type { AgencyResolvers } from '../__generated__/resolvers-types';
import type { Loaders } from '../loaders';
import type { AgencyDoc } from '../models';

/** The agency of a code stored on a record (codes are validated on write, so a miss is a sync fault). */
export async function agencyOf(loaders: Loaders, code: string): Promise<AgencyDoc> {
  const agency = await loaders.agency.load(code);
  if (!agency) throw notFound('Agency', code);
  return agency;
}

export const Agency: AgencyResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.agency.load(entityKey(ref, 'code')),
  code: (a) => a._id,
  parent: (a, _, { loaders }) => (a.parentCode ? loaders.agency.load(a.parentCode) : null),
};

/** The agencies of codes stored on a record, in order. */
export function agenciesOf(loaders: Loaders, codes: readonly string[]): Promise<AgencyDoc[]> {
  return Promise.all(codes.map((c) => agencyOf(loaders, c)));
}

/** Validated, deduplicated agency codes of an input; at least one. */
export function agencyCodes(field: string, codes: readonly string[]): string[] {
  if (codes.length === 0) throw badInput(field, 'name at least one member agency');
  return [...new Set(codes.map((c) => check.agencyCode(field, c)))];
}
