import { badInput } from '../../../lib/errors';
import { decryptPii } from '../../../lib/pii-crypto';
import { check } from '../../../lib/validate';
import type { Context } from '../context';
import type { PersonDoc } from '../models';
import type { PersonResolvers, QueryResolvers, ResourceType } from '../__generated__/resolvers-types';
import { holdingsLoader } from '../holdings';

type Pii = 'idNumber' | 'phone' | 'address';
const STORED: Record<Pii, 'idNumberEnc' | 'phoneEnc' | 'addressEnc'> = { idNumber: 'idNumberEnc', phone: 'phoneEnc', address: 'addressEnc' };

/**
 * May the caller see this person's personal data? Yes if its agency holds a record on the person
 * (sealed ones included), or if it holds a grant allowing personal data for a kind of record that
 * another agency holds on the person (never for a sealed person). Returns the grant used, if any.
 */
async function unmaskBasis(person: PersonDoc, ctx: Context): Promise<{ grantId: string | null; purpose: string | null } | null> {
  const holdings = await holdingsLoader(ctx).load(`P:${person._id}`);
  if (holdings.some((h) => h.agencyCode === ctx.identity.agency)) return { grantId: null, purpose: null };
  if (person.sealed) return null;
  for (const g of await ctx.access.activeGrants()) {
    if (!g.allowsPersonalData || g.scopeIds.length) continue;
    if (holdings.some((h) => !h.sealed && h.agencyCode === g.providerCode && g.resourceTypes.includes(h.resourceType))) {
      return { grantId: g.id, purpose: g.purpose };
    }
  }
  return null;
}

function unmasked(field: Pii) {
  return async (person: PersonDoc, _: unknown, ctx: Context): Promise<string | null> => {
    const stored = person[STORED[field]];
    if (!stored) return null;
    const basis = await unmaskBasis(person, ctx);
    await ctx.audit.record({
      action: 'UNMASK', resourceType: 'PERSON', resourceIds: [person._id], fieldsUnmasked: [field],
      outcome: basis ? 'ALLOWED' : 'DENIED', grantId: basis?.grantId ?? null, purpose: basis?.purpose ?? null,
    });
    return basis ? decryptPii(stored) : null;
  };
}

/** Person's raw personal data, each field decided and audited on its own (holds under aliases and fragments). */
export const personPii = { idNumber: unmasked('idNumber'), phone: unmasked('phone'), address: unmasked('address') };

/**
 * `discover`: which agencies hold which kinds of record on a party — never sealed records, and nothing on a
 * sealed person for an agency holding no record on it; audited.
 */
export async function discover(_: unknown, args: { personId?: string | null; creditCode?: string | null }, ctx: Context) {
  if (!args.personId === !args.creditCode) throw badInput('personId | creditCode', 'give exactly one of personId or creditCode');
  const key = args.personId ? `P:${check.personId('personId', args.personId)}` : `E:${check.creditCode('creditCode', args.creditCode!)}`;
  const all = await holdingsLoader(ctx).load(key);
  const resourceType = args.personId ? 'PERSON' : 'ENTERPRISE';
  // A sealed person is not disclosed to an agency holding no record on it: the answer for an unknown party.
  const person = args.personId ? await ctx.loaders.person.load(key.slice(2)) : null;
  if (person?.sealed && !all.some((h) => h.agencyCode === ctx.identity.agency)) {
    await ctx.audit.record({ action: 'DISCOVER', resourceType, resourceIds: [key.slice(2)], outcome: 'DENIED' });
    return [];
  }
  const holdings = all.filter((h) => !h.sealed);
  await ctx.audit.record({ action: 'DISCOVER', resourceType, resourceIds: [key.slice(2)], outcome: 'ALLOWED' });
  const sorted = holdings.sort((a, b) => a.agencyCode.localeCompare(b.agencyCode) || a.resourceType.localeCompare(b.resourceType));
  return Promise.all(
    sorted.map(async (h) => {
      const agency = await ctx.loaders.agency.load(h.agencyCode);
      if (!agency) throw new Error(`unknown agency ${h.agencyCode} in holdings`);
      return { agency, resourceType: h.resourceType as ResourceType, count: h.count };
    }),
  );
}

/** The typed maps merged into the liaison resolvers (index.ts). */
export const discoveryQuery: Pick<QueryResolvers, 'discover'> = {
  discover: (parent, args, ctx) => discover(parent, args, ctx),
};
export const personPiiResolvers: Pick<PersonResolvers, 'idNumber' | 'phone' | 'address'> = personPii;
