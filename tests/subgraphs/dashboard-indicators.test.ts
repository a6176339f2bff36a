import { chinaDate } from '../../lib/calendar';
import { MAX_TREND_PERIODS, parsePeriod, periodRange } from '../../lib/period';
import type { SubgraphDefinition } from '../../lib/subgraph';
import { assistance } from '../../subgraphs/assistance/server';
import { enforcement } from '../../subgraphs/enforcement/server';
import { liaison } from '../../subgraphs/liaison/server';
import { petitions } from '../../subgraphs/petitions/server';
import { procuratorate } from '../../subgraphs/procuratorate/server';
import {
  ASSISTANCE, ASSISTANCE_FIELDS, BOUNDS, ENFORCEMENT, ENFORCEMENT_FIELDS, LIAISON, LIAISON_FIELDS, PERIODS, PETITIONS, PETITIONS_FIELDS, PROCURATORATE,
  PROCURATORATE_FIELDS, seedAll, TREND, type Key,
} from '../helpers/dashboard-data';
import { countCommands, useDatabase } from '../helpers/db';
import { errorCode, execute, identity } from '../helpers/subgraph';

// Every indicator, breakdown and rate of each subgraph's dashboard section, in-process, against the small data set
// of tests/helpers/dashboard-data.ts counted by hand: a month, a quarter, a half, a year and a three-month trend.
// Then the cost: the MongoDB commands of one period and of a 3- and a 12-month trend are the same.

useDatabase();
beforeAll(seedAll);

const viewer = identity('411221-MZJ', ['viewer']);
const ENTITIES = (fields: string) => `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Dashboard { period ${fields} } } }`;
const reps = (periods: readonly string[]) => periods.map((period) => ({ __typename: 'Dashboard', period }));
const months = (n: number) => Array.from({ length: n }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

interface Section {
  name: 'procuratorate' | 'enforcement' | 'petitions' | 'assistance' | 'liaison';
  def: SubgraphDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- any subgraph
  fields: string;
  expected: Record<Key, unknown>;
  /** Aggregate (or find) commands of a full section, whatever the number of periods. */
  commands: number;
}

const SECTIONS: Section[] = [
  // cases, issued, served, replied, suggestions overdue, referred, opinions, results, referrals overdue, public-interest overdue, 挂案
  { name: 'procuratorate', def: procuratorate, fields: PROCURATORATE_FIELDS, expected: PROCURATORATE, commands: 11 },
  // cases, reported, sent, filed, overdue
  { name: 'enforcement', def: enforcement, fields: ENFORCEMENT_FIELDS, expected: ENFORCEMENT, commands: 5 },
  // received, answered, petitions overdue, tickets, tickets overdue
  { name: 'petitions', def: petitions, fields: PETITIONS_FIELDS, expected: PETITIONS, commands: 5 },
  // applications, approved, paid (a find), overdue, referrals
  { name: 'assistance', def: assistance, fields: ASSISTANCE_FIELDS, expected: ASSISTANCE, commands: 5 },
  // data requests, data requests overdue, work tasks, open alerts, meetings, sessions (a find), and the agencies of byAgency (one find)
  { name: 'liaison', def: liaison, fields: LIAISON_FIELDS, expected: LIAISON, commands: 7 },
];

describe('dashboard periods (China time)', () => {
  it.each([
    ['2025', '2025-01-01', '2025-12-31'],
    ['2025-H1', '2025-01-01', '2025-06-30'],
    ['2025-H2', '2025-07-01', '2025-12-31'],
    ['2025-Q3', '2025-07-01', '2025-09-30'],
    ['2025-07', '2025-07-01', '2025-07-31'],
    ['2024-02', '2024-02-01', '2024-02-29'],
  ])('%s runs from 00:00 China time on %s to 24:00 on %s', (p, first, last) => {
    const { from, to } = parsePeriod(p);
    expect(chinaDate(from)).toBe(first);
    expect(chinaDate(new Date(from.getTime() - 1))).not.toBe(first);
    expect(chinaDate(new Date(to.getTime() - 1))).toBe(last);
    expect(chinaDate(to)).not.toBe(last);
    expect(from.toISOString().slice(11)).toBe('16:00:00.000Z'); // midnight UTC+8
  });

  it('lists the consecutive periods of a trend, of one kind, at most MAX_TREND_PERIODS', () => {
    expect(periodRange('2025-11', '2026-02').map((p) => p.period)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodRange('2024-Q4', '2025-Q2').map((p) => p.period)).toEqual(['2024-Q4', '2025-Q1', '2025-Q2']);
    expect(periodRange('2024-H2', '2025-H1').map((p) => p.period)).toEqual(['2024-H2', '2025-H1']);
    expect(periodRange('2023', '2025').map((p) => p.period)).toEqual(['2023', '2024', '2025']);
    expect(periodRange('2025-04', '2025-04').map((p) => [p.period, p.kind, p.year])).toEqual([['2025-04', 'MONTH', 2025]]);
    for (const p of periodRange('2024-01', '2025-12')) expect(p).toEqual(parsePeriod(p.period));
    expect(() => periodRange('2025-01', '2025-Q2')).toThrow(/to: must be a period of the same kind/);
    expect(() => periodRange('2025-06', '2025-01')).toThrow(/to: must not be before from/);
    expect(() => periodRange('2020-01', '2025-01')).toThrow(new RegExp(`to: a trend has at most ${MAX_TREND_PERIODS} periods`));
    expect(() => periodRange('2025-13', '2025-12')).toThrow(/from: use a year/);
  });
});

describe.each(SECTIONS)('the $name section of the dashboard', ({ name, def, fields, expected }) => {
  it.each(PERIODS)('%s: every indicator, breakdown and rate as counted by hand', async (period) => {
    const r = await execute(def, viewer, ENTITIES(fields), { reps: reps([period]) });
    expect(r.errors).toBeUndefined();
    expect(r.data!._entities).toEqual([{ period, [name]: expected[period] }]);
  });

  it('the trend of three consecutive months, and overlapping periods, in one request', async () => {
    const asked = [...TREND, '2025', '2025-Q2'] as const;
    const r = await execute(def, viewer, ENTITIES(fields), { reps: reps(asked) });
    expect(r.errors).toBeUndefined();
    expect(r.data!._entities).toEqual(asked.map((period) => ({ period, [name]: expected[period] })));
  });
});

describe('the dashboard root fields (liaison)', () => {
  it('answers one period with its China-time bounds, and refuses other forms', async () => {
    for (const period of PERIODS) {
      const r = await execute(liaison, viewer, `{ dashboard(period: "${period}") { period from to ${LIAISON_FIELDS} } }`);
      expect(r.errors).toBeUndefined();
      expect(r.data!.dashboard).toEqual({ period, from: BOUNDS[period].from.toISOString(), to: BOUNDS[period].to.toISOString(), liaison: LIAISON[period] });
    }
    const bad = await execute(liaison, viewer, '{ dashboard(period: "2025-Q5") { period } }');
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].extensions?.field).toBe('period');
  });

  it('dashboardTrend lists the consecutive periods from … to, each with its section', async () => {
    const r = await execute(liaison, viewer, `{ dashboardTrend(from: "2025-04", to: "2025-06") { period from to ${LIAISON_FIELDS} } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.dashboardTrend).toEqual(
      TREND.map((period) => ({ period, from: BOUNDS[period].from.toISOString(), to: BOUNDS[period].to.toISOString(), liaison: LIAISON[period] })),
    );
    for (const [from, to, field] of [['2025-01', '2025-Q2', 'to'], ['2025-06', '2025-01', 'to'], ['2025-00', '2025-01', 'from'], ['2020-01', '2025-12', 'to']]) {
      const bad = await execute(liaison, viewer, `{ dashboardTrend(from: "${from}", to: "${to}") { period } }`);
      expect({ from, to, code: errorCode(bad), field: bad.errors?.[0].extensions?.field }).toEqual({ from, to, code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('cost: MongoDB commands per dashboard', () => {
  it.each(SECTIONS)('$name: one period, 3 months and 12 months cost the same commands ($commands)', async ({ name, def, fields, commands }) => {
    const run = (periods: string[]) => countCommands(() => execute(def, viewer, ENTITIES(fields), { reps: reps(periods) }));
    const one = await run(['2025-05']);
    const three = await run(months(3));
    const twelve = await run(months(12));
    for (const r of [one, three, twelve]) expect(r.result.errors).toBeUndefined();
    expect(twelve.result.data!._entities).toHaveLength(12);
    expect(twelve.result.data!._entities[4]).toEqual({ period: '2025-05', [name]: (SECTIONS.find((s) => s.name === name)!.expected)['2025-05'] });
    expect(one.commands).toHaveLength(commands);
    expect(three.commands).toEqual(one.commands);
    expect(twelve.commands).toEqual(one.commands);
  });

  it('liaison dashboardTrend: 12 months cost what one dashboard costs', async () => {
    const one = await countCommands(() => execute(liaison, viewer, `{ dashboard(period: "2025-05") { period ${LIAISON_FIELDS} } }`));
    const twelve = await countCommands(() => execute(liaison, viewer, `{ dashboardTrend(from: "2025-01", to: "2025-12") { period ${LIAISON_FIELDS} } }`));
    expect(twelve.result.errors).toBeUndefined();
    expect(twelve.result.data!.dashboardTrend.map((d: { period: string }) => d.period)).toEqual(months(12));
    expect(one.commands).toHaveLength(7);
    expect(twelve.commands).toEqual(one.commands);
  });
});
