import type { SeedEnterprise, SeedPerson } from './parties';
import type { Random } from './random';

/** What one seeder hands the next so that links across subgraphs are coherent. */
export interface SeedWorld {
  rng: Random;
  /** Volume multiplier (1 = one county-year). */
  scale: number;
  /** "Now" of the data set; dates span the two years before it. */
  today: Date;
  start: Date;
  people: SeedPerson[];
  enterprises: SeedEnterprise[];
  /** Criminal transfers the police filed: the procuratorate opens cases from some of them. */
  filedTransfers: { id: string; filedAt: Date; personId: string | null; creditCode: string | null; agencyCode: string; enforcementCaseId: string }[];
  /** Enforcement cases by id, for reverse referrals after 不起诉. */
  enforcementCases: { id: string; agencyCode: string; personId: string | null; filedAt: Date }[];
  /** Procuratorate cases (not sealed) with their parties, for petitions and rescue applications. */
  procuratorateCases: { id: string; acceptedAt: Date; suspectIds: string[]; victimIds: string[] }[];
  /** Petitioner ids with open petitions (alerts, rescue applicants with open petitions). */
  openPetitioners: Set<string>;
  counts: Record<string, number>;
}

/** n scaled, at least 1. */
export function scaled(world: SeedWorld, n: number): number {
  return Math.max(1, Math.round(n * world.scale));
}
