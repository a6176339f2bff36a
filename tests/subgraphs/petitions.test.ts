import { petitions } from '../../subgraphs/petitions/server';
import { HotlineTicketModel, PetitionModel } from '../../subgraphs/petitions/models';
import { hotlineTickets } from '../../subgraphs/petitions/workflow';
import { useDatabase } from '../helpers/db';
import { personIdOf, validIdNumber } from '../helpers/fixtures';
import type { Identity } from '../../lib/identity';
import { errorCode, execute, identity, type Result } from '../helpers/subgraph';

useDatabase();

const XFJ = '411221-XFJ';
const bureau = identity(XFJ);
const person = (n: number) => personIdOf(validIdNumber(n));

const FIELDS = `id number status version channel petitioner { id } handlingAgency { code } acceptanceDueAt acceptedAt
  handlingDueAt answeredAt proceduralReplyDueAt resultDueAt dueAt overdue extensionDays repeatOf { id } repeatCount
  history { from to agency } allowedNextSteps
  relatedCases { __typename ... on ProcuratorateCase { id } ... on EnforcementCase { id } }`;
const CREATE = `mutation($input: PetitionInput!) { createPetition(input: $input) { ${FIELDS} } }`;
const LINK = `mutation($id: ID!, $version: Int!, $kind: PetitionRelatedCaseKind!, $caseId: ID!) {
  linkRelatedCase(id: $id, version: $version, kind: $kind, caseId: $caseId) { version relatedCases { __typename ... on EnforcementCase { id } } } }`;
const TICKET = `mutation($input: HotlineTicketInput!) { createHotlineTicket(input: $input) {
  id number status handlingDueAt overdue dispatchedTo { code } caller { id } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Petition { number repeatCount handlingAgency { code } }
  ... on HotlineTicket { number line dispatchedTo { code } }
  ... on Person { petitions { totalCount nodes { id } } hotlineTickets { totalCount nodes { id } } }
  ... on Dashboard { period petitions { received acceptedInTime answeredInTime repeatPetitions hearings
      byChannel { status count } hotlineTicketsByStatus { status count } hotlineOnTime } } } }`;

const base = { channel: 'VISIT', subject: '拖欠工资', summary: '要求支付拖欠工资', handlingAgencyCode: '411221-RSJ', receivedAt: '2025-03-01' };

/** Creates a petition (as the 信访局 unless told) and returns it, failing loudly on errors. */
async function create(input: Record<string, unknown>, who = bureau) {
  const r = await execute(petitions, who, CREATE, { input: { ...base, ...input } });
  expect(r.errors).toBeUndefined();
  return r.data!.createPetition;
}

/** Runs one workflow step `name(id, version, ...args)` as `who`. */
async function step(name: string, who: Identity, args: Record<string, unknown>): Promise<Result> {
  const list = Object.entries(args).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
  return execute(petitions, who, `mutation { ${name}(${list}) { ${FIELDS} } }`);
}

/** Runs a step that must succeed and returns the petition after it. */
async function ok(name: string, who: Identity, args: Record<string, unknown>) {
  const r = await step(name, who, args);
  expect(r.errors).toBeUndefined();
  return r.data![name];
}

describe('petitions subgraph', () => {
  it('creates a petition and lists it with filters', async () => {
    const petitionerId = person(1);
    const p = await create({ petitionerId, handlingAgencyCode: '411221-WLJ' });
    expect(p).toMatchObject({ status: 'RECEIVED', version: 0, channel: 'VISIT', petitioner: { id: petitionerId }, handlingAgency: { code: '411221-WLJ' } });
    expect(p.number).toMatch(/^渑信访〔2025〕\d+号$/);
    expect(p.history).toEqual([{ from: null, to: 'RECEIVED', agency: XFJ }]);
    expect(p.allowedNextSteps).toEqual(['ACCEPTED', 'NOT_ACCEPTED']);
    await create({ channel: 'LETTER', handlingAgencyCode: '411221-WLJ', receivedAt: '2025-04-01' });

    const list = async (filter: string) =>
      (await execute(petitions, bureau, `{ petitions(filter: { handlingAgencyCode: "411221-WLJ", ${filter} }) { totalCount nodes { id channel } } }`)).data?.petitions;
    expect(await list('channel: VISIT')).toEqual({ totalCount: 1, nodes: [{ id: p.id, channel: 'VISIT' }] });
    expect(await list(`petitionerId: "${petitionerId}"`)).toEqual({ totalCount: 1, nodes: [{ id: p.id, channel: 'VISIT' }] });
    expect((await list('receivedFrom: "2025-03-15"')).nodes).toEqual([{ id: expect.any(String), channel: 'LETTER' }]);
    expect((await list('status: RECEIVED')).totalCount).toBe(2);
  });

  it.each([
    ['petitionerId', { petitionerId: '411221198503120011' }],
    ['handlingAgencyCode', { handlingAgencyCode: '411221-XXX' }],
    ['subject', { subject: '   ' }],
    ['summary', { summary: '' }],
    ['receivedAt', { receivedAt: '2999-01-01' }],
    ['relatedCases.id', { relatedCases: [{ kind: 'ENFORCEMENT', id: 'x y;$' }] }],
  ])('refuses bad input (%s) with the field and writes nothing', async (field, patch) => {
    const before = await PetitionModel.countDocuments();
    const r = await execute(petitions, bureau, CREATE, { input: { ...base, ...patch } });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe(field);
    expect(await PetitionModel.countDocuments()).toBe(before);
  });

  it('lets only the handling agency or the 信访局 write', async () => {
    const before = await PetitionModel.countDocuments();
    const other = await execute(petitions, identity('411221-HBJ'), CREATE, { input: base });
    expect(errorCode(other)).toBe('FORBIDDEN');
    const viewer = await execute(petitions, identity(XFJ, ['viewer']), CREATE, { input: base });
    expect(errorCode(viewer)).toBe('FORBIDDEN');
    expect(await PetitionModel.countDocuments()).toBe(before);

    const own = await create({}, identity('411221-RSJ'));
    expect(errorCode(await step('acceptPetition', identity('411221-HBJ'), { id: own.id, version: 0, acceptedAt: '2025-03-02' }))).toBe('FORBIDDEN');
    expect((await ok('acceptPetition', identity('411221-RSJ'), { id: own.id, version: 0, acceptedAt: '2025-03-02' })).version).toBe(1);
  });

  it('links a repeat petition to the earlier open one and counts repeats', async () => {
    const petitionerId = person(2);
    const first = await create({ petitionerId, subject: '征地补偿', receivedAt: '2025-01-10' });
    const second = await create({ petitionerId, subject: '征地补偿', receivedAt: '2025-02-01' });
    const third = await create({ petitionerId, subject: '征地补偿', receivedAt: '2025-02-15' });
    const otherSubject = await create({ petitionerId, subject: '房屋拆迁', receivedAt: '2025-02-15' });
    const otherPerson = await create({ petitionerId: person(3), subject: '征地补偿', receivedAt: '2025-02-15' });
    expect(first.repeatOf).toBeNull();
    expect(second.repeatOf).toEqual({ id: first.id });
    expect(third.repeatOf).toEqual({ id: first.id });
    expect(otherSubject.repeatOf).toBeNull();
    expect(otherPerson.repeatOf).toBeNull();
    const r = await execute(petitions, bureau, `{ petition(id: "${first.id}") { repeatCount } }`);
    expect(r.data?.petition.repeatCount).toBe(2);

    // A petition that was not accepted is closed: a new one on the subject starts afresh.
    const closed = await create({ petitionerId: person(4), subject: '低保', receivedAt: '2025-01-10' });
    expect((await ok('declinePetition', bureau, { id: closed.id, version: 0, reason: '不属于信访事项', decidedAt: '2025-01-12' })).status).toBe('NOT_ACCEPTED');
    expect((await create({ petitionerId: person(4), subject: '低保', receivedAt: '2025-02-10' })).repeatOf).toBeNull();
  });

  it('computes due dates (end of the China day, rolled to a working day) and overdue, and filters on overdue', async () => {
    const agency = '411221-SLJ';
    // Received Sat 1 Mar 2025 08:00 in China.
    const old = await create({ handlingAgencyCode: agency, procuratorateHandled: true });
    expect(old).toMatchObject({
      acceptanceDueAt: '2025-03-17T15:59:59.999Z', // +15 = Sun 16 Mar → Mon 17 Mar, 24:00
      proceduralReplyDueAt: '2025-03-10T15:59:59.999Z', // +7 = Sat 8 Mar → Mon 10 Mar
      resultDueAt: '2025-06-03T15:59:59.999Z', // +3 months = Sun 1 Jun, in 端午 (31 May–2 Jun) → Tue 3 Jun
      handlingDueAt: null,
      dueAt: '2025-03-10T15:59:59.999Z', // the earliest running duty
      overdue: true,
    });
    const plain = await create({ handlingAgencyCode: agency, receivedAt: '2024-11-30' });
    expect(plain).toMatchObject({ proceduralReplyDueAt: null, resultDueAt: null, overdue: true });
    // 30 Nov + 3 months = 28 Feb (month end clamps), a Friday.
    expect((await create({ handlingAgencyCode: agency, receivedAt: '2024-11-30', procuratorateHandled: true })).resultDueAt).toBe('2025-02-28T15:59:59.999Z');
    const fresh = await create({ handlingAgencyCode: agency, receivedAt: new Date().toISOString() });
    expect(fresh.overdue).toBe(false);

    await ok('acceptPetition', bureau, { id: plain.id, version: 0, acceptedAt: '2024-12-05' });
    await ok('startPetitionHandling', identity(agency), { id: plain.id, version: 1, startedAt: '2024-12-06' });
    const answered = await ok('answerPetition', identity(agency), { id: plain.id, version: 2, answer: '已答复', answeredAt: '2025-01-20' });
    expect(answered).toMatchObject({ status: 'ANSWERED', overdue: false, dueAt: null });

    const ids = async (overdue: boolean) =>
      ((await execute(petitions, bureau, `{ petitions(filter: { handlingAgencyCode: "${agency}", overdue: ${overdue} }) { nodes { id } } }`))
        .data?.petitions.nodes as { id: string }[]).map((n) => n.id).sort();
    expect(await ids(true)).toHaveLength(2);
    expect(await ids(true)).toContain(old.id);
    expect(await ids(false)).toEqual([answered.id, fresh.id].sort());
  });

  it('gives hotline tickets a due date of 5 working days, skipping the weekend', async () => {
    const centre = identity('411221-RX12345');
    // Friday 10:00 in China: Mon..Fri of the next week, so the following Friday, to 24:00.
    const friday = await execute(petitions, centre, TICKET, { input: { line: 'L12345', subject: '噪音扰民', dispatchedToCode: '411221-HBJ', dispatchedAt: '2025-03-07T10:00:00+08:00', callerId: person(5) } });
    expect(friday.errors).toBeUndefined();
    expect(friday.data?.createHotlineTicket).toMatchObject({ status: 'DISPATCHED', handlingDueAt: '2025-03-14T15:59:59.999Z', overdue: true, dispatchedTo: { code: '411221-HBJ' } });
    expect(friday.data?.createHotlineTicket.number).toMatch(/^12345-2025-\d{6}$/);
    const wednesday = await execute(petitions, centre, TICKET, { input: { line: 'L12345', subject: '路灯', dispatchedToCode: '411221-ZJJ', dispatchedAt: '2025-03-12T09:00:00+08:00' } });
    expect(wednesday.data?.createHotlineTicket.handlingDueAt).toBe('2025-03-19T15:59:59.999Z');

    const before = await HotlineTicketModel.countDocuments();
    const wrongLine = await execute(petitions, centre, TICKET, { input: { line: 'L12309', subject: '控告', dispatchedToCode: '411221-JCY', dispatchedAt: '2025-03-07' } });
    expect(errorCode(wrongLine)).toBe('FORBIDDEN');
    const badAgency = await execute(petitions, centre, TICKET, { input: { line: 'L12345', subject: 'x', dispatchedToCode: 'nope', dispatchedAt: '2025-03-07' } });
    expect(badAgency.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dispatchedToCode' });
    expect(await HotlineTicketModel.countDocuments()).toBe(before);

    // The 12345 centre owns its tickets (the 信访局 has no part in them).
    const list = await execute(petitions, centre, `{ hotlineTickets(filter: { dispatchedToCode: "411221-HBJ", overdue: true }) { totalCount nodes { id } } }`);
    expect(list.data?.hotlineTickets).toEqual({ totalCount: 1, nodes: [{ id: friday.data?.createHotlineTicket.id }] });
  });

  it('returns related cases of both kinds through the RelatedCase union', async () => {
    const p = await create({ relatedCases: [{ kind: 'PROCURATORATE', id: 'pc-1' }, { kind: 'ENFORCEMENT', id: 'ec-1' }, { kind: 'ENFORCEMENT', id: 'ec-1' }] });
    expect(p.relatedCases).toEqual([{ __typename: 'ProcuratorateCase', id: 'pc-1' }, { __typename: 'EnforcementCase', id: 'ec-1' }]);
    const linked = await execute(petitions, bureau, LINK, { id: p.id, version: 0, kind: 'ENFORCEMENT', caseId: 'ec-2' });
    expect(linked.data?.linkRelatedCase).toEqual({ version: 1, relatedCases: [{ __typename: 'ProcuratorateCase' }, { __typename: 'EnforcementCase', id: 'ec-1' }, { __typename: 'EnforcementCase', id: 'ec-2' }] });
    expect(errorCode(await execute(petitions, bureau, LINK, { id: p.id, version: 1, kind: 'ENFORCEMENT', caseId: 'ec-2' }))).toBe('CONFLICT');
    const bad = await execute(petitions, bureau, LINK, { id: p.id, version: 1, kind: 'PROCURATORATE', caseId: '{"$ne":1}' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId' });
  });

  it('resolves Petition through _entities', async () => {
    const first = await create({ petitionerId: person(6), subject: '养老金' });
    await create({ petitionerId: person(6), subject: '养老金' });
    const r = await execute(petitions, bureau, ENTITIES, { reps: [{ __typename: 'Petition', id: first.id }] });
    expect(r.data?._entities).toEqual([{ number: first.number, repeatCount: 1, handlingAgency: { code: '411221-RSJ' } }]);
  });

  it('resolves HotlineTicket through _entities', async () => {
    const t = await execute(petitions, identity('411221-JCY'), TICKET, { input: { line: 'L12309', subject: '申诉', dispatchedToCode: '411221-JCY', dispatchedAt: '2025-03-03' } });
    const { id, number } = t.data?.createHotlineTicket;
    const r = await execute(petitions, identity('411221-JCY'), ENTITIES, { reps: [{ __typename: 'HotlineTicket', id }] });
    expect(r.data?._entities).toEqual([{ number, line: 'L12309', dispatchedTo: { code: '411221-JCY' } }]);
  });

  it('resolves Person through _entities with petitions and hotline tickets', async () => {
    const id = person(7);
    const a = await create({ petitionerId: id, subject: 'A' });
    const b = await create({ petitionerId: id, subject: 'B' });
    const t = await execute(petitions, identity('411221-RX12345'), TICKET, { input: { line: 'L12345', callerId: id, subject: 'C', dispatchedToCode: '411221-SCJ', dispatchedAt: '2025-03-03' } });
    const reps = [{ __typename: 'Person', id }, { __typename: 'Person', id: person(8) }];
    // The 信访局 sees the petitions (a counterpart of every petition); the 12345 centre its tickets.
    const r = await execute(petitions, bureau, ENTITIES, { reps });
    expect(r.data?._entities.map((e: { petitions: unknown }) => e.petitions)).toEqual([
      { totalCount: 2, nodes: [{ id: b.id }, { id: a.id }] },
      { totalCount: 0, nodes: [] },
    ]);
    const byCentre = await execute(petitions, identity('411221-RX12345'), ENTITIES, { reps });
    expect(byCentre.data?._entities.map((e: { hotlineTickets: unknown }) => e.hotlineTickets)).toEqual([
      { totalCount: 1, nodes: [{ id: t.data?.createHotlineTicket.id }] },
      { totalCount: 0, nodes: [] },
    ]);
  });

  it('resolves Dashboard through _entities with the period indicators', async () => {
    const x = person(9);
    const p1 = await create({ petitionerId: x, subject: '噪声', receivedAt: '2023-05-02' });
    const RSJ = identity('411221-RSJ');
    await ok('acceptPetition', bureau, { id: p1.id, version: 0, acceptedAt: '2023-05-05' });
    await ok('startPetitionHandling', RSJ, { id: p1.id, version: 1, startedAt: '2023-05-05' });
    await ok('holdPetitionHearing', RSJ, { id: p1.id, version: 2, hearingFrom: '2023-05-20', hearingTo: '2023-05-21' });
    await ok('answerPetition', RSJ, { id: p1.id, version: 3, answer: '已协调处理', answeredAt: '2023-06-01' });
    await create({ petitionerId: x, subject: '噪声', channel: 'LETTER', receivedAt: '2023-05-10' });
    const late = await create({ receivedAt: '2023-05-20' });
    await ok('acceptPetition', bureau, { id: late.id, version: 0, acceptedAt: '2023-06-20' });
    await create({ receivedAt: '2023-06-01' });
    await execute(petitions, identity('411221-RX12345'), TICKET, { input: { line: 'L12345', subject: 'a', dispatchedToCode: '411221-SCJ', dispatchedAt: '2023-05-08' } });
    const ticket = { line: 'L12345' as const, subject: 'b', dispatchedToCode: '411221-SCJ', dispatchedAt: new Date('2023-05-09') };
    await HotlineTicketModel.create(hotlineTickets.prepare({ ...ticket, number: 'D-1', status: 'FEEDBACK', feedbackAt: new Date('2023-05-12') }));
    await HotlineTicketModel.create(hotlineTickets.prepare({ ...ticket, number: 'D-2', status: 'RATED', feedbackAt: new Date('2023-05-30'), rating: 4 }));

    const r = await execute(petitions, bureau, ENTITIES, { reps: [{ __typename: 'Dashboard', period: '2023-05' }] });
    expect(r.data?._entities).toEqual([{
      period: '2023-05',
      petitions: {
        received: 3, acceptedInTime: 1, answeredInTime: 1, repeatPetitions: 1, hearings: 1,
        byChannel: [{ status: 'LETTER', count: 1 }, { status: 'VISIT', count: 2 }],
        hotlineTicketsByStatus: [{ status: 'DISPATCHED', count: 1 }, { status: 'FEEDBACK', count: 1 }, { status: 'RATED', count: 1 }],
        hotlineOnTime: 1,
      },
    }]);
  });

  it('refuses an operator object as an entity key', async () => {
    const r = await execute(petitions, bureau, ENTITIES, { reps: [{ __typename: 'Petition', id: { $ne: null } }] });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});
