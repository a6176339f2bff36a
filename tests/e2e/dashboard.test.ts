import {
  ASSISTANCE, ASSISTANCE_FIELDS, BOUNDS, ENFORCEMENT, ENFORCEMENT_FIELDS, LIAISON, LIAISON_FIELDS, PETITIONS, PETITIONS_FIELDS, PROCURATORATE,
  PROCURATORATE_FIELDS, seedAll, TREND, type Key,
} from '../helpers/dashboard-data';
import { countCommands, useDatabase } from '../helpers/db';
import { startHub, type Hub } from '../helpers/hub';

// The composed joint dashboard over real HTTP: gateway → five subgraphs, each computing its own section in its own
// database, against the hand-counted data set of tests/helpers/dashboard-data.ts (stored through the models).

useDatabase();

let hub: Hub;
const MZJ = { agency: '411221-MZJ', roles: ['viewer' as const] };
const ALL = `period from to ${PROCURATORATE_FIELDS} ${ENFORCEMENT_FIELDS} ${PETITIONS_FIELDS} ${ASSISTANCE_FIELDS} ${LIAISON_FIELDS}`;

beforeAll(async () => {
  await seedAll();
  hub = await startHub();
});
afterAll(() => hub.stop());

const whole = (period: Key) => ({
  period, from: BOUNDS[period].from.toISOString(), to: BOUNDS[period].to.toISOString(),
  procuratorate: PROCURATORATE[period], enforcement: ENFORCEMENT[period], petitions: PETITIONS[period], assistance: ASSISTANCE[period], liaison: LIAISON[period],
});

describe('the joint dashboard through the gateway', () => {
  it.each(['2025-05', '2025-Q2', '2025-H1', '2025'] as const)('%s: all five sections, every indicator as counted by hand', async (period) => {
    const d = await hub.ok(MZJ, `query($p: String!) { dashboard(period: $p) { ${ALL} } }`, { p: period });
    expect(d.dashboard).toEqual(whole(period));
  });

  it('the trend of three months in one request, each subgraph answering all of them in one _entities call', async () => {
    const d = await hub.ok(MZJ, `{ dashboardTrend(from: "2025-04", to: "2025-06") { ${ALL} } }`);
    expect(d.dashboardTrend).toEqual(TREND.map(whole));
  });

  it('names the agencies of the breakdowns through federation (liaison resolves Agency)', async () => {
    const d = await hub.ok(MZJ, `{ dashboard(period: "2025-05") { enforcement { byAgency { agency { code shortName } } } petitions { byAgency { agency { shortName } } } } }`);
    expect(d.dashboard.enforcement.byAgency.map((r: { agency: { shortName: string } }) => r.agency.shortName)).toEqual(['县公安局', '县生态环境分局', '县市场监管局']);
    expect(d.dashboard.petitions.byAgency.map((r: { agency: { shortName: string } }) => r.agency.shortName)).toEqual(['县生态环境分局', '县市场监管局']);
  });

  it('a 12-month trend costs the same MongoDB commands as a 3-month one and as one period', async () => {
    const one = await countCommands(() => hub.ok(MZJ, `{ dashboard(period: "2025-05") { ${ALL} } }`));
    const three = await countCommands(() => hub.ok(MZJ, `{ dashboardTrend(from: "2025-01", to: "2025-03") { ${ALL} } }`));
    const twelve = await countCommands(() => hub.ok(MZJ, `{ dashboardTrend(from: "2025-01", to: "2025-12") { ${ALL} } }`));
    expect(twelve.result.dashboardTrend).toHaveLength(12);
    const sorted = (c: string[]) => [...c].sort();
    // 11 procuratorate + 5 enforcement + 5 petitions + 5 assistance + 7 liaison (with the agencies of its byAgency).
    expect(one.commands).toHaveLength(33);
    expect(sorted(three.commands)).toEqual(sorted(one.commands));
    expect(sorted(twelve.commands)).toEqual(sorted(one.commands));
  });
});
