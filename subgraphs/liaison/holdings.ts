import DataLoader from 'dataloader';
import { SUBGRAPHS, type SubgraphName } from '../../lib/config';
import type { Holding } from '../../lib/holdings';
import { callSubgraph } from '../../lib/internal-client';
import type { Context } from './context';

// The joint office holds no records on parties itself: it asks the other subgraphs (their holdings.ts) what
// they hold, for discovery, unmasking and sealed persons (policies.ts).

const HOLDERS = SUBGRAPHS.filter((n): n is Exclude<SubgraphName, 'liaison'> => n !== 'liaison');
const QUERY = `query($p: [ID!]!, $c: [ID!]!) { partyHoldings(personIds: $p, creditCodes: $c) { partyId agencyCode resourceType count sealed } }`;

/** Asks every other subgraph, in one call each, what it holds on these parties. */
async function fanOut(personIds: string[], creditCodes: string[], requestId: string): Promise<Holding[]> {
  const answers = await Promise.all(
    HOLDERS.map((name) => callSubgraph<{ partyHoldings: Holding[] }>(name, 'liaison', QUERY, { p: personIds, c: creditCodes }, requestId)),
  );
  return answers.flatMap((a) => a.partyHoldings);
}

const perRequest = new WeakMap<object, DataLoader<string, Holding[]>>();

/** Holdings per party key (`P:<personId>` or `E:<creditCode>`), batched: one fan-out per request. */
export function holdingsLoader(ctx: Context): DataLoader<string, Holding[]> {
  let loader = perRequest.get(ctx);
  if (!loader) {
    loader = new DataLoader<string, Holding[]>(async (keys) => {
      const personIds = keys.filter((k) => k.startsWith('P:')).map((k) => k.slice(2));
      const creditCodes = keys.filter((k) => k.startsWith('E:')).map((k) => k.slice(2));
      const all = await fanOut(personIds, creditCodes, ctx.requestId);
      return keys.map((k) => all.filter((h) => h.partyId === k.slice(2)));
    });
    perRequest.set(ctx, loader);
  }
  return loader;
}
