import { SharingGrantModel } from '../../subgraphs/liaison/models';
import { useDatabase } from '../helpers/db';
import { validIdNumber } from '../helpers/fixtures';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import { errorCode as code } from '../helpers/subgraph';
import { auditEventsOf, isoNow as now, readEvent as read, replaceGrant, sortedIds as ids, type TestGrant } from '../helpers/grants';

// The access rules of the petitions subgraph (docs/access-guide.md) through the gateway: the handling agency
// owns a petition, the 信访局 (always) and 县政府办 (once a review is applied for) are its counterparts; the hotline
// centre of its line owns a ticket and the agency it is dispatched to is the counterpart; other agencies see
// records only under a SharingGrant; cross-agency reads and refusals are audited.
useDatabase();

let hub: Hub;
const RSJ = '411221-RSJ'; // handling agency of p1..p4
const HBJ = '411221-HBJ'; // an agency without a part in p1..p4
const XFJ = '411221-XFJ'; // 信访局
const ZFB = '411221-ZFB'; // 县政府办, reviews
const WLJ = '411221-WLJ'; // handling agency of the earlier petition pA (repeat link)
const RX = '411221-RX12345'; // 12345 centre
const SCJ = '411221-SCJ'; // receiving agency of t1 and (after re-dispatch) t3
const ZJJ = '411221-ZJJ'; // receiving agency of t2
const rsj: Caller = { agency: RSJ, roles: ['officer'], userId: 'rsj-clerk' };
const hbj: Caller = { agency: HBJ, roles: ['officer'], userId: 'hbj-clerk' };
const xfj: Caller = { agency: XFJ, roles: ['officer'], userId: 'xfj-clerk' };
const zfb: Caller = { agency: ZFB, roles: ['officer'], userId: 'zfb-clerk' };
const wlj: Caller = { agency: WLJ, roles: ['officer'], userId: 'wlj-clerk' };
const rx: Caller = { agency: RX, roles: ['officer'], userId: 'rx-operator' };
const scj: Caller = { agency: SCJ, roles: ['officer'], userId: 'scj-clerk' };
const zjj: Caller = { agency: ZJJ, roles: ['officer'], userId: 'zjj-clerk' };
const DAY = 86_400_000;
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const daysAgo = (n: number) => ago(n * DAY);

let personId = '';
let person2 = '';
let [p1, p2, p3, p4] = ['', '', '', ''];
let p4Version = 0;
let pA = ''; // WLJ's, the earlier open petition of person2
let pB = ''; // RSJ's, a repeat of pA
let [t1, t2, t3] = ['', '', ''];

const PETITIONS = `query($p: ID!) { petitions(filter: { petitionerId: $p }) { totalCount nodes { id } edges { node { id } } } }`;
const PETITION = `query($id: ID!) { petition(id: $id) { id number handlingAgency { code } } }`;
const PERSON = `query($p: ID!) { person(id: $p) { petitions { totalCount nodes { id } } } }`;
const TICKETS = `query($p: ID!) { hotlineTickets(filter: { callerId: $p }) { totalCount nodes { id } edges { node { id } } } }`;
const TICKET = `query($id: ID!) { hotlineTicket(id: $id) { id dispatchedTo { code } hotlineCentre { code } } }`;
const PERSON_TICKETS = `query($p: ID!) { person(id: $p) { hotlineTickets { totalCount nodes { id } } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Petition { id number } ... on HotlineTicket { id number } } }`;


/** What `who` sees of the petitions p1..p4 on every path. */
async function petitionsSeenBy(who: Caller) {
  const all = [p1, p2, p3, p4];
  const list = await hub.ok(who, PETITIONS, { p: personId });
  const person = await hub.ok(who, PERSON, { p: personId });
  const single = await Promise.all(all.map((id) => hub.query(who, PETITION, { id })));
  const entity = await Promise.all(all.map((id) => entities(who, [{ __typename: 'Petition', id }])));
  expect(ids(list.petitions.edges.map((e: { node: { id: string } }) => e.node))).toEqual(ids(list.petitions.nodes));
  return {
    list: ids(list.petitions.nodes),
    totalCount: list.petitions.totalCount as number,
    person: ids(person.person.petitions.nodes),
    personCount: person.person.petitions.totalCount as number,
    single: single.map((r) => (r.errors ? code(r) : r.data!.petition.id)),
    entities: entity.map((r) => (r.errors ? code(r) : r.data!._entities[0].id)),
  };
}

/** What `who` sees of the tickets t1..t3 on every path. */
async function ticketsSeenBy(who: Caller) {
  const all = [t1, t2, t3];
  const list = await hub.ok(who, TICKETS, { p: personId });
  const person = await hub.ok(who, PERSON_TICKETS, { p: personId });
  const single = await Promise.all(all.map((id) => hub.query(who, TICKET, { id })));
  const entity = await Promise.all(all.map((id) => entities(who, [{ __typename: 'HotlineTicket', id }])));
  expect(ids(list.hotlineTickets.edges.map((e: { node: { id: string } }) => e.node))).toEqual(ids(list.hotlineTickets.nodes));
  return {
    list: ids(list.hotlineTickets.nodes),
    totalCount: list.hotlineTickets.totalCount as number,
    person: ids(person.person.hotlineTickets.nodes),
    personCount: person.person.hotlineTickets.totalCount as number,
    single: single.map((r) => (r.errors ? code(r) : r.data!.hotlineTicket.id)),
    entities: entity.map((r) => (r.errors ? code(r) : r.data!._entities[0].id)),
  };
}

const nothing = (n: number) => ({ list: [], totalCount: 0, person: [], personCount: 0, single: Array(n).fill('FORBIDDEN'), entities: Array(n).fill('FORBIDDEN') });
/** Seen on every path: exactly `seen` of `all` (FORBIDDEN for the others on the direct paths). */
const only = (all: string[], seen: string[]) => ({
  list: [...seen].sort(), totalCount: seen.length, person: [...seen].sort(), personCount: seen.length,
  single: all.map((id) => (seen.includes(id) ? id : 'FORBIDDEN')), entities: all.map((id) => (seen.includes(id) ? id : 'FORBIDDEN')),
});

/** An `_entities` call to the petitions subgraph, signed as the gateway signs it for `who`. */
const entities = (who: Caller, reps: Record<string, unknown>[]) => hub.direct('petitions', who, ENTITIES, { reps });

/** Replaces the grants with this one (active, all records of its type, no personal data, unless patched). */
const grant = (patch: Partial<TestGrant> = {}) => replaceGrant({ _id: 'g-pet', granteeCode: HBJ, providerCode: RSJ, resourceTypes: ['PETITION'], purpose: '劳动保障监察线索核查', legalBasis: '信访工作条例第三十一条', allowsPersonalData: false, ...patch });

beforeAll(async () => {
  hub = await startHub();
  await SharingGrantModel.deleteMany({});
  const REGISTER = `mutation($n: String!) { registerPerson(input: { name: "王五", idNumber: $n }) { id } }`;
  personId = (await hub.ok(rsj, REGISTER, { n: validIdNumber(921, '19700101') })).registerPerson.id;
  person2 = (await hub.ok(rsj, REGISTER, { n: validIdNumber(922, '19700202') })).registerPerson.id;

  const CREATE = `mutation($input: PetitionInput!) { createPetition(input: $input) { id version } }`;
  const create = async (who: Caller, input: Record<string, unknown>) => (await hub.ok(who, CREATE, { input: { channel: 'VISIT', summary: '要求依法处理', ...input } })).createPetition;
  // Registered by the handling agency itself: the 信访局 is a counterpart all the same.
  const mine = async (n: number) => (await create(rsj, { petitionerId: personId, subject: `拖欠工资 ${n}`, handlingAgencyCode: RSJ, receivedAt: daysAgo(50 - n) })).id as string;
  [p1, p2, p3, p4] = [await mine(1), await mine(2), await mine(3), await mine(4)];
  pA = (await create(xfj, { petitionerId: person2, subject: '征地补偿', handlingAgencyCode: WLJ, receivedAt: daysAgo(20) })).id;
  pB = (await create(rsj, { petitionerId: person2, subject: '征地补偿', handlingAgencyCode: RSJ, receivedAt: daysAgo(10) })).id;

  const TICKET_CREATE = `mutation($input: HotlineTicketInput!) { createHotlineTicket(input: $input) { id version } }`;
  const ticket = async (to: string, at: string) =>
    (await hub.ok(rx, TICKET_CREATE, { input: { line: 'L12345', callerId: personId, subject: '欠薪投诉', dispatchedToCode: to, dispatchedAt: at } })).createHotlineTicket;
  t1 = (await ticket(SCJ, daysAgo(3))).id;
  t2 = (await ticket(ZJJ, daysAgo(2))).id;
  // t3 went to HBJ first, which returned it as misrouted; the centre re-dispatched it to SCJ.
  const first = await ticket(HBJ, ago(HOUR));
  t3 = first.id;
  const returned = await hub.ok(hbj, `mutation($id: ID!, $v: Int!) { returnHotlineTicket(id: $id, version: $v, reason: "不属于本单位职责") { version } }`, { id: t3, v: first.version });
  await hub.ok(rx, `mutation($id: ID!, $v: Int!) { redispatchHotlineTicket(id: $id, version: $v, dispatchedToCode: "${SCJ}") { version } }`, { id: t3, v: returned.returnHotlineTicket.version });
});
afterAll(() => hub.stop());

describe('the handling agency (owner)', () => {
  it('sees its petitions on every path', async () => {
    expect(await petitionsSeenBy(rsj)).toEqual(only([p1, p2, p3, p4], [p1, p2, p3, p4]));
  });
});

describe('another agency without a grant', () => {
  beforeAll(() => SharingGrantModel.deleteMany({}));

  it('finds none of the petitions in the root list, with a totalCount that excludes them', async () => {
    expect((await hub.ok(hbj, PETITIONS, { p: personId })).petitions).toEqual({ totalCount: 0, nodes: [], edges: [] });
    expect((await hub.ok(hbj, `{ petitions { totalCount } }`)).petitions.totalCount).toBe(0);
    // The same list for the owner counts them: the filter, not an empty database, hides them.
    expect((await hub.ok(rsj, PETITIONS, { p: personId })).petitions.totalCount).toBe(4);
  });

  it('gets FORBIDDEN for the root single, the same answer as for an id that does not exist', async () => {
    const r = await hub.query(hbj, PETITION, { id: p1 });
    expect(code(r)).toBe('FORBIDDEN');
    expect(r.data?.petition ?? null).toBeNull();
    expect(JSON.stringify(r)).not.toContain('渑信访');
    expect(code(await hub.query(hbj, PETITION, { id: '000000000000000000000000' }))).toBe('FORBIDDEN');
  });

  it('gets FORBIDDEN through _entities', async () => {
    const r = await entities(hbj, [{ __typename: 'Petition', id: p1 }]);
    expect(code(r)).toBe('FORBIDDEN');
    expect(JSON.stringify(r.data ?? null)).not.toContain('渑信访');
    // The same call by the owner resolves (the refusal is the rule, not the call).
    expect((await entities(rsj, [{ __typename: 'Petition', id: p1 }])).data?._entities).toEqual([{ id: p1, number: expect.stringMatching(/^渑信访/) }]);
  });

  it('finds none of them under Person.petitions', async () => {
    expect((await hub.ok(hbj, PERSON, { p: personId })).person.petitions).toEqual({ totalCount: 0, nodes: [] });
    expect(await petitionsSeenBy(hbj)).toEqual(nothing(4));
  });

  it('still gets the dashboard aggregates, which count every agency’s petitions', async () => {
    const month = daysAgo(48).slice(0, 7);
    const q = `query($m: String!) { dashboard(period: $m) { petitions { received byChannel { status count } } } }`;
    const forHbj = (await hub.ok(hbj, q, { m: month })).dashboard.petitions;
    expect(forHbj).toEqual((await hub.ok(rsj, q, { m: month })).dashboard.petitions);
    expect(forHbj.received).toBeGreaterThanOrEqual(1); // HBJ handles none: these are other agencies' petitions
  });
});

describe('another agency under a SharingGrant', () => {
  afterAll(() => SharingGrantModel.deleteMany({}));

  it('sees the provider’s petitions on every path while the grant is active', async () => {
    await grant();
    expect(await petitionsSeenBy(hbj)).toEqual(only([p1, p2, p3, p4], [p1, p2, p3, p4]));
  });

  it('sees nothing under a revoked grant', async () => {
    await grant({ revokedAt: new Date(Date.now() - 1000) });
    expect(await petitionsSeenBy(hbj)).toEqual(nothing(4));
  });

  it('sees nothing under an expired grant', async () => {
    await grant({ validFrom: new Date(Date.now() - 30 * DAY), validUntil: new Date(Date.now() - 1000) });
    expect(await petitionsSeenBy(hbj)).toEqual(nothing(4));
  });

  it('sees nothing under a grant of another kind of record or from another provider', async () => {
    await grant({ resourceTypes: ['HOTLINE_TICKET'] });
    expect(await petitionsSeenBy(hbj)).toEqual(nothing(4));
    await grant({ providerCode: WLJ });
    expect(await petitionsSeenBy(hbj)).toEqual(nothing(4));
  });

  it('sees only the ids in the scope of a grant limited to scopeIds', async () => {
    await grant({ scopeIds: [p2] });
    expect(await petitionsSeenBy(hbj)).toEqual(only([p1, p2, p3, p4], [p2]));
  });
});

describe('the workflow counterparts of a petition', () => {
  beforeAll(() => SharingGrantModel.deleteMany({}));

  it('the 信访局 sees petitions handled (and registered) by other agencies on every path', async () => {
    expect(await petitionsSeenBy(xfj)).toEqual(only([p1, p2, p3, p4], [p1, p2, p3, p4]));
  });

  it('县政府办 sees a petition from the moment a review is applied for, and no other', async () => {
    expect(await petitionsSeenBy(zfb)).toEqual(nothing(4));
    const step = async (name: string, args: string) => {
      const r = await hub.ok(rsj, `mutation($id: ID!, $v: Int!) { ${name}(id: $id, version: $v, ${args}) { version status } }`, { id: p4, v: p4Version });
      p4Version = r[name].version;
      return r[name].status as string;
    };
    await step('acceptPetition', `acceptedAt: "${daysAgo(44)}"`);
    await step('startPetitionHandling', `startedAt: "${daysAgo(43)}"`);
    await step('answerPetition', `answer: "已责令支付", answeredAt: "${daysAgo(10)}"`);
    expect(await petitionsSeenBy(zfb)).toEqual(nothing(4)); // answered, not yet under review
    expect(await step('applyPetitionReview', `appliedAt: "${daysAgo(2)}"`)).toBe('REVIEW');
    expect(await petitionsSeenBy(zfb)).toEqual(only([p1, p2, p3, p4], [p4]));
    // ... and decides it.
    const decided = await hub.ok(zfb, `mutation($id: ID!, $v: Int!) { decidePetitionReview(id: $id, version: $v, decision: "维持") { status reviewDecision } }`, { id: p4, v: p4Version });
    expect(decided.decidePetitionReview).toEqual({ status: 'REVIEW', reviewDecision: '维持' });
  });

  it('another agency still sees none of them', async () => {
    expect(await petitionsSeenBy(hbj)).toEqual(nothing(4));
  });
});

describe('repeat links across agencies', () => {
  const LINKS = `query($id: ID!) { petition(id: $id) { id repeatOf { id } repeatCount } }`;
  afterAll(() => SharingGrantModel.deleteMany({}));

  it('Petition.repeatOf is null (not an error) when the earlier petition is another agency’s', async () => {
    await SharingGrantModel.deleteMany({});
    const r = await hub.query(rsj, LINKS, { id: pB });
    expect(r.errors).toBeUndefined();
    expect(r.data!.petition).toEqual({ id: pB, repeatOf: null, repeatCount: 0 });
  });

  it('repeatCount counts only the repeats the caller may see', async () => {
    expect((await hub.ok(wlj, LINKS, { id: pA })).petition).toEqual({ id: pA, repeatOf: null, repeatCount: 0 });
    expect((await hub.ok(xfj, LINKS, { id: pA })).petition).toEqual({ id: pA, repeatOf: null, repeatCount: 1 });
    expect((await hub.ok(xfj, LINKS, { id: pB })).petition).toEqual({ id: pB, repeatOf: { id: pA }, repeatCount: 0 });
  });

  it('the link is followed under a grant from the earlier petition’s agency', async () => {
    await SharingGrantModel.create({
      _id: 'g-repeat', granteeCode: RSJ, providerCode: WLJ, resourceTypes: ['PETITION'], scopeIds: [pA], purpose: '重复信访核查', legalBasis: '信访工作条例',
      allowsPersonalData: false, validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY), revokedAt: null,
    });
    expect((await hub.ok(rsj, LINKS, { id: pB })).petition).toEqual({ id: pB, repeatOf: { id: pA }, repeatCount: 0 });
  });
});

describe('hotline tickets', () => {
  beforeAll(() => SharingGrantModel.deleteMany({}));
  afterAll(() => SharingGrantModel.deleteMany({}));

  it('the hotline centre sees every ticket of its line', async () => {
    expect(await ticketsSeenBy(rx)).toEqual(only([t1, t2, t3], [t1, t2, t3]));
    expect((await hub.ok(rx, TICKET, { id: t1 })).hotlineTicket).toEqual({ id: t1, dispatchedTo: { code: SCJ }, hotlineCentre: { code: RX } });
  });

  it('a receiving agency sees the tickets dispatched to it, and only those', async () => {
    expect(await ticketsSeenBy(scj)).toEqual(only([t1, t2, t3], [t1, t3]));
    expect(await ticketsSeenBy(zjj)).toEqual(only([t1, t2, t3], [t2]));
  });

  it('an agency that returned a ticket no longer sees it once it is dispatched elsewhere', async () => {
    expect(await ticketsSeenBy(hbj)).toEqual(nothing(3));
  });

  it('the 信访局 has no part in hotline tickets', async () => {
    expect(await ticketsSeenBy(xfj)).toEqual(nothing(3));
  });

  it('another agency sees the tickets under a grant from the hotline centre', async () => {
    await SharingGrantModel.create({
      _id: 'g-ticket', granteeCode: HBJ, providerCode: RX, resourceTypes: ['HOTLINE_TICKET'], scopeIds: [t2], purpose: '投诉线索核查', legalBasis: '政务服务便民热线规定',
      allowsPersonalData: false, validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY), revokedAt: null,
    });
    expect(await ticketsSeenBy(hbj)).toEqual(only([t1, t2, t3], [t2]));
  });
});

describe('the audit of cross-agency reads', () => {
  const events = (id: string, agency: string, from: string) => auditEventsOf(hub, id, agency, from);
  afterAll(() => SharingGrantModel.deleteMany({}));

  it('records READ ALLOWED with the grant id for a granted single, and READ DENIED for a refused one', async () => {
    await grant({ _id: 'g-audit', scopeIds: [p1] });
    let from = now();
    await hub.ok(hbj, PETITION, { id: p1 });
    expect(await events(p1, HBJ, from)).toEqual([read('ALLOWED', 'PETITION', [p1], 'g-audit')]);
    from = now();
    expect(code(await hub.query(hbj, PETITION, { id: p2 }))).toBe('FORBIDDEN');
    expect(await events(p2, HBJ, from)).toEqual([read('DENIED', 'PETITION', [p2], null)]);
    from = now();
    expect(code(await entities(hbj, [{ __typename: 'Petition', id: p2 }]))).toBe('FORBIDDEN');
    expect(await events(p2, HBJ, from)).toEqual([read('DENIED', 'PETITION', [p2], null)]);
  });

  it('records the granted records read through the root list and Person.petitions', async () => {
    await grant({ _id: 'g-audit', scopeIds: [p1] });
    let from = now();
    await hub.ok(hbj, PETITIONS, { p: personId });
    expect(await events(p1, HBJ, from)).toEqual([read('ALLOWED', 'PETITION', [p1], 'g-audit')]);
    from = now();
    await hub.ok(hbj, PERSON, { p: personId });
    expect(await events(p1, HBJ, from)).toEqual([read('ALLOWED', 'PETITION', [p1], 'g-audit')]);
  });

  it('records a counterpart’s reads without a grant, and no READ events for the owner’s own reads', async () => {
    await SharingGrantModel.deleteMany({});
    let from = now();
    await hub.ok(xfj, PETITION, { id: p3 });
    expect(await events(p3, XFJ, from)).toEqual([read('ALLOWED', 'PETITION', [p3], null)]);
    from = now();
    await hub.ok(scj, TICKET, { id: t1 });
    expect(await events(t1, SCJ, from)).toEqual([read('ALLOWED', 'HOTLINE_TICKET', [t1], null)]);
    from = now();
    await hub.ok(rsj, PETITION, { id: p3 });
    await hub.ok(rsj, PETITIONS, { p: personId });
    expect((await events(p3, RSJ, from)).filter((e) => e.action === 'READ')).toEqual([]);
    from = now();
    await hub.ok(rx, TICKET, { id: t1 });
    expect((await events(t1, RX, from)).filter((e) => e.action === 'READ')).toEqual([]);
  });

  it('records a refused ticket read as READ DENIED', async () => {
    const from = now();
    expect(code(await hub.query(zjj, TICKET, { id: t1 }))).toBe('FORBIDDEN');
    expect(await events(t1, ZJJ, from)).toEqual([read('DENIED', 'HOTLINE_TICKET', [t1], null)]);
  });
});
