import { idNumberCheckDigit, creditCodeCheckChar, personPseudonym } from '../lib/identifiers';
import { addDays, DAY, Random } from './random';
import { ENTERPRISE_TRADES, ENTERPRISE_WORDS, GIVEN_FEMALE, GIVEN_MALE, SURNAMES, TOWNSHIPS, VILLAGES } from './names';

/** A seeded person as the liaison subgraph registers it (raw number kept only in memory). */
export interface SeedPerson {
  id: string;
  idNumber: string;
  name: string;
  phone: string;
  address: string;
  birthDate: Date;
  female: boolean;
  sealed: boolean;
}

export interface SeedEnterprise {
  creditCode: string;
  name: string;
  legalRepresentativeId: string;
  address: string;
  industry: string;
}

// Region codes of 渑池县 and neighbours, so most parties are local and some come from nearby.
const REGIONS = ['411221', '411221', '411221', '411221', '411202', '411281', '410381', '411224'];

/** Generates `count` distinct people with valid GB 11643 numbers; about 3% are minors, some sealed. */
export function generatePeople(rng: Random, count: number, today: Date): SeedPerson[] {
  const people: SeedPerson[] = [];
  const seen = new Set<string>();
  while (people.length < count) {
    const minor = rng.chance(0.03);
    const age = minor ? rng.int(12, 17) : rng.int(18, 80);
    const birthDate = new Date(Date.UTC(today.getUTCFullYear() - age, 0, 1) + rng.int(0, 364) * DAY);
    const female = rng.chance(0.45);
    let seq = rng.int(0, 499) * 2 + (female ? 0 : 1); // sequence digit parity encodes gender
    const ymd = birthDate.toISOString().slice(0, 10).replace(/-/g, '');
    let first17 = `${rng.pick(REGIONS)}${ymd}${String(seq).padStart(3, '0')}`;
    while (seen.has(first17)) first17 = `${first17.slice(0, 14)}${String((seq = (seq + 2) % 1000)).padStart(3, '0')}`;
    seen.add(first17);
    const idNumber = first17 + idNumberCheckDigit(first17);
    people.push({
      id: personPseudonym(idNumber),
      idNumber,
      name: rng.pick(SURNAMES) + rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE),
      phone: `1${rng.pick(['38', '39', '58', '59', '86', '87', '36', '77'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      address: `河南省三门峡市渑池县${rng.pick(TOWNSHIPS)}${rng.pick(VILLAGES)}村${rng.int(1, 12)}组${rng.int(1, 80)}号`,
      birthDate,
      female,
      sealed: minor && rng.chance(0.5),
    });
  }
  return people;
}

/** Generates enterprises with valid GB 32100 credit codes; legal representatives are adults from `people`. */
export function generateEnterprises(rng: Random, count: number, people: SeedPerson[]): SeedEnterprise[] {
  const adults = people.filter((p) => !p.sealed && p.birthDate < addDays(new Date(), -18 * 366));
  return Array.from({ length: count }, (_, i) => {
    const [suffix, industry] = rng.pick(ENTERPRISE_TRADES);
    const first17 = `91411221MA${String(1_000_000 + i * 37).slice(-7)}`;
    return {
      creditCode: first17 + creditCodeCheckChar(first17),
      name: `渑池县${rng.pick(ENTERPRISE_WORDS)}${rng.pick(ENTERPRISE_WORDS)}${suffix}`,
      legalRepresentativeId: rng.pick(adults).id,
      address: `河南省三门峡市渑池县${rng.pick(TOWNSHIPS)}${rng.pick(VILLAGES)}工业园${rng.int(1, 60)}号`,
      industry,
    };
  });
}
