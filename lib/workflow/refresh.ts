import { createHash } from 'node:crypto';
import { workCalendar } from '../calendar';
import type { SubgraphName } from '../config';
import { deadlineRules } from '../deadlines';
import { logger } from '../logger';
import { subgraphDatabase } from '../mongo';
import { recomputeDerived, type RecomputeReport } from './recompute';

type Workflows = Parameters<typeof recomputeDerived>[0];

/** What stored due dates depend on besides the records: the legal periods and the calendar (dataset and overrides). */
export function derivedFingerprint(): string {
  const cal = workCalendar();
  const body = JSON.stringify({ rules: deadlineRules(), holidays: [...cal.holidays].sort(), makeUp: [...cal.makeUpWorkdays].sort() });
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}

const META = 'hub_meta';
const KEY = 'derived-fields';

/**
 * Recomputes a subgraph's stored due dates when the rules or the calendar changed since they were last computed
 * (a new year's holiday notice, a DEADLINE_RULES override), or always with `force`. Remembers the fingerprint in
 * the subgraph's own database; returns the report, or null when nothing had changed.
 */
export async function refreshDerived(name: SubgraphName, workflows: Workflows, force = false): Promise<RecomputeReport[] | null> {
  if (!workflows.length) return null;
  const meta = subgraphDatabase(name).collection<{ _id: string; fingerprint: string; at: Date }>(META);
  const fingerprint = derivedFingerprint();
  const stored = await meta.findOne({ _id: KEY });
  if (!force && stored?.fingerprint === fingerprint) return null;
  const reports = await recomputeDerived(workflows);
  await meta.updateOne({ _id: KEY }, { $set: { fingerprint, at: new Date() } }, { upsert: true });
  for (const r of reports) {
    if (r.moved) logger.info({ subgraph: name, ...r }, 'stored due dates recomputed for the current rules and calendar');
  }
  return reports;
}
