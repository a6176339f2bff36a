import { AGENCIES } from '../../lib/agencies';
import type { Role } from '../../lib/identity';
import type { SubgraphDefinition } from '../../lib/subgraph';
import { defineWork, workScope, type WorkItem, type WorkReader } from '../../lib/workflow/work';
import { assistance } from '../../subgraphs/assistance/server';
import { applicationWork, supportReferralWork } from '../../subgraphs/assistance/resolvers/myWork';
import { enforcement } from '../../subgraphs/enforcement/server';
import { transferWork } from '../../subgraphs/enforcement/resolvers/myWork';
import { transfers } from '../../subgraphs/enforcement/workflow';
import { liaison } from '../../subgraphs/liaison/server';
import { alertWork, dataRequestWork, workTaskWork } from '../../subgraphs/liaison/resolvers/myWork';
import { petitions } from '../../subgraphs/petitions/server';
import { petitionWork, ticketWork } from '../../subgraphs/petitions/resolvers/myWork';
import { procuratorate } from '../../subgraphs/procuratorate/server';
import { publicInterestWork, reverseReferralWork, suggestionWork } from '../../subgraphs/procuratorate/resolvers/myWork';
import { countCommands, useDatabase } from '../helpers/db';
import {
  days, GAJ, HBJ, JCY, JOINT_OFFICE_VIEW, OFFICER_PARTS, OFFICER_WORK, SCJ, seedAll, seedMore, SUPERVISOR_WORK,
} from '../helpers/my-work-data';
import { errorCode, execute, identity, type Result } from '../helpers/subgraph';

// 待办, in-process: each subgraph's part of a WorkList (its `_entities`, as the gateway asks for it), liaison's root
// field and its merge of the parts, against the hand-counted data set of tests/helpers/my-work-data.ts.

useDatabase();
beforeAll(seedAll);

type Part = 'procuratorate' | 'enforcement' | 'petitions' | 'assistance';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any subgraph
const DEFS: Record<Part, SubgraphDefinition<any>> = { procuratorate, enforcement, petitions, assistance };
const PARTS = Object.keys(DEFS) as Part[];

const ITEM = 'recordType recordId label status steps acts dueAt overdue';
const ENTITY = (part: string) => `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on WorkList { agency first ${part} { ${ITEM} } } } }`;
const officer = identity(SCJ, ['officer']);
const supervisor = identity(SCJ, ['supervisor']);
const viewer = identity(SCJ, ['viewer']);
const jointOffice = identity(JCY, ['liaison_admin']);

/** One subgraph's part of `agency`'s WorkList, as `who`. */
function part(name: Part, who = officer, agency = who.agency, first = 100): Promise<Result> {
  return execute(DEFS[name], who, ENTITY(name), { reps: [{ __typename: 'WorkList', agency, first }] });
}

const items = (r: Result, name: string): WorkItem[] => {
  expect(r.errors).toBeUndefined();
  return r.data!._entities[0][name];
};
const labels = (list: { label: string }[]) => list.map((i) => i.label);

/** Liaison's own part (root field) and the merge of all five parts, as liaison's `items` gets them from the gateway. */
async function whole(who = officer, agency?: string, first = 100) {
  const own = await execute(liaison, who, `query($a: ID, $n: Int) { myWork(agency: $a, first: $n) { agency first liaison { ${ITEM} } } }`, { a: agency, n: first });
  expect(own.errors).toBeUndefined();
  const rep: Record<string, unknown> = { __typename: 'WorkList', agency: own.data!.myWork.agency, first };
  for (const name of PARTS) rep[name] = items(await part(name, who, rep.agency as string, first), name);
  const merged = await execute(liaison, who, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on WorkList { items { ${ITEM} } } } }`, { reps: [rep] });
  expect(merged.errors).toBeUndefined();
  return { liaison: own.data!.myWork.liaison as WorkItem[], items: merged.data!._entities[0].items as WorkItem[] };
}

/** An item as the SDL gives it (dueAt a string), with its due date checked against the days counted by hand. */
function expectItems(got: WorkItem[], expected: typeof OFFICER_WORK) {
  expect(got.map((i) => [i.label, i.recordType, i.steps, i.acts])).toEqual(expected.map(([l, t, s, a]) => [l, t, s, a]));
  got.forEach((item, i) => {
    const dueIn = expected[i][4];
    if (dueIn === null) expect(item.dueAt).toBeNull();
    else expect(Math.abs(new Date(item.dueAt as unknown as string).getTime() - days(dueIn).getTime())).toBeLessThan(3_600_000);
    expect(item.overdue).toBe(dueIn !== null && dueIn < 0);
  });
}

describe("an agency's work, part by part", () => {
  it.each(PARTS)('%s: an officer of SCJ gets the part counted by hand, most urgent first', async (name) => {
    expect(labels(items(await part(name), name))).toEqual(OFFICER_PARTS[name]);
  });

  it('liaison: its own part (work tasks, alerts; a data request only SCJ may withdraw is not work)', async () => {
    expect(labels((await whole()).liaison)).toEqual(OFFICER_PARTS.liaison);
  });

  it('merges the five parts: 12 items of an officer, overdue first, then by due date, undated last', async () => {
    const { items: all } = await whole();
    expect(all).toHaveLength(12);
    expectItems(all, OFFICER_WORK);
    expect(new Set(all.map((i) => i.recordType)).size).toBe(8);
  });

  it('a supervisor sees the approvals too (14); a viewer has nothing to do', async () => {
    expectItems((await whole(supervisor)).items, SUPERVISOR_WORK);
    const none = await whole(viewer);
    expect(none.items).toEqual([]);
    expect(none.liaison).toEqual([]);
  });

  it('keeps the most urgent `first`, in each part and merged', async () => {
    expect(labels(items(await part('enforcement', officer, SCJ, 2), 'enforcement'))).toEqual(OFFICER_PARTS.enforcement.slice(0, 2));
    expect(labels((await whole(officer, undefined, 4)).items)).toEqual(OFFICER_WORK.slice(0, 4).map(([l]) => l));
  });

  it('never lists a record the agency may not read: a sealed suggestion served to SCJ', async () => {
    const all = (await whole(supervisor)).items;
    expect(all.map((i) => i.recordId)).not.toContain('s4');
    // The procuratorate owns it: its escalation is the procuratorate's work.
    const own = items(await part('procuratorate', identity(JCY, ['officer'])), 'procuratorate');
    expect(own.find((i) => i.recordId === 's4')).toMatchObject({ steps: ['ESCALATED'], overdue: true });
  });

  it("lists each agency's own steps of a shared record: the procuratorate's supervision and escalation, the police's receipt", async () => {
    const jcy = items(await part('enforcement', identity(JCY, ['officer'])), 'enforcement');
    expect(jcy.map((i) => [i.recordId, i.steps])).toEqual([['t7', ['PROCURATORATE_SUPERVISION']], ['t6', ['PROCURATORATE_SUPERVISION']]]);
    const suggestions = items(await part('procuratorate', identity(JCY, ['officer'])), 'procuratorate');
    expect(suggestions.map((i) => [i.recordId, i.steps])).toEqual([['s5', ['ESCALATED']], ['s4', ['ESCALATED']], ['s1', ['ESCALATED']], ['s2', ['VERIFIED']]]);
    // A supervisor of the procuratorate also approves the draft.
    const sup = items(await part('procuratorate', identity(JCY, ['supervisor'])), 'procuratorate');
    expect(sup.find((i) => i.recordId === 's3')).toMatchObject({ steps: ['APPROVED', 'DISCARDED'], dueAt: null });
    const police = items(await part('enforcement', identity(GAJ, ['officer'])), 'enforcement');
    expect(police.map((i) => [i.recordId, i.steps])).toEqual([['t5', ['RECEIPTED']]]);
  });
});

describe('the joint office sees it per agency', () => {
  it("asks for SCJ: SCJ's work (every role) among the records the joint office may read", async () => {
    expect(labels((await whole(jointOffice, SCJ)).items)).toEqual(JOINT_OFFICE_VIEW);
  });

  it('its own work without `agency`: the compliance check of the request SCJ submitted, every open alert', async () => {
    const own = (await whole(jointOffice)).items.map((i) => [i.recordId, i.steps]);
    expect(own).toEqual([['d2', ['COMPLIANCE_CHECK']], ['a1', ['ACKNOWLEDGED', 'RESOLVED']], ['a3', ['ACKNOWLEDGED', 'RESOLVED']]]);
  });

  it('anyone else naming another agency gets FORBIDDEN, at the root and in every part', async () => {
    for (const who of [officer, identity(SCJ, ['liaison_admin']), identity(JCY, ['officer', 'supervisor'])]) {
      const root = await execute(liaison, who, '{ myWork(agency: "411221-HBJ") { agency } }');
      expect(errorCode(root)).toBe('FORBIDDEN');
      for (const name of PARTS) expect(errorCode(await part(name, who, HBJ))).toBe('FORBIDDEN');
    }
    expect(errorCode(await execute(liaison, jointOffice, '{ myWork(agency: "411221-NOPE") { agency } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await execute(liaison, officer, '{ myWork(first: 0) { agency } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await execute(liaison, officer, '{ myWork(first: 101) { agency } }'))).toBe('BAD_USER_INPUT');
  });
});

describe('the candidate filter derived from the machines', () => {
  const WORKS = { suggestionWork, publicInterestWork, reverseReferralWork, transferWork, petitionWork, ticketWork, applicationWork, supportReferralWork, dataRequestWork, workTaskWork, alertWork };
  const everything: WorkReader<never> = { filter: () => ({}), visible: async (docs) => docs };
  const ROLES: (Role[] | null)[] = [['officer'], ['supervisor'], ['liaison_admin'], ['viewer'], null];

  it('misses nothing: for every agency and role, the indexed query finds what the exact rule finds among all records', async () => {
    await seedMore(5, 'm');
    const now = new Date();
    for (const [name, work] of Object.entries(WORKS)) {
      const w = work as unknown as typeof transferWork;
      const docs = (await w.workflow.definition.model.find(w.spec.base ?? {}).lean()) as never[];
      for (const { code } of AGENCIES) {
        for (const roles of ROLES) {
          const scope = { agency: code, roles, now };
          const found = (await w.find(scope, everything, 100)).map((i) => i.recordId).sort();
          const exact = docs.map((d) => w.itemOf(d, scope)).filter((i): i is WorkItem => !!i).map((i) => i.recordId).sort();
          expect([name, code, roles, found]).toEqual([name, code, roles, exact]);
        }
      }
    }
  });

  it('refuses a work spec whose agency fields miss a field a step reads', () => {
    expect(() => defineWork(transfers, { typename: 'CriminalTransfer', label: (t) => t._id, agencyFields: ['agencyCode'] })).toThrow(/reads policeAgencyCode/);
  });

  it('scopes: the caller with its roles; the joint office for any agency with every role', () => {
    expect(workScope(officer, { agency: SCJ, first: 5 })).toMatchObject({ agency: SCJ, roles: ['officer'] });
    expect(workScope(jointOffice, { agency: SCJ, first: 5 })).toMatchObject({ agency: SCJ, roles: null });
    expect(workScope(jointOffice, { agency: JCY, first: 5 })).toMatchObject({ agency: JCY, roles: ['liaison_admin'] });
    expect(() => workScope(officer, { agency: HBJ, first: 5 })).toThrow(/joint office/);
  });
});

describe('cost', () => {
  const ROOT = `{ myWork { liaison { ${ITEM} } } }`;
  const own = (c: string[], db: string) => c.filter((x) => x === `test_${db}.aggregate`).length;

  it('a viewer, who takes no step, costs no MongoDB command at all', async () => {
    for (const name of PARTS) expect([name, (await countCommands(() => part(name, viewer))).commands]).toEqual([name, []]);
    expect((await countCommands(() => execute(liaison, viewer, ROOT))).commands).toEqual([]);
  });

  it('one aggregate per workflow and part, bounded and the same with 200 more records of each kind', async () => {
    const measure = async () => {
      const out: Record<string, { commands: string[]; labels: string[] }> = {};
      for (const name of PARTS) {
        const { result, commands } = await countCommands(() => part(name, supervisor));
        out[name] = { commands: [...commands].sort(), labels: labels(items(result, name)) };
      }
      const { result, commands } = await countCommands(() => execute(liaison, supervisor, ROOT));
      out.liaison = { commands: [...commands].sort(), labels: labels(result.data!.myWork.liaison) };
      return out;
    };
    const before = await measure();
    // One aggregate per workflow in the subgraph's own database: 检察建议, 公益诉讼, 反向衔接 | 移送 | 信访, 工单 | 救助, 转介 | 共享申请, 任务, 预警.
    expect(PARTS.map((p) => own(before[p].commands, p))).toEqual([3, 1, 2, 2]);
    expect(own(before.liaison.commands, 'liaison')).toBe(3);
    // Besides: the grants of the caller (one find, in liaison) and the audit of cross-agency reads (3 commands per
    // event: one per record type read as a counterpart — suggestions and referrals; tickets; referrals to SCJ).
    expect(PARTS.map((p) => before[p].commands.length)).toEqual([3 + 1 + 2 * 3, 1 + 1, 2 + 1 + 3, 2 + 1 + 3]);
    expect(before.liaison.commands).toHaveLength(3);
    await seedMore(200, 'c');
    const after = await measure();
    for (const name of [...PARTS, 'liaison']) {
      expect([name, after[name].labels]).toEqual([name, before[name].labels]);
      expect([name, after[name].commands]).toEqual([name, before[name].commands]);
    }
  });
});
