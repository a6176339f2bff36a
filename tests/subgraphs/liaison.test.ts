import { AGENCIES } from '../../lib/agencies';
import { ID_NUMBER_MESSAGES, idNumberCheckDigit, type IdNumberProblem } from '../../lib/identifiers';
import { decryptPii } from '../../lib/pii-crypto';
import { appendToChain } from '../../subgraphs/liaison/audit/chain';
import { liaison, syncAgencies } from '../../subgraphs/liaison/server';
import {
  AgencyModel, AlertModel, AuditEventModel, DataRequestModel, EnterpriseModel, PersonModel, SharingGrantModel,
  type AlertDoc, type DataRequestDoc, type SharingGrantDoc,
} from '../../subgraphs/liaison/models';
import { useDatabase } from '../helpers/db';
import { personIdOf, validCreditCode, validIdNumber } from '../helpers/fixtures';
import { errorCode, execute, identity } from '../helpers/subgraph';

useDatabase();
beforeAll(async () => {
  await syncAgencies();
});

const SCJ = '411221-SCJ';
const JCY = '411221-JCY';
const officer = identity(SCJ);
const viewer = identity(SCJ, ['viewer']);
const admin = identity(JCY, ['liaison_admin']);

const REGISTER = `mutation($input: PersonInput!) {
  registerPerson(input: $input) { id name idNumberMasked phoneMasked addressMasked gender birthDate isMinor sealed }
}`;
const ENTERPRISE = `mutation($input: EnterpriseInput!) {
  registerEnterprise(input: $input) { creditCode name industry legalRepresentative { id name } }
}`;
const SUBMIT = `mutation($input: DataRequestInput!) {
  submitDataRequest(input: $input) { id status submittedAt requester { code } provider { code name } resourceTypes grant { id } }
}`;
const CREATE_TASK = `mutation($input: WorkTaskInput!) {
  createWorkTask(input: $input) { id status overdue version leadAgency { code } responsibleAgencies { code } }
}`;
const UPDATE_TASK = `mutation($id: ID!, $input: WorkTaskUpdate!) { updateWorkTask(id: $id, input: $input) { title status overdue version } }`;
const START_TASK = `mutation($id: ID!, $version: Int!) { startWorkTask(id: $id, version: $version) { version } }`;
const COMPLETE_TASK = `mutation($id: ID!, $version: Int!) { completeWorkTask(id: $id, version: $version) { status overdue version } }`;
const jcyOfficer = identity(JCY);
/** The lead unit (the joint office's procuratorate here) starts and completes a task. */
async function finishTask(id: string, version = 0) {
  const started = await execute(liaison, jcyOfficer, START_TASK, { id, version });
  return execute(liaison, jcyOfficer, COMPLETE_TASK, { id, version: started.data?.startWorkTask.version });
}
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Agency { code name parent { code } }
  ... on Person { id name idNumberMasked isMinor }
  ... on Enterprise { creditCode name legalRepresentative { id } }
  ... on DataRequest { id status provider { code } grant { id active } }
  ... on SharingGrant { id active grantee { code } request { id } }
  ... on WorkTask { id title overdue }
  ... on Alert { id rule agency { code } }
  ... on Dashboard { period from liaison { openAlerts } }
} }`;

const personInput = (idNumber: string, name = '张三') => ({
  name, idNumber, phone: '138 0013 5678', address: '河南省三门峡市渑池县城关镇幸福路8号',
});
const requestInput = {
  providerCode: '411221-GAJ', resourceTypes: ['CRIMINAL_TRANSFER'], purpose: '核查移送案件办理情况', legalBasis: '国务院令第310号',
  wantsPersonalData: false, periodFrom: '2025-01-01', periodTo: '2025-06-30',
};

/** A number that fails `problem` and only that. */
function badIdNumber(problem: IdNumberProblem): string {
  const withCheck = (first17: string) => first17 + idNumberCheckDigit(first17);
  const good = validIdNumber(9);
  switch (problem) {
    case 'format': return good.slice(0, 17);
    case 'region': return withCheck(`001221${good.slice(6, 17)}`);
    case 'birthDate': return withCheck(`41122119851332${good.slice(14, 17)}`);
    case 'checkDigit': return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  }
}

describe('liaison subgraph: agencies', () => {
  const codesDesc = AGENCIES.map((a) => a.code).sort().reverse();

  it('syncs the code table idempotently and lists it in two pages by code', async () => {
    await syncAgencies();
    expect(await AgencyModel.countDocuments()).toBe(AGENCIES.length);
    const Q = `query($after: String) { agencies(first: 12, after: $after) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } }`;
    const p1 = await execute(liaison, viewer, Q);
    expect(p1.errors).toBeUndefined();
    expect(p1.data?.agencies.totalCount).toBe(AGENCIES.length);
    expect(p1.data?.agencies.pageInfo.hasNextPage).toBe(true);
    const p2 = await execute(liaison, viewer, Q, { after: p1.data?.agencies.pageInfo.endCursor });
    expect(p2.data?.agencies.pageInfo.hasNextPage).toBe(false);
    const codes = [...p1.data?.agencies.nodes, ...p2.data?.agencies.nodes].map((n: { code: string }) => n.code);
    expect(codes).toEqual(codesDesc);
  });

  it('filters by type and resolves agency(code) with its parent', async () => {
    const r = await execute(liaison, viewer, `{ agencies(type: PETITION) { nodes { code type } }
      agency(code: "${SCJ}") { name shortName isJointOffice parent { code } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data?.agencies.nodes).toEqual([{ code: '411221-XFJ', type: 'PETITION' }]);
    expect(r.data?.agency).toEqual({ name: '渑池县市场监督管理局', shortName: '县市场监管局', isJointOffice: false, parent: { code: '411221-ZFB' } });
  });
});

describe('liaison subgraph: persons', () => {
  it('registers a person masked in every field and encrypted at rest', async () => {
    const idNumber = validIdNumber(11, '19850312');
    const r = await execute(liaison, officer, REGISTER, { input: personInput(idNumber) });
    expect(r.errors).toBeUndefined();
    expect(r.data?.registerPerson).toEqual({
      id: personIdOf(idNumber), name: '张三', idNumberMasked: `411***********${idNumber.slice(-4)}`, phoneMasked: '138****5678',
      addressMasked: '河南省三门峡市渑池县城关镇***', gender: 'M', birthDate: '1985-03-12T00:00:00.000Z', isMinor: false, sealed: false,
    });
    const json = JSON.stringify(r);
    for (const secret of [idNumber, '13800135678', '幸福路']) expect(json).not.toContain(secret);

    const stored = await PersonModel.collection.findOne({ _id: personIdOf(idNumber) } as object);
    const raw = JSON.stringify(stored);
    for (const secret of [idNumber, '13800135678', '幸福路']) expect(raw).not.toContain(secret);
    expect(decryptPii(stored!.idNumberEnc as string)).toBe(idNumber);
    expect(decryptPii(stored!.phoneEnc as string)).toBe('13800135678');
  });

  it.each(['format', 'region', 'birthDate', 'checkDigit'] as IdNumberProblem[])(
    'refuses an ID number with a bad %s, naming idNumber, echoing nothing, writing nothing',
    async (problem) => {
      const idNumber = badIdNumber(problem);
      const before = await PersonModel.countDocuments();
      const r = await execute(liaison, officer, REGISTER, { input: personInput(idNumber) });
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].extensions?.field).toBe('idNumber');
      expect(r.errors?.[0].message).toBe(`idNumber: ${ID_NUMBER_MESSAGES[problem]}`);
      expect(JSON.stringify(r)).not.toContain(idNumber);
      expect(await PersonModel.countDocuments()).toBe(before);
    },
  );

  it('is idempotent: the same number returns the same person, unchanged', async () => {
    const idNumber = validIdNumber(12);
    const first = await execute(liaison, officer, REGISTER, { input: personInput(idNumber, '李四') });
    const again = await execute(liaison, officer, REGISTER, { input: personInput(idNumber.toLowerCase(), '李四改') });
    expect(again.errors).toBeUndefined();
    expect(again.data?.registerPerson).toEqual(first.data?.registerPerson);
    expect(again.data?.registerPerson.name).toBe('李四');
    expect(await PersonModel.countDocuments({ _id: personIdOf(idNumber) })).toBe(1);
  });

  it('computes isMinor and refuses a viewer', async () => {
    const birth = `${new Date().getUTCFullYear() - 10}0101`;
    const r = await execute(liaison, officer, REGISTER, { input: { name: '小王', idNumber: validIdNumber(14, birth) } });
    expect(r.data?.registerPerson).toMatchObject({ isMinor: true, gender: 'F', phoneMasked: null, addressMasked: null });
    const denied = await execute(liaison, viewer, REGISTER, { input: personInput(validIdNumber(15)) });
    expect(errorCode(denied)).toBe('FORBIDDEN');
  });

  it('finds a person by ID number, validated the same way', async () => {
    const idNumber = validIdNumber(16);
    await execute(liaison, officer, REGISTER, { input: personInput(idNumber, '王五') });
    const Q = `query($n: String!) { personByIdNumber(idNumber: $n) { id name } }`;
    const found = await execute(liaison, viewer, Q, { n: ` ${idNumber} ` });
    expect(found.data?.personByIdNumber).toEqual({ id: personIdOf(idNumber), name: '王五' });
    expect((await execute(liaison, viewer, Q, { n: validIdNumber(17) })).data?.personByIdNumber).toBeNull();
    const bad = await execute(liaison, viewer, Q, { n: badIdNumber('checkDigit') });
    expect(bad.errors?.[0].extensions?.field).toBe('idNumber');
  });
});

describe('liaison subgraph: enterprises', () => {
  it('registers an enterprise with its legal representative', async () => {
    const idNumber = validIdNumber(21);
    await execute(liaison, officer, REGISTER, { input: personInput(idNumber, '赵六') });
    const creditCode = validCreditCode(21);
    const r = await execute(liaison, officer, ENTERPRISE, {
      input: { creditCode: creditCode.toLowerCase(), name: '渑池县仰韶食品有限公司', industry: '食品', legalRepresentativeId: personIdOf(idNumber) },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.registerEnterprise).toEqual({ creditCode, name: '渑池县仰韶食品有限公司', industry: '食品', legalRepresentative: { id: personIdOf(idNumber), name: '赵六' } });
  });

  it.each([
    ['a bad check character', { creditCode: validCreditCode(22).slice(0, 17) + (validCreditCode(22).endsWith('0') ? '1' : '0') }, 'creditCode'],
    ['an unregistered legal representative', { creditCode: validCreditCode(23), legalRepresentativeId: personIdOf(validIdNumber(99)) }, 'legalRepresentativeId'],
    ['a legal representative id that is no pseudonym', { creditCode: validCreditCode(24), legalRepresentativeId: 'abc' }, 'legalRepresentativeId'],
  ])('refuses %s', async (_, patch, field) => {
    const before = await EnterpriseModel.countDocuments();
    const r = await execute(liaison, officer, ENTERPRISE, { input: { name: '某公司', ...patch } });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe(field);
    expect(await EnterpriseModel.countDocuments()).toBe(before);
  });
});

describe('liaison subgraph: data requests', () => {
  it('submits a request for the caller agency and filters the list', async () => {
    const r = await execute(liaison, officer, SUBMIT, { input: requestInput });
    expect(r.errors).toBeUndefined();
    expect(r.data?.submitDataRequest).toMatchObject({
      status: 'SUBMITTED', requester: { code: SCJ }, provider: { code: '411221-GAJ', name: '渑池县公安局' }, resourceTypes: ['CRIMINAL_TRANSFER'], grant: null,
    });
    expect(Date.now() - Date.parse(r.data?.submitDataRequest.submittedAt)).toBeLessThan(60_000);
    const list = await execute(liaison, viewer, `{ dataRequests(filter: { requesterCode: "${SCJ}", status: SUBMITTED }) { totalCount nodes { id } }
      other: dataRequests(filter: { providerCode: "411221-HBJ" }) { totalCount } }`);
    expect(list.data).toEqual({ dataRequests: { totalCount: 1, nodes: [{ id: r.data?.submitDataRequest.id }] }, other: { totalCount: 0 } });
  });

  it.each([
    ['provider = requester', { providerCode: SCJ }, 'providerCode'],
    ['unknown provider', { providerCode: '411221-XXX' }, 'providerCode'],
    ['no resource types', { resourceTypes: [] }, 'resourceTypes'],
    ['period in the wrong order', { periodFrom: '2025-06-30', periodTo: '2025-01-01' }, 'periodTo'],
    ['blank purpose', { purpose: '  ' }, 'purpose'],
  ])('refuses %s and writes nothing', async (_, patch, field) => {
    const before = await DataRequestModel.countDocuments();
    const r = await execute(liaison, officer, SUBMIT, { input: { ...requestInput, ...patch } });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe(field);
    expect(await DataRequestModel.countDocuments()).toBe(before);
  });
});

describe('liaison subgraph: work tasks', () => {
  const task = (title: string, dueAt: string) => ({ year: 2031, title, leadAgencyCode: JCY, responsibleAgencyCodes: [SCJ, '411221-GAJ', SCJ], dueAt });

  it('creates tasks, filters overdue ones and updates with versioning', async () => {
    const late = await execute(liaison, admin, CREATE_TASK, { input: task('建立信息共享平台', '2020-06-30') });
    expect(late.errors).toBeUndefined();
    expect(late.data?.createWorkTask).toMatchObject({ status: 'PLANNED', overdue: true, version: 0, leadAgency: { code: JCY }, responsibleAgencies: [{ code: SCJ }, { code: '411221-GAJ' }] });
    const future = await execute(liaison, admin, CREATE_TASK, { input: task('联合培训', '2999-12-31') });
    const done = await execute(liaison, admin, CREATE_TASK, { input: task('联席会议', '2020-03-31') });
    const doneId = done.data?.createWorkTask.id;
    const renamed = await execute(liaison, admin, UPDATE_TASK, { id: doneId, input: { version: 0, title: '召开年度联席会议' } });
    expect(renamed.data?.updateWorkTask).toEqual({ title: '召开年度联席会议', status: 'PLANNED', overdue: true, version: 1 });
    expect(errorCode(await execute(liaison, admin, UPDATE_TASK, { id: doneId, input: { version: 0, title: 'stale' } }))).toBe('CONFLICT');
    expect((await finishTask(doneId, 1)).data?.completeWorkTask).toEqual({ status: 'DONE', overdue: false, version: 3 });

    const Q = `query($overdue: Boolean) { workTasks(filter: { year: 2031, overdue: $overdue }) { nodes { id overdue } } }`;
    const overdue = await execute(liaison, viewer, Q, { overdue: true });
    expect(overdue.data?.workTasks.nodes).toEqual([{ id: late.data?.createWorkTask.id, overdue: true }]);
    const notOverdue = await execute(liaison, viewer, Q, { overdue: false });
    expect(notOverdue.data?.workTasks.nodes).toEqual([
      { id: future.data?.createWorkTask.id, overdue: false },
      { id: doneId, overdue: false },
    ]);
  });

  it('lets only the joint office\'s liaison admin write tasks, with valid agency codes', async () => {
    expect(errorCode(await execute(liaison, officer, CREATE_TASK, { input: task('x', '2031-01-01') }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(liaison, identity(SCJ, ['liaison_admin']), CREATE_TASK, { input: task('x', '2031-01-01') }))).toBe('FORBIDDEN');
    const bad = await execute(liaison, admin, CREATE_TASK, { input: { ...task('x', '2031-01-01'), responsibleAgencyCodes: ['411221-XXX'] } });
    expect(bad.errors?.[0].extensions?.field).toBe('responsibleAgencyCodes');
  });
});

describe('liaison subgraph: dashboard, audit, me', () => {
  it('parses the period and counts the liaison indicators inside it', async () => {
    const bad = await execute(liaison, viewer, `{ dashboard(period: "2023-Q5") { period } }`);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].extensions?.field).toBe('period');

    const at = (d: string) => new Date(d);
    const request: Omit<DataRequestDoc, '_id' | 'status' | 'submittedAt' | 'scopeIds' | 'version' | 'history'> = { requesterCode: SCJ, providerCode: JCY, resourceTypes: ['PETITION'], purpose: 'p', legalBasis: 'l', wantsPersonalData: false, periodFrom: at('2023-01-01'), periodTo: at('2023-02-01') };
    await DataRequestModel.create([
      { ...request, status: 'GRANTED', submittedAt: at('2023-04-10') },
      { ...request, status: 'GRANTED', submittedAt: at('2023-05-10') },
      { ...request, status: 'DENIED', submittedAt: at('2023-06-10') },
      { ...request, status: 'DENIED', submittedAt: at('2023-07-10') },
    ] satisfies Partial<DataRequestDoc>[]);
    for (const [title, dueAt, status] of [['a', '2023-04-30', 'DONE'], ['b', '2023-05-30', undefined], ['c', '2023-08-30', 'DONE']] as const) {
      const t = await execute(liaison, admin, CREATE_TASK, { input: { year: 2023, title, leadAgencyCode: JCY, responsibleAgencyCodes: [], dueAt } });
      if (status) await finishTask(t.data?.createWorkTask.id);
    }
    const alert: Pick<AlertDoc, 'rule' | 'severity' | 'message' | 'agencyCode'> = { rule: 'TRANSFER_OVERDUE', severity: 'WARNING', message: 'm', agencyCode: SCJ };
    await AlertModel.create([
      { ...alert, raisedAt: at('2023-05-01') },
      { ...alert, raisedAt: at('2023-05-02'), resolvedAt: at('2023-05-03') },
      { ...alert, raisedAt: at('2023-09-01') },
    ]);

    const r = await execute(liaison, viewer, `{ dashboard(period: "2023-Q2") { period from to
      liaison { dataRequestsByStatus { status count } workTasksDone workTasksOverdue openAlerts jointMeetings } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data?.dashboard).toEqual({
      period: '2023-Q2', from: '2023-03-31T16:00:00.000Z', to: '2023-06-30T16:00:00.000Z',
      liaison: { dataRequestsByStatus: [{ status: 'DENIED', count: 1 }, { status: 'GRANTED', count: 2 }], workTasksDone: 1, workTasksOverdue: 1, openAlerts: 1, jointMeetings: 0 },
    });
  });

  it('shows audit events to auditors only, filtered, and keeps them append-only', async () => {
    // Appended through the chain (mutations above already wrote events of their own).
    const event = { actor: 'u1', actorAgency: SCJ, action: 'READ' as const, resourceType: 'Person', fieldsUnmasked: [], requestId: 'r', outcome: 'ALLOWED' as const, grantId: null, purpose: null };
    const [first, second] = await appendToChain([
      { ...event, at: new Date('2025-01-01'), resourceIds: ['p1-audit'] },
      { ...event, at: new Date('2025-01-02'), resourceIds: ['p2-audit'] },
    ]);
    const Q = `{ auditEvents(filter: { resourceId: "p2-audit", actorAgency: "${SCJ}" }) { totalCount nodes { id action resourceIds hash prevHash } } }`;
    expect(errorCode(await execute(liaison, viewer, Q))).toBe('FORBIDDEN');
    const r = await execute(liaison, identity(JCY, ['auditor']), Q);
    expect(r.errors).toBeUndefined();
    expect(r.data?.auditEvents).toMatchObject({ totalCount: 1, nodes: [{ action: 'READ', resourceIds: ['p2-audit'], hash: second.hash, prevHash: first.hash }] });
    await expect(AuditEventModel.updateOne({ hash: first.hash }, { outcome: 'x' })).rejects.toThrow('append-only');
    await expect(AuditEventModel.deleteMany({})).rejects.toThrow('append-only');
  });

  it('answers me from the caller identity', async () => {
    const r = await execute(liaison, identity(SCJ, ['viewer', 'auditor'], 'u-42'), `{ me { userId roles agency { code name } } }`);
    expect(r.data?.me).toEqual({ userId: 'u-42', roles: ['viewer', 'auditor'], agency: { code: SCJ, name: '渑池县市场监督管理局' } });
  });
});

describe('liaison subgraph: _entities', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const idNumber = validIdNumber(31);
    ids.person = (await execute(liaison, officer, REGISTER, { input: personInput(idNumber, '钱七') })).data?.registerPerson.id;
    ids.enterprise = validCreditCode(31);
    await execute(liaison, officer, ENTERPRISE, { input: { creditCode: ids.enterprise, name: '渑池县某建材公司', legalRepresentativeId: ids.person } });
    ids.request = (await execute(liaison, officer, SUBMIT, { input: requestInput })).data?.submitDataRequest.id;
    const grant: Omit<SharingGrantDoc, '_id' | 'scopeIds' | 'allowsPersonalData'> = {
      requestId: ids.request, granteeCode: SCJ, providerCode: '411221-GAJ', resourceTypes: ['CRIMINAL_TRANSFER'], purpose: 'p', legalBasis: 'l',
      validFrom: new Date(Date.now() - 86_400_000), validUntil: new Date(Date.now() + 86_400_000),
    };
    ids.grant = (await SharingGrantModel.create(grant))._id;
    ids.revoked = (await SharingGrantModel.create({ ...grant, requestId: null, revokedAt: new Date() }))._id;
    ids.task = (await execute(liaison, admin, CREATE_TASK, { input: { year: 2032, title: '同堂培训', leadAgencyCode: JCY, responsibleAgencyCodes: [], dueAt: '2999-01-01' } })).data?.createWorkTask.id;
    const alert: Omit<AlertDoc, '_id'> = { rule: 'SUGGESTION_OVERDUE', severity: 'INFO', message: 'm', agencyCode: SCJ, raisedAt: new Date() };
    ids.alert = (await AlertModel.create(alert))._id;
  });

  const resolve = async (reps: object[]) => {
    const r = await execute(liaison, viewer, ENTITIES, { reps });
    expect(r.errors).toBeUndefined();
    return r.data?._entities;
  };

  it('resolves Agency', async () => {
    expect(await resolve([{ __typename: 'Agency', code: '411221-GAJ' }, { __typename: 'Agency', code: 'nope' }]))
      .toEqual([{ code: '411221-GAJ', name: '渑池县公安局', parent: { code: '411221-ZFB' } }, null]);
  });
  it('resolves Person, masked', async () => {
    const [p] = await resolve([{ __typename: 'Person', id: ids.person }]);
    expect(p).toEqual({ id: ids.person, name: '钱七', idNumberMasked: `411***********${validIdNumber(31).slice(-4)}`, isMinor: false });
  });
  it('resolves Enterprise', async () => {
    expect(await resolve([{ __typename: 'Enterprise', creditCode: ids.enterprise }]))
      .toEqual([{ creditCode: ids.enterprise, name: '渑池县某建材公司', legalRepresentative: { id: ids.person } }]);
  });
  it('resolves DataRequest with its grant', async () => {
    expect(await resolve([{ __typename: 'DataRequest', id: ids.request }]))
      .toEqual([{ id: ids.request, status: 'SUBMITTED', provider: { code: '411221-GAJ' }, grant: { id: ids.grant, active: true } }]);
  });
  it('resolves SharingGrant, active or revoked', async () => {
    expect(await resolve([{ __typename: 'SharingGrant', id: ids.grant }, { __typename: 'SharingGrant', id: ids.revoked }])).toEqual([
      { id: ids.grant, active: true, grantee: { code: SCJ }, request: { id: ids.request } },
      { id: ids.revoked, active: false, grantee: { code: SCJ }, request: null },
    ]);
  });
  it('resolves WorkTask', async () => {
    expect(await resolve([{ __typename: 'WorkTask', id: ids.task }])).toEqual([{ id: ids.task, title: '同堂培训', overdue: false }]);
  });
  it('resolves Alert', async () => {
    expect(await resolve([{ __typename: 'Alert', id: ids.alert }])).toEqual([{ id: ids.alert, rule: 'SUGGESTION_OVERDUE', agency: { code: SCJ } }]);
  });
  it('resolves Dashboard', async () => {
    expect(await resolve([{ __typename: 'Dashboard', period: '2031-06' }]))
      .toEqual([{ period: '2031-06', from: '2031-05-31T16:00:00.000Z', liaison: { openAlerts: 0 } }]);
  });
  it('refuses an operator object as an entity key', async () => {
    const r = await execute(liaison, viewer, ENTITIES, { reps: [{ __typename: 'Person', id: { $ne: null } }] });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});
