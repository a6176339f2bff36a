import { enforcement } from '../../subgraphs/enforcement/server';
import { useDatabase } from '../helpers/db';
import { errorCode, execute, identity } from '../helpers/subgraph';
import { personIdOf, validCreditCode, validIdNumber } from '../helpers/fixtures';
import { EnforcementCaseModel } from '../../subgraphs/enforcement/models';

useDatabase();

const SCJ = '411221-SCJ';
const officer = identity(SCJ);

const CREATE = `mutation($input: EnforcementCaseInput!) {
  createEnforcementCase(input: $input) { id caseNumber status version agency { code } person { id } enterprise { creditCode } }
}`;

const base = { caseNumber: '渑市监罚〔2025〕1号', field: 'MARKET', facts: '销售过期食品', filedAt: '2025-03-01' };

describe('enforcement subgraph', () => {
  it('creates a case for the caller agency and lists it with filters', async () => {
    const personId = personIdOf(validIdNumber(7));
    const created = await execute(enforcement, officer, CREATE, { input: { ...base, personId } });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createEnforcementCase).toMatchObject({ status: 'INVESTIGATING', agency: { code: SCJ }, person: { id: personId }, version: 0 });

    const list = await execute(enforcement, officer, `{ enforcementCases(filter: { agencyCode: "${SCJ}", field: MARKET }) { totalCount nodes { caseNumber } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data?.enforcementCases).toEqual({ totalCount: 1, nodes: [{ caseNumber: base.caseNumber }] });
  });

  it.each([
    ['creditCode', { creditCode: '91411221MA0000001X' }, 'creditCode'],
    ['unknown agency', { agencyCode: '411221-XXX', creditCode: validCreditCode(2) }, 'agencyCode'],
    ['no party', {}, 'personId | creditCode'],
    ['future date', { creditCode: validCreditCode(3), filedAt: '2999-01-01' }, 'filedAt'],
  ])('refuses bad input (%s) with the field and writes nothing', async (_, patch, field) => {
    const before = await EnforcementCaseModel.countDocuments();
    const r = await execute(enforcement, officer, CREATE, { input: { ...base, caseNumber: `X-${field}`, ...patch } });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe(field);
    expect(await EnforcementCaseModel.countDocuments()).toBe(before);
  });

  it('refuses a write for another agency', async () => {
    const r = await execute(enforcement, identity('411221-HBJ'), CREATE, { input: { ...base, caseNumber: 'other', agencyCode: SCJ, creditCode: validCreditCode(4) } });
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it('updates with optimistic versioning: a stale version gets CONFLICT', async () => {
    const c = await execute(enforcement, officer, CREATE, { input: { ...base, caseNumber: 'v-1', creditCode: validCreditCode(5) } });
    const id = c.data?.createEnforcementCase.id;
    const UPDATE = `mutation($id: ID!, $input: EnforcementCaseUpdate!) { updateEnforcementCase(id: $id, input: $input) { version status penalty { type amount } } }`;
    const first = await execute(enforcement, officer, UPDATE, { id, input: { version: 0, penalty: { type: 'FINE', amount: 5000 }, decidedAt: '2025-04-01' } });
    expect(first.data?.updateEnforcementCase).toEqual({ version: 1, status: 'DECIDED', penalty: { type: 'FINE', amount: 5000 } });
    const stale = await execute(enforcement, officer, UPDATE, { id, input: { version: 0, facts: 'late' } });
    expect(errorCode(stale)).toBe('CONFLICT');
    const badOrder = await execute(enforcement, officer, UPDATE, { id, input: { version: 1, closedAt: '2025-03-15' } });
    expect(badOrder.errors?.[0].extensions?.field).toBe('closedAt');
  });

  it('resolves EnforcementCase and CriminalTransfer through _entities', async () => {
    const c = await execute(enforcement, officer, CREATE, { input: { ...base, caseNumber: 'e-1', creditCode: validCreditCode(6) } });
    const id = c.data?.createEnforcementCase.id;
    const t = await execute(enforcement, officer, `mutation($input: CriminalTransferInput!) { reportCriminalTransfer(input: $input) { id status } }`,
      { input: { enforcementCaseId: id, policeAgencyCode: '411221-GAJ', suspectedCharge: '生产、销售伪劣产品罪', reportedAt: '2025-03-10' } });
    const transferId = t.data?.reportCriminalTransfer.id;
    const r = await execute(enforcement, officer, `query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on EnforcementCase { caseNumber transfer { id } } ... on CriminalTransfer { status enforcementCase { id } } } }`,
      { reps: [{ __typename: 'EnforcementCase', id }, { __typename: 'CriminalTransfer', id: transferId }] });
    expect(r.data?._entities).toEqual([
      { caseNumber: 'e-1', transfer: { id: transferId } },
      { status: 'REPORTED', enforcementCase: { id } },
    ]);
  });

  it.each([[{ $ne: null }], [{ $where: 'sleep(1000)' }], [{ $regex: '.*' }], [['a', 'b']]])(
    'refuses the injection %j in an argument and in a representation, reading nothing',
    async (operator) => {
      const arg = await execute(enforcement, officer, 'query($id: ID!) { enforcementCase(id: $id) { id } }', { id: operator });
      expect(errorCode(arg)).toBe('BAD_USER_INPUT');
      expect(arg.data ?? null).toBeNull();
      const rep = await execute(enforcement, officer, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on EnforcementCase { id } } }`,
        { reps: [{ __typename: 'EnforcementCase', id: operator }] });
      expect(errorCode(rep)).toBe('BAD_USER_INPUT');
      expect(rep.data?._entities).toEqual([null]);
    },
  );

  it('refuses an operator object as an entity key', async () => {
    const r = await execute(enforcement, officer, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on EnforcementCase { id } } }`,
      { reps: [{ __typename: 'EnforcementCase', id: { $ne: null } }] });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});
