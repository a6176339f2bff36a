import { parse } from 'graphql';
import type { Model } from 'mongoose';
import { requireRole } from './access';
import type { Identity } from './identity';

/**
 * Where a subgraph keeps records about parties, so the joint office can tell a caller which agencies
 * hold which kinds of record on a person or enterprise (discovery) and whether the caller may see the
 * person's unmasked data. Declared once per subgraph; served as the internal `partyHoldings` query.
 */
export interface HoldingSource {
  resourceType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model
  model: Model<any>;
  /** Field holding the owner agency code. */
  owner: string;
  /** Fields holding Person ids (string or array of strings). */
  personFields?: readonly string[];
  /** Fields holding credit codes. */
  creditFields?: readonly string[];
  /** Boolean field marking sealed juvenile records. */
  sealed?: string;
}

export interface Holding {
  partyId: string;
  agencyCode: string;
  resourceType: string;
  count: number;
  sealed: boolean;
}

/** Internal API added by lib to every subgraph with holdings; not part of the public supergraph. */
export const holdingsTypeDefs = parse(`
  type Holding { partyId: ID! agencyCode: String! resourceType: String! count: Int! sealed: Boolean! }
  extend type Query { partyHoldings(personIds: [ID!]!, creditCodes: [ID!]!): [Holding!]! }
`);

async function countHoldings(sources: readonly HoldingSource[], personIds: string[], creditCodes: string[]): Promise<Holding[]> {
  const counts = new Map<string, Holding>();
  const scans = sources.flatMap((s) => [
    ...(s.personFields ?? []).map((f) => ({ s, f, ids: personIds })),
    ...(s.creditFields ?? []).map((f) => ({ s, f, ids: creditCodes })),
  ]);
  await Promise.all(
    scans
      .filter(({ ids }) => ids.length > 0)
      .map(async ({ s, f, ids }) => {
        const projection = { [s.owner]: 1, [f]: 1, ...(s.sealed ? { [s.sealed]: 1 } : {}) };
        const docs = (await s.model.find({ [f]: { $in: ids } }, projection).lean()) as Record<string, unknown>[];
        for (const d of docs) {
          const parties = [d[f]].flat().filter((p): p is string => typeof p === 'string' && ids.includes(p));
          const sealed = s.sealed ? d[s.sealed] === true : false;
          for (const partyId of new Set(parties)) {
            const key = `${partyId}|${d[s.owner]}|${s.resourceType}|${sealed}`;
            const h = counts.get(key) ?? { partyId, agencyCode: String(d[s.owner]), resourceType: s.resourceType, count: 0, sealed };
            h.count += 1;
            counts.set(key, h);
          }
        }
      }),
  );
  return [...counts.values()];
}

/** Resolvers of `partyHoldings`: services only (the joint office asks; users use `discover`). */
export function holdingsResolvers(sources: readonly HoldingSource[]) {
  return {
    Query: {
      partyHoldings: (_: unknown, args: { personIds: string[]; creditCodes: string[] }, ctx: { identity: Identity }) => {
        requireRole(ctx.identity, 'service');
        return countHoldings(sources, args.personIds.slice(0, 500), args.creditCodes.slice(0, 500));
      },
    },
  };
}
