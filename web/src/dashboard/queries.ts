// The dashboard's GraphQL operations: this module holds what the views share (the caller, agency names, the
// RICH/BASE fallback); each view's operations live beside it: queries-overview.ts (the period's indicators and
// trend), queries-records.ts (overdue lists, alerts, one record) and queries-work.ts (待办). The page asks the hub
// nothing else.
//
// Sections come in two layers: BASE, the fields every hub of this version answers, and RICH, the later ones
// (rates, breakdowns by agency and field, overdue counts, dashboardTrend, an alert's records). The page asks for
// RICH first and falls back to BASE when the hub does not answer it (an older gateway, a subgraph not updated
// yet), so it works against either and shows what it got.
import { graphql, RequestFailed, type GraphQLError } from '../shared/session';

export interface StatusCount {
  status: string;
  count: number;
}

/** numerator / denominator; value null when the denominator is 0 */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface AgencyRef {
  code: string;
  name?: string;
  shortName: string;
}

export const RATE = 'numerator denominator value';
export const AGENCY = 'agency { code shortName }';

export type Level = 'rich' | 'base';

/**
 * What the hub answers, by feature: the first request of each tells (RICH, else BASE) and the page keeps to it.
 * Features land separately (the dashboard's fields, dashboardTrend, an alert's records).
 */
const levels = new Map<string, Level>();

export type Answer<T> = { data: T; errors: GraphQLError[] };

/**
 * Runs `rich`, and `base` instead when the hub refuses the RICH fields (validation: an older gateway) or answers
 * them with errors (a subgraph not updated yet); a sign-in failure is not a reason to fall back.
 */
export async function withLevel<T>(feature: string, rich: () => Promise<Answer<T>>, base: () => Promise<Answer<T>>): Promise<Answer<T>> {
  const known = levels.get(feature);
  if (known === 'base') return base();
  try {
    const r = await rich();
    if (known === 'rich' || r.errors.length === 0) {
      levels.set(feature, 'rich');
      return r;
    }
  } catch (e) {
    if (known === 'rich' || !(e instanceof RequestFailed) || e.code === 'UNAUTHENTICATED' || e.code === 'NETWORK') throw e;
  }
  levels.set(feature, 'base');
  console.info(`dashboard: the hub does not answer the newer ${feature} fields; showing the base set`);
  return base();
}

// ─── the caller ──────────────────────────────────────────────────────────────────────────────────
export interface Me {
  userId: string;
  roles: string[];
  agency: AgencyRef & { name: string; isJointOffice: boolean };
}

export async function fetchMe(token: string): Promise<Me> {
  return (await graphql<{ me: Me }>(token, '{ me { userId roles agency { code name shortName isJointOffice } } }')).data.me;
}

/** Short names of the member agencies by code (a record's history names agencies by code). */
let agencyNames: Promise<Map<string, string>> | undefined;

export function fetchAgencyNames(token: string): Promise<Map<string, string>> {
  agencyNames ??= graphql<{ agencies: { nodes: AgencyRef[] } }>(token, '{ agencies(first: 100) { nodes { code shortName } } }').then(
    (r) => new Map(r.data.agencies.nodes.map((a) => [a.code, a.shortName])),
    () => ((agencyNames = undefined), new Map<string, string>()),
  );
  return agencyNames;
}
