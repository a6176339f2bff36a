import { countCommands, useDatabase } from '../helpers/db';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import { days, HBJ, JCY, JOINT_OFFICE_VIEW, OFFICER_PARTS, OFFICER_WORK, SCJ, seedAll, seedMore, SUPERVISOR_WORK } from '../helpers/my-work-data';

// 待办 through the gateway: `myWork` (liaison) returns the WorkList entity; every subgraph adds its part under the
// caller's identity, and liaison merges them in `items` (@requires). Against tests/helpers/my-work-data.ts.

useDatabase();

let hub: Hub;
// Seeded once the hub runs: a subgraph recomputes the stored due dates of its records when it starts (new rules or
// calendar), and the due dates of this data set are set by hand.
beforeAll(async () => {
  hub = await startHub();
  await seedAll();
});
afterAll(() => hub.stop());

const officer: Caller = { agency: SCJ, roles: ['officer'] };
const supervisor: Caller = { agency: SCJ, roles: ['supervisor'] };
const viewer: Caller = { agency: SCJ, roles: ['viewer'] };
const jointOffice: Caller = { agency: JCY, roles: ['liaison_admin'] };

const ITEM = 'label recordType recordId status steps acts dueAt overdue';
// Each fragment aliases the record's status: the status enums differ from type to type.
const RECORD = `record {
  __typename
  ... on Suggestion { id number s1: status }
  ... on CriminalTransfer { id s2: status agency { code } }
  ... on Petition { id number s3: status }
  ... on HotlineTicket { id number s4: status }
  ... on ReverseReferral { id s5: status }
  ... on SupportReferral { id s6: status }
  ... on WorkTask { id title s7: status }
  ... on Alert { id message s8: status }
  ... on DataRequest { id s9: status }
}`;
type Item = { label: string; recordType: string; recordId: string; steps: string[]; acts: string[]; dueAt: string | null; overdue: boolean; record?: Record<string, unknown> };
const labels = (items: Item[]) => items.map((i) => i.label);

function expectWork(items: Item[], expected: typeof OFFICER_WORK) {
  expect(items.map((i) => [i.label, i.recordType, i.steps, i.acts])).toEqual(expected.map(([l, t, s, a]) => [l, t, s, a]));
  items.forEach((item, i) => {
    const dueIn = expected[i][4];
    expect(item.dueAt === null ? null : Math.round((new Date(item.dueAt).getTime() - days(0).getTime()) / 86_400_000)).toBe(dueIn);
    expect(item.overdue).toBe(dueIn !== null && dueIn < 0);
  });
}

describe('myWork through the gateway', () => {
  it("an officer of SCJ: 12 things to do from all five subgraphs, most urgent first, each record resolved by its own subgraph", async () => {
    const d = await hub.ok(officer, `{ myWork { agency first items { ${ITEM} ${RECORD} } } }`);
    expect(d.myWork).toMatchObject({ agency: SCJ, first: 20 });
    const items: Item[] = d.myWork.items;
    expectWork(items, OFFICER_WORK);
    // Each record through federation, under the officer's access in its own subgraph.
    for (const item of items) expect(item.record).toMatchObject({ __typename: item.recordType, id: item.recordId });
    expect(items[0].record).toEqual({ __typename: 'Suggestion', id: 's1', number: 'JJ-s1', s1: 'SERVED' });
    expect(items[1].record).toEqual({ __typename: 'CriminalTransfer', id: 't2', s2: 'APPROVED', agency: { code: SCJ } });
    expect(items.find((i) => i.recordType === 'WorkTask')!.record).toEqual({ __typename: 'WorkTask', id: 'w1', title: '任务w1', s7: 'PLANNED' });
  });

  it('each subgraph contributes its own part', async () => {
    const d = await hub.ok(officer, `{ myWork { liaison { label } procuratorate { label } enforcement { label } petitions { label } assistance { label } } }`);
    for (const [name, expected] of Object.entries(OFFICER_PARTS)) expect([name, labels(d.myWork[name])]).toEqual([name, expected]);
  });

  it('a supervisor sees the approvals too; a viewer has nothing to do', async () => {
    expectWork((await hub.ok(supervisor, `{ myWork { items { ${ITEM} } } }`)).myWork.items, SUPERVISOR_WORK);
    expect((await hub.ok(viewer, `{ myWork { items { ${ITEM} } } }`)).myWork.items).toEqual([]);
  });

  it('the most urgent `first`', async () => {
    const d = await hub.ok(officer, `{ myWork(first: 3) { first items { label } } }`);
    expect(labels(d.myWork.items)).toEqual(OFFICER_WORK.slice(0, 3).map(([l]) => l));
  });

  it('never lists a record SCJ may not read (the sealed suggestion served to it)', async () => {
    const d = await hub.ok(supervisor, `{ myWork(first: 100) { items { recordId } } }`);
    expect(d.myWork.items.map((i: Item) => i.recordId)).not.toContain('s4');
  });

  it("the joint office asks for SCJ: SCJ's work among the records the joint office may read", async () => {
    const d = await hub.ok(jointOffice, `{ myWork(agency: "${SCJ}") { agency items { label } } }`);
    expect(d.myWork.agency).toBe(SCJ);
    expect(labels(d.myWork.items)).toEqual(JOINT_OFFICE_VIEW);
  });

  it('FORBIDDEN for anyone else naming another agency', async () => {
    for (const who of [officer, { agency: SCJ, roles: ['liaison_admin' as const] }, { agency: JCY, roles: ['officer' as const, 'supervisor' as const] }]) {
      const r = await hub.query(who, `{ myWork(agency: "${HBJ}") { items { label } } }`);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(r.data?.myWork ?? null).toBeNull();
    }
  });

  it('costs a bounded number of MongoDB commands, the same with 100 more records of each kind', async () => {
    const q = `{ myWork(first: 50) { items { ${ITEM} } } }`;
    const before = await countCommands(() => hub.ok(supervisor, q));
    const aggregates = (c: string[]) => c.filter((x) => x.endsWith('.aggregate')).length;
    // One aggregate per workflow (3 procuratorate + 1 enforcement + 2 petitions + 2 assistance + 3 liaison), in the
    // database of the subgraph that owns it. Besides, in liaison only: the caller's grants (one find for each of the
    // four subgraphs that read shared records) and the audit chain's appends of the cross-agency reads (find, insert,
    // update; at most one append for each of the three subgraphs whose part SCJ reads as a counterpart).
    expect(aggregates(before.commands)).toBe(11);
    expect(before.commands.filter((c) => !c.endsWith('.aggregate')).every((c) => /^test_liaison\.(find|insert|update)$/.test(c))).toBe(true);
    expect(before.commands.length).toBeLessThanOrEqual(11 + 4 + 3 * 3);
    await seedMore(100, 'e');
    const after = await countCommands(() => hub.ok(supervisor, q));
    expect(after.result).toEqual(before.result);
    expect([...after.commands].sort()).toEqual([...before.commands].sort());
  });

  // Last: it stops a subgraph of this hub.
  it('a subgraph down: its part is null with SUBGRAPH_UNAVAILABLE naming it, the other parts answer, items is null', async () => {
    await hub.stopSubgraph('petitions');
    const r = await hub.query(officer, `{ myWork { items { label } liaison { label } enforcement { label } petitions { label } } }`);
    expect(r.status).toBe(200);
    expect(r.errors?.map((e) => [e.extensions?.code, e.extensions?.subgraph])).toEqual([['SUBGRAPH_UNAVAILABLE', 'petitions']]);
    expect(r.data!.myWork.petitions).toBeNull();
    expect(r.data!.myWork.items).toBeNull();
    expect(labels(r.data!.myWork.enforcement)).toEqual(OFFICER_PARTS.enforcement);
    expect(labels(r.data!.myWork.liaison)).toEqual(OFFICER_PARTS.liaison);
  });
});
