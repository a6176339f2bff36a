import { procuratorate } from '../../subgraphs/procuratorate/server';
import { ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel, type SuggestionDoc } from '../../subgraphs/procuratorate/models';
import { suggestions } from '../../subgraphs/procuratorate/workflow';
import { countCommands, useDatabase } from '../helpers/db';
import { personIdOf, validCreditCode, validIdNumber } from '../helpers/fixtures';
import { errorCode, execute, identity } from '../helpers/subgraph';

useDatabase();

const JCY = '411221-JCY';
const SCJ = '411221-SCJ';
const officer = identity(JCY);
const DAY = 24 * 3600_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

const CREATE = `mutation($input: ProcuratorateCaseInput!) { createProcuratorateCase(input: $input) {
  id caseNumber type status version sealed pendingTooLong agency { code } suspects { id } victims { id } enterprises { creditCode } } }`;
const UPDATE = `mutation($id: ID!, $input: ProcuratorateCaseUpdate!) { updateProcuratorateCase(id: $id, input: $input) {
  version status decision nonProsecutionKind decidedAt closedAt } }`;
const SUGGEST = `mutation($input: SuggestionInput!) { issueSuggestion(input: $input) { id status servedAt replyDueAt overdue } }`;
const REFER = `mutation($input: ReverseReferralInput!) { createReverseReferral(input: $input) {
  id status referredAt competentAgency { code } enforcementCase { id } procuratorateCase { id } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on ProcuratorateCase { caseNumber pendingTooLong sourceTransfer { id } reverseReferrals { id } suspects { id } }
  ... on Suggestion { number status replyDueAt overdue procuratorateCase { id } targetAgency { code } }
  ... on ReverseReferral { referralStatus: status competentAgency { code } enforcementCase { id } referredCase: procuratorateCase { id } }
  ... on CriminalTransfer { id procuratorateCase { id caseNumber } }
  ... on Person { id procuratorateCases { totalCount nodes { caseNumber } } }
  ... on Enterprise { creditCode procuratorateCases(first: 1) { totalCount pageInfo { hasNextPage } nodes { caseNumber } } }
  ... on Dashboard { period procuratorate { casesAccepted casesByType { status count } suggestionsIssued suggestionsReplied
      suggestionsOverdue reverseReferrals opinionsIssued resultsReported pendingTooLong } } } }`;

let seq = 0;
const caseInput = (patch: Record<string, unknown> = {}) => ({
  caseNumber: `渑检刑诉受〔2024〕${++seq}号`,
  type: 'CRIMINAL_PROSECUTION',
  title: '盗窃案',
  acceptedAt: '2024-06-01',
  ...patch,
});

async function createCase(patch: Record<string, unknown> = {}, who = officer): Promise<string> {
  const r = await execute(procuratorate, who, CREATE, { input: caseInput(patch) });
  expect(r.errors).toBeUndefined();
  return r.data?.createProcuratorateCase.id as string;
}

async function update(id: string, input: Record<string, unknown>, who = officer) {
  return execute(procuratorate, who, UPDATE, { id, input });
}

async function caseNumbers(filter: Record<string, unknown>, who = officer): Promise<string[]> {
  const r = await execute(procuratorate, who, `query($f: ProcuratorateCaseFilter) { procuratorateCases(filter: $f) { totalCount nodes { caseNumber } } }`, { f: filter });
  expect(r.errors).toBeUndefined();
  expect(r.data?.procuratorateCases.totalCount).toBe(r.data?.procuratorateCases.nodes.length);
  return r.data?.procuratorateCases.nodes.map((n: { caseNumber: string }) => n.caseNumber);
}

async function entities(reps: Record<string, unknown>[], who = officer) {
  const r = await execute(procuratorate, who, ENTITIES, { reps });
  expect(r.errors).toBeUndefined();
  return r.data?._entities as Record<string, unknown>[];
}

/** A suggestion written straight to the model in some state (the steps are tested in procuratorate-workflow.test.ts). */
async function seedSuggestion(caseId: string, patch: Partial<SuggestionDoc>): Promise<string> {
  const doc = await SuggestionModel.create(suggestions.prepare({
    number: `渑检建〔2025〕${++seq}号`, kind: 'SOCIAL_GOVERNANCE', procuratorateCaseId: caseId, agencyCode: JCY,
    targetAgencyCode: SCJ, content: '建议加强监管', status: 'SERVED', issuedAt: new Date('2023-01-01'), ...patch,
  } as Partial<SuggestionDoc> & Pick<SuggestionDoc, 'status'>));
  return doc._id;
}

describe('procuratorate subgraph', () => {
  it('creates cases and lists them with each filter', async () => {
    const suspect = personIdOf(validIdNumber(11));
    const victim = personIdOf(validIdNumber(12));
    const company = validCreditCode(11);
    await createCase({ caseNumber: 'L-1', acceptedAt: '2018-01-10', personIds: [suspect, suspect], creditCodes: [company.toLowerCase()] });
    await createCase({ caseNumber: 'L-2', acceptedAt: '2018-02-10', type: 'PUBLIC_INTEREST', victimIds: [victim], publicInterestField: '生态环境' });
    await createCase({ caseNumber: 'L-3', acceptedAt: '2018-03-10', type: 'ADMINISTRATIVE_SUPERVISION' });
    const r = await execute(procuratorate, identity(SCJ), CREATE, { input: caseInput({ caseNumber: 'L-4', acceptedAt: '2018-03-20' }) });
    expect(r.data?.createProcuratorateCase).toMatchObject({ agency: { code: SCJ }, status: 'ACCEPTED', version: 0, sealed: false });

    const year = { acceptedFrom: '2018-01-01', acceptedTo: '2019-01-01' };
    // Each agency lists its own cases (L-4 is the SCJ's: another agency's, without a grant or a part in its workflow).
    expect(await caseNumbers(year)).toEqual(['L-3', 'L-2', 'L-1']);
    expect(await caseNumbers(year, identity(SCJ))).toEqual(['L-4']);
    expect(await caseNumbers({ ...year, status: 'CLUE' })).toEqual(['L-2']);
    expect(await caseNumbers({ ...year, type: 'ADMINISTRATIVE_SUPERVISION' })).toEqual(['L-3']);
    expect(await caseNumbers({ ...year, agencyCode: SCJ }, identity(SCJ))).toEqual(['L-4']);
    expect(await caseNumbers({ ...year, agencyCode: SCJ })).toEqual([]);
    expect(await caseNumbers({ acceptedFrom: '2018-02-01', acceptedTo: '2018-03-01' })).toEqual(['L-2']);
    expect(await caseNumbers({ ...year, personId: suspect })).toEqual(['L-1']);
    expect(await caseNumbers({ ...year, personId: victim })).toEqual(['L-2']);
    expect(await caseNumbers({ ...year, creditCode: company })).toEqual(['L-1']);

    const one = await execute(procuratorate, officer, `{ procuratorateCases(filter: { creditCode: "${company}" }) { nodes { suspects { id } enterprises { creditCode } } } }`);
    expect(one.data?.procuratorateCases.nodes).toEqual([{ suspects: [{ id: suspect }], enterprises: [{ creditCode: company }] }]);
  });

  it.each([
    ['agencyCode', { agencyCode: '411221-XXX' }],
    ['caseNumber', { caseNumber: '   ' }],
    ['title', { title: '' }],
    ['personIds', { personIds: ['not-a-person'] }],
    ['victimIds', { victimIds: ['41122119850312001X'] }],
    ['creditCodes', { creditCodes: ['91411221MA0000001X'] }],
    ['acceptedAt', { acceptedAt: '2999-01-01' }],
    ['sourceTransferId', { sourceTransferId: 'T-1' }],
    ['publicInterestField', { publicInterestField: '生态环境' }],
  ])('refuses a case with a bad %s and writes nothing', async (field, patch) => {
    const before = await ProcuratorateCaseModel.countDocuments();
    const r = await execute(procuratorate, officer, CREATE, { input: caseInput(patch) });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe(field);
    expect(await ProcuratorateCaseModel.countDocuments()).toBe(before);
  });

  it.each([
    ['decidedAt', 'CRIMINAL_PROSECUTION', { decision: 'PROSECUTE' }],
    ['decidedAt', 'CRIMINAL_PROSECUTION', { decision: 'PROSECUTE', decidedAt: '2024-05-01' }],
    ['closedAt', 'CRIMINAL_PROSECUTION', { decision: 'PROSECUTE', decidedAt: '2024-07-01', closedAt: '2024-06-15' }],
    ['nonProsecutionKind', 'CRIMINAL_PROSECUTION', { decision: 'NON_PROSECUTION', decidedAt: '2024-07-01' }],
    ['nonProsecutionKind', 'CRIMINAL_PROSECUTION', { decision: 'PROSECUTE', decidedAt: '2024-07-01', nonProsecutionKind: 'STATUTORY' }],
    ['decision', 'PUBLIC_INTEREST', { decision: 'PROSECUTE', decidedAt: '2024-07-01' }],
    ['status', 'CRIMINAL_PROSECUTION', { status: 'CONSULTATION' }],
    ['closedAt', 'CRIMINAL_PROSECUTION', { status: 'CLOSED' }],
  ])('refuses an update with a bad %s (%s) and changes nothing', async (field, type, patch) => {
    const id = await createCase({ type });
    const r = await update(id, { version: 0, ...patch });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe(field);
    expect(await ProcuratorateCaseModel.findById(id).lean()).toMatchObject({ version: 0, decision: null, closedAt: null });
  });

  it('decides and closes a case; a stale version gets CONFLICT', async () => {
    const id = await createCase();
    const decided = await update(id, { version: 0, decision: 'NON_PROSECUTION', nonProsecutionKind: 'DISCRETIONARY', decidedAt: '2024-07-01' });
    expect(decided.data?.updateProcuratorateCase).toMatchObject({ version: 1, status: 'DECIDED', decision: 'NON_PROSECUTION', nonProsecutionKind: 'DISCRETIONARY' });
    const stale = await update(id, { version: 0, closedAt: '2024-08-01' });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0].extensions?.currentVersion).toBe(1);
    const closed = await update(id, { version: 1, closedAt: '2024-08-01' });
    expect(closed.data?.updateProcuratorateCase).toMatchObject({ version: 2, status: 'CLOSED', closedAt: '2024-08-01T00:00:00.000Z' });
  });

  it("refuses writes to another agency's records", async () => {
    const id = await createCase();
    const scj = identity(SCJ);
    const cases = await ProcuratorateCaseModel.countDocuments();
    expect(errorCode(await execute(procuratorate, scj, CREATE, { input: caseInput({ agencyCode: JCY }) }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(procuratorate, identity(JCY, ['viewer']), CREATE, { input: caseInput() }))).toBe('FORBIDDEN');
    expect(errorCode(await update(id, { version: 0, title: 'x' }, scj))).toBe('FORBIDDEN');
    expect(await ProcuratorateCaseModel.countDocuments()).toBe(cases);
    const suggestions = await SuggestionModel.countDocuments();
    const s = await execute(procuratorate, scj, SUGGEST, { input: { procuratorateCaseId: id, number: 'F-1', kind: 'OTHER', targetAgencyCode: SCJ, content: 'x', issuedAt: '2024-07-01' } });
    expect(errorCode(s)).toBe('FORBIDDEN');
    expect(await SuggestionModel.countDocuments()).toBe(suggestions);
    const rr = await execute(procuratorate, scj, REFER, { input: { procuratorateCaseId: id, competentAgencyCode: SCJ } });
    expect(errorCode(rr)).toBe('FORBIDDEN');
    expect((await ProcuratorateCaseModel.findById(id).lean())?.title).toBe('盗窃案');
  });

  it.each([
    ['targetAgencyCode', 'CRIMINAL_PROSECUTION', { targetAgencyCode: 'nowhere' }],
    ['number', 'CRIMINAL_PROSECUTION', { number: ' ' }],
    ['issuedAt', 'CRIMINAL_PROSECUTION', { issuedAt: '2024-01-01' }],
    ['kind', 'CRIMINAL_PROSECUTION', { kind: 'PUBLIC_INTEREST_PRE_SUIT' }],
    ['harmSpreading', 'PUBLIC_INTEREST', { harmSpreading: true }],
  ])('refuses a suggestion with a bad %s and writes nothing', async (field, type, patch) => {
    const id = await createCase({ type });
    const before = await SuggestionModel.countDocuments();
    const input = { procuratorateCaseId: id, number: `S-${field}`, kind: 'OTHER', targetAgencyCode: SCJ, content: '建议', issuedAt: '2024-07-01', ...patch };
    const r = await execute(procuratorate, officer, SUGGEST, { input });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe(field);
    expect(await SuggestionModel.countDocuments()).toBe(before);
  });

  it('issues a suggestion as a DRAFT with no reply deadline yet', async () => {
    const id = await createCase({ type: 'PUBLIC_INTEREST' });
    const input = { procuratorateCaseId: id, number: '渑检行公建〔2024〕1号', kind: 'PUBLIC_INTEREST_PRE_SUIT', targetAgencyCode: '411221-HBJ', content: '督促履职', issuedAt: '2024-07-01', harmSpreading: true };
    const r = await execute(procuratorate, officer, SUGGEST, { input });
    expect(r.data?.issueSuggestion).toMatchObject({ status: 'DRAFT', servedAt: null, replyDueAt: null, overdue: false });
    const dup = await execute(procuratorate, officer, SUGGEST, { input });
    expect(errorCode(dup)).toBe('CONFLICT');
  });

  it('creates a reverse referral only for a NON_PROSECUTION case', async () => {
    const id = await createCase();
    const input = { procuratorateCaseId: id, competentAgencyCode: SCJ, referredAt: '2024-07-03', enforcementCaseId: 'a'.repeat(24) };
    const before = await ReverseReferralModel.countDocuments();
    expect(errorCode(await execute(procuratorate, officer, REFER, { input }))).toBe('CONFLICT');
    await update(id, { version: 0, decision: 'PROSECUTE', decidedAt: '2024-07-01' });
    expect(errorCode(await execute(procuratorate, officer, REFER, { input }))).toBe('CONFLICT');
    expect(await ReverseReferralModel.countDocuments()).toBe(before);

    const np = await createCase();
    await update(np, { version: 0, decision: 'NON_PROSECUTION', nonProsecutionKind: 'STATUTORY', decidedAt: '2024-07-01' });
    const bad = await execute(procuratorate, officer, REFER, { input: { ...input, procuratorateCaseId: np, competentAgencyCode: 'x' } });
    expect(bad.errors?.[0].extensions?.field).toBe('competentAgencyCode');
    const early = await execute(procuratorate, officer, REFER, { input: { ...input, procuratorateCaseId: np, referredAt: '2024-06-15' } });
    expect(early.errors?.[0].extensions?.field).toBe('referredAt');
    expect(await ReverseReferralModel.countDocuments()).toBe(before);
    const r = await execute(procuratorate, officer, REFER, { input: { ...input, procuratorateCaseId: np } });
    expect(r.data?.createReverseReferral).toMatchObject({ status: 'REFERRED', competentAgency: { code: SCJ }, enforcementCase: { id: 'a'.repeat(24) }, procuratorateCase: { id: np } });

    const list = await execute(procuratorate, officer, `query($id: ID!) { reverseReferrals(filter: { procuratorateCaseId: $id, status: REFERRED, competentAgencyCode: "${SCJ}" }) { totalCount nodes { id } } }`, { id: np });
    expect(list.data?.reverseReferrals).toEqual({ totalCount: 1, nodes: [{ id: r.data?.createReverseReferral.id }] });
  });

  // lib/deadlines: the period ends at 24:00 China time of its last day; month ends clamp; a last day on a rest day
  // moves to the next working day (the official calendar: 劳动节 2025 is 1–5 May, 端午 31 May–2 June).
  it.each([
    ['2025-03-31', 'SOCIAL_GOVERNANCE', false, '2025-06-03T15:59:59.999Z'], // Sat 31 May 2025 opens 端午 → Tue 3 June
    ['2024-12-30', 'SOCIAL_GOVERNANCE', false, '2025-02-28T15:59:59.999Z'],
    ['2023-12-30', 'CORRECT_VIOLATION', false, '2024-02-29T15:59:59.999Z'],
    ['2024-12-30T17:00:00Z', 'SOCIAL_GOVERNANCE', false, '2025-02-28T15:59:59.999Z'], // 31 Dec in China → 28 Feb
    ['2025-03-01', 'PUBLIC_INTEREST_PRE_SUIT', true, '2025-03-17T15:59:59.999Z'], // 16 March is a Sunday
    ['2025-03-01', 'PUBLIC_INTEREST_PRE_SUIT', false, '2025-05-06T15:59:59.999Z'], // 1 May is in 劳动节 → Tue 6 May
  ])('a suggestion served %s (%s, harm spreading %s) is due %s', async (served, kind, harmSpreading, due) => {
    const caseId = await createCase();
    const id = await seedSuggestion(caseId, { servedAt: new Date(served), kind: kind as SuggestionDoc['kind'], harmSpreading });
    expect((await SuggestionModel.findById(id).lean())?.replyDueAt?.toISOString()).toBe(due);
    const [s] = await entities([{ __typename: 'Suggestion', id }]);
    expect(s).toMatchObject({ replyDueAt: due, overdue: true });
  });

  it('flags and filters overdue suggestions', async () => {
    const caseId = await createCase();
    const LYJ = '411221-LYJ';
    const late = await seedSuggestion(caseId, { number: 'O-late', targetAgencyCode: LYJ, servedAt: daysAgo(100), issuedAt: daysAgo(101) });
    await seedSuggestion(caseId, { number: 'O-replied', targetAgencyCode: LYJ, servedAt: daysAgo(100), repliedAt: daysAgo(10), status: 'REPLIED', issuedAt: daysAgo(102) });
    await seedSuggestion(caseId, { number: 'O-recent', targetAgencyCode: LYJ, servedAt: daysAgo(10), issuedAt: daysAgo(103) });
    await seedSuggestion(caseId, { number: 'O-draft', targetAgencyCode: LYJ, status: 'DRAFT', issuedAt: daysAgo(104) });
    const list = async (filter: Record<string, unknown>) => {
      const r = await execute(procuratorate, officer, `query($f: SuggestionFilter) { suggestions(filter: $f) { totalCount nodes { number overdue } } }`, { f: { targetAgencyCode: LYJ, ...filter } });
      expect(r.errors).toBeUndefined();
      return r.data?.suggestions;
    };
    expect((await list({})).nodes).toEqual([
      { number: 'O-late', overdue: true }, { number: 'O-replied', overdue: false },
      { number: 'O-recent', overdue: false }, { number: 'O-draft', overdue: false },
    ]);
    expect(await list({ overdue: true })).toEqual({ totalCount: 1, nodes: [{ number: 'O-late', overdue: true }] });
    expect((await list({ overdue: false })).totalCount).toBe(3);
    expect((await list({ status: 'DRAFT' })).nodes).toEqual([{ number: 'O-draft', overdue: false }]);
    expect((await list({ issuedFrom: daysAgo(101.5), issuedTo: daysAgo(100.5) })).nodes).toEqual([{ number: 'O-late', overdue: true }]);
    const [s] = await entities([{ __typename: 'Suggestion', id: late }]);
    expect(s.overdue).toBe(true);
  });

  it('flags company-related cases open for a year as pendingTooLong', async () => {
    const company = validCreditCode(21);
    const old = daysAgo(400).toISOString();
    const pending = await createCase({ caseNumber: 'P-open', acceptedAt: old, creditCodes: [company] });
    const closed = await createCase({ caseNumber: 'P-closed', acceptedAt: old, creditCodes: [company] });
    expect((await update(closed, { version: 0, status: 'CLOSED', closedAt: daysAgo(30).toISOString() })).errors).toBeUndefined();
    await createCase({ caseNumber: 'P-recent', acceptedAt: daysAgo(300).toISOString(), creditCodes: [company] });
    const noCompany = await createCase({ caseNumber: 'P-person', acceptedAt: old, personIds: [personIdOf(validIdNumber(21))] });

    expect(await caseNumbers({ creditCode: company, pendingTooLong: true })).toEqual(['P-open']);
    expect((await caseNumbers({ creditCode: company, pendingTooLong: false })).sort()).toEqual(['P-closed', 'P-recent']);
    expect((await caseNumbers({ acceptedFrom: daysAgo(401), acceptedTo: daysAgo(399), pendingTooLong: false })).sort()).toEqual(['P-closed', 'P-person']);
    const [p, n] = await entities([{ __typename: 'ProcuratorateCase', id: pending }, { __typename: 'ProcuratorateCase', id: noCompany }]);
    expect([p.pendingTooLong, n.pendingTooLong]).toEqual([true, false]);
  });

  it('shows a sealed case to its owner only', async () => {
    const minor = personIdOf(validIdNumber(31, '20100101'));
    const company = validCreditCode(31);
    const id = await createCase({ caseNumber: 'SEALED-1', personIds: [minor], creditCodes: [company], sealed: true });
    const scj = identity(SCJ);
    const one = `query($id: ID!) { procuratorateCase(id: $id) { caseNumber sealed } }`;
    expect((await execute(procuratorate, officer, one, { id })).data?.procuratorateCase).toEqual({ caseNumber: 'SEALED-1', sealed: true });
    const refused = await execute(procuratorate, scj, one, { id });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.data?.procuratorateCase ?? null).toBeNull();
    expect(await caseNumbers({ personId: minor })).toEqual(['SEALED-1']);
    expect(await caseNumbers({ personId: minor }, scj)).toEqual([]);
    const reps = [{ __typename: 'Person', id: minor }, { __typename: 'Enterprise', creditCode: company }, { __typename: 'ProcuratorateCase', id }];
    const count = (e: Record<string, unknown>) => (e.procuratorateCases as { totalCount: number }).totalCount;
    const [person, enterprise, found] = await entities(reps);
    expect([count(person), count(enterprise), found?.caseNumber]).toEqual([1, 1, 'SEALED-1']);
    const [theirPerson, theirEnterprise] = await entities(reps.slice(0, 2), scj);
    expect([count(theirPerson), count(theirEnterprise)]).toEqual([0, 0]);
    const theirs = await execute(procuratorate, scj, ENTITIES, { reps: reps.slice(2) });
    expect(errorCode(theirs)).toBe('FORBIDDEN');
    expect(JSON.stringify(theirs)).not.toContain('SEALED-1');
  });

  it('resolves ProcuratorateCase through _entities', async () => {
    const suspect = personIdOf(validIdNumber(41));
    const transferId = 'b'.repeat(24);
    const id = await createCase({ caseNumber: 'E-case', personIds: [suspect], sourceTransferId: transferId });
    expect(await entities([{ __typename: 'ProcuratorateCase', id }])).toEqual([
      { caseNumber: 'E-case', pendingTooLong: false, sourceTransfer: { id: transferId }, reverseReferrals: [], suspects: [{ id: suspect }] },
    ]);
    // An id that does not exist gets the answer of a case one may not see, so ids cannot be probed.
    const missing = await execute(procuratorate, officer, ENTITIES, { reps: [{ __typename: 'ProcuratorateCase', id: 'c'.repeat(24) }] });
    expect(errorCode(missing)).toBe('FORBIDDEN');
  });

  it('resolves Suggestion through _entities', async () => {
    const caseId = await createCase();
    const r = await execute(procuratorate, officer, SUGGEST, { input: { procuratorateCaseId: caseId, number: 'E-sugg', kind: 'CORRECT_VIOLATION', targetAgencyCode: '411221-ZRJ', content: '纠正', issuedAt: '2024-07-01' } });
    const id = r.data?.issueSuggestion.id;
    expect(await entities([{ __typename: 'Suggestion', id }])).toEqual([
      { number: 'E-sugg', status: 'DRAFT', replyDueAt: null, overdue: false, procuratorateCase: { id: caseId }, targetAgency: { code: '411221-ZRJ' } },
    ]);
  });

  it('resolves ReverseReferral through _entities, and lists it on its case', async () => {
    const caseId = await createCase();
    await update(caseId, { version: 0, decision: 'NON_PROSECUTION', nonProsecutionKind: 'CONDITIONAL', decidedAt: '2024-07-01' });
    const r = await execute(procuratorate, officer, REFER, { input: { procuratorateCaseId: caseId, competentAgencyCode: '411221-NYJ' } });
    const id = r.data?.createReverseReferral.id;
    expect(await entities([{ __typename: 'ReverseReferral', id }, { __typename: 'ProcuratorateCase', id: caseId }])).toEqual([
      { referralStatus: 'NON_PROSECUTED', competentAgency: { code: '411221-NYJ' }, enforcementCase: null, referredCase: { id: caseId } },
      expect.objectContaining({ reverseReferrals: [{ id }] }),
    ]);
  });

  it('resolves CriminalTransfer.procuratorateCase through _entities', async () => {
    const transferId = 'd'.repeat(24);
    const id = await createCase({ caseNumber: 'E-transfer', sourceTransferId: transferId });
    const again = await execute(procuratorate, officer, CREATE, { input: caseInput({ sourceTransferId: transferId }) });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(await entities([{ __typename: 'CriminalTransfer', id: transferId }, { __typename: 'CriminalTransfer', id: 'e'.repeat(24) }])).toEqual([
      { id: transferId, procuratorateCase: { id, caseNumber: 'E-transfer' } },
      { id: 'e'.repeat(24), procuratorateCase: null },
    ]);
  });

  it('resolves Person.procuratorateCases (suspect or victim) in one query for all persons', async () => {
    const a = personIdOf(validIdNumber(51));
    const b = personIdOf(validIdNumber(52));
    await createCase({ caseNumber: 'E-p1', acceptedAt: '2024-01-01', personIds: [a] });
    const c = personIdOf(validIdNumber(53));
    await createCase({ caseNumber: 'E-p2', acceptedAt: '2024-02-01', personIds: [b], victimIds: [a] });
    await createCase({ caseNumber: 'E-p3', acceptedAt: '2024-03-01', victimIds: [c] });
    const reps = [a, b, c].map((id) => ({ __typename: 'Person', id }));
    const { result, commands } = await countCommands(() => entities(reps));
    expect(result).toEqual([
      { id: a, procuratorateCases: { totalCount: 2, nodes: [{ caseNumber: 'E-p2' }, { caseNumber: 'E-p1' }] } },
      { id: b, procuratorateCases: { totalCount: 1, nodes: [{ caseNumber: 'E-p2' }] } },
      { id: c, procuratorateCases: { totalCount: 1, nodes: [{ caseNumber: 'E-p3' }] } },
    ]);
    expect(commands.filter((c) => c.endsWith('.find'))).toHaveLength(1);
  });

  it('resolves Enterprise.procuratorateCases through _entities', async () => {
    const company = validCreditCode(61);
    await createCase({ caseNumber: 'E-e1', creditCodes: [company] });
    await createCase({ caseNumber: 'E-e2', creditCodes: [company, validCreditCode(62)] });
    expect(await entities([{ __typename: 'Enterprise', creditCode: company }, { __typename: 'Enterprise', creditCode: validCreditCode(63) }])).toEqual([
      { creditCode: company, procuratorateCases: { totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ caseNumber: 'E-e2' }] } },
      { creditCode: validCreditCode(63), procuratorateCases: { totalCount: 0, pageInfo: { hasNextPage: false }, nodes: [] } },
    ]);
  });

  it('resolves Dashboard.procuratorate for a period, never counting sealed cases', async () => {
    type Stats = Record<string, number | { status: string; count: number }[]>;
    const stats = async () => ((await entities([{ __typename: 'Dashboard', period: '2021' }]))[0].procuratorate as Stats);
    const before = await stats();
    const company = validCreditCode(71);
    const c1 = await createCase({ acceptedAt: '2021-02-01' });
    await createCase({ acceptedAt: '2021-03-01', type: 'PUBLIC_INTEREST' });
    await createCase({ acceptedAt: '2021-03-01', sealed: true });
    await createCase({ acceptedAt: '2020-06-01', creditCodes: [company] }); // 挂案 by the end of 2021
    await createCase({ acceptedAt: '2020-06-01', creditCodes: [company], sealed: true });
    const cleared = await createCase({ acceptedAt: '2020-06-01', creditCodes: [company] });
    await update(cleared, { version: 0, closedAt: '2021-06-01' });
    await update(c1, { version: 0, decision: 'NON_PROSECUTION', nonProsecutionKind: 'STATUTORY', decidedAt: '2021-04-01' });
    await execute(procuratorate, officer, SUGGEST, { input: { procuratorateCaseId: c1, number: 'D-1', kind: 'OTHER', targetAgencyCode: SCJ, content: 'x', issuedAt: '2021-04-02' } });
    await seedSuggestion(c1, { issuedAt: new Date('2020-12-01'), servedAt: new Date('2021-01-10') }); // overdue since 2021-03-10
    await seedSuggestion(c1, { issuedAt: new Date('2020-12-01'), servedAt: new Date('2021-01-10'), repliedAt: new Date('2021-02-01') });
    await seedSuggestion(c1, { issuedAt: new Date('2020-12-01'), servedAt: new Date('2021-01-10'), status: 'WITHDRAWN', withdrawnAt: new Date('2021-02-01') }); // never owed
    const rr = await execute(procuratorate, officer, REFER, { input: { procuratorateCaseId: c1, competentAgencyCode: SCJ, referredAt: '2021-04-05' } });
    await ReverseReferralModel.updateOne({ _id: rr.data?.createReverseReferral.id }, { opinionIssuedAt: new Date('2021-04-20'), resultReportedAt: new Date('2021-06-01'), status: 'RESULT_REPORTED' });

    const after = await stats();
    const byType = (s: Stats) => Object.fromEntries((s.casesByType as { status: string; count: number }[]).map((r) => [r.status, r.count]));
    const delta = Object.fromEntries(Object.keys(after).filter((k) => k !== 'casesByType').map((k) => [k, (after[k] as number) - (before[k] as number)]));
    expect(delta).toEqual({ casesAccepted: 2, suggestionsIssued: 1, suggestionsReplied: 1, suggestionsOverdue: 1, reverseReferrals: 1, opinionsIssued: 1, resultsReported: 1, pendingTooLong: 1 });
    const [b, a] = [byType(before), byType(after)];
    expect({ CRIMINAL_PROSECUTION: a.CRIMINAL_PROSECUTION - (b.CRIMINAL_PROSECUTION ?? 0), PUBLIC_INTEREST: a.PUBLIC_INTEREST - (b.PUBLIC_INTEREST ?? 0) })
      .toEqual({ CRIMINAL_PROSECUTION: 1, PUBLIC_INTEREST: 1 });
    const bad = await execute(procuratorate, officer, `{ _entities(representations: [{ __typename: "Dashboard", period: "2021-13" }]) { ... on Dashboard { period } } }`);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });

  it('refuses an operator object as an entity key', async () => {
    const r = await execute(procuratorate, officer, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProcuratorateCase { id } } }`,
      { reps: [{ __typename: 'ProcuratorateCase', id: { $ne: null } }] });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});
