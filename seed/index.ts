import { SUBGRAPHS } from '../lib/config';
import { subgraphDatabase, syncIndexes } from '../lib/mongo';
import { EnforcementCaseModel } from '../subgraphs/enforcement/models';
import { seedAssistance } from './assistance';
import { seedEnforcement } from './enforcement';
import { seedLiaison, seedLiaisonWorkflows } from './liaison';
import { generateEnterprises, generatePeople } from './parties';
import { seedPetitions } from './petitions';
import { seedProcuratorate } from './procuratorate';
import { Random } from './random';
import type { SeedWorld } from './world';

export interface SeedOptions {
  /** Volume multiplier: 1 = one county-year of 渑池县 (about 9,000 records). */
  scale?: number;
  /** PRNG seed: the same seed and scale give the same data. */
  seed?: number;
  /** "Today" of the data set; dates span the two years before it. */
  today?: Date;
}

/**
 * Seeds a realistic county through each subgraph's own mongoose models (so their validation
 * applies), in the order that lets later records point at earlier ones. Expects empty databases.
 */
export async function seedDemo(options: SeedOptions = {}): Promise<Record<string, number>> {
  const scale = options.scale ?? 1;
  const rng = new Random(options.seed ?? 20241224); // the opinion's date
  const today = options.today ?? new Date();
  today.setUTCHours(0, 0, 0, 0);
  const start = new Date(Date.UTC(today.getUTCFullYear() - 2, today.getUTCMonth(), 1));
  const people = generatePeople(rng, Math.max(50, Math.round(6000 * scale)), today);
  const world: SeedWorld = {
    rng, scale, today, start, people,
    enterprises: generateEnterprises(rng, Math.max(10, Math.round(600 * scale)), people),
    filedTransfers: [], enforcementCases: [], procuratorateCases: [], openPetitioners: new Set(), counts: {},
  };
  for (const name of SUBGRAPHS) await syncIndexes(subgraphDatabase(name));
  await seedLiaison(world);
  await seedEnforcement(world);
  await seedProcuratorate(world);
  await seedPetitions(world);
  await seedAssistance(world);
  await seedLiaisonWorkflows(world);
  return world.counts;
}

/** Seeds the demo county unless data is already there; returns a summary, or null when it was. */
export async function seedIfEmpty(options: SeedOptions = {}): Promise<string | null> {
  if ((await EnforcementCaseModel.estimatedDocumentCount()) > 0) return null;
  const counts = await seedDemo(options);
  return Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
}
