import { AuditEventModel } from '../../subgraphs/liaison/models';
import { ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel } from '../../subgraphs/procuratorate/models';
import { procuratorate } from '../../subgraphs/procuratorate/server';
import { useDatabase } from '../helpers/db';
import { personIdOf, validCreditCode, validIdNumber } from '../helpers/fixtures';
import { execute, identity } from '../helpers/subgraph';

useDatabase();
beforeEach(async () => {
  await ProcuratorateCaseModel.deleteMany({});
  await SuggestionModel.deleteMany({});
  await ReverseReferralModel.deleteMany({});
});

const JCY = '411221-JCY';
const SCJ = '411221-SCJ';
const officer = identity(JCY);
const IMPORT = `mutation($rows: [ProcuratorateCaseRow!]!, $dryRun: Boolean) {
  importProcuratorateCases(rows: $rows, dryRun: $dryRun) { dryRun created updated unchanged rejected rows { index key outcome id problems { field message } } }
}`;

const suspect = (n: number) => personIdOf(validIdNumber(n));
const row = (n: number, patch: Record<string, unknown> = {}) => ({
  caseNumber: `渑检刑诉受〔2025〕${n}号`, type: 'CRIMINAL_PROSECUTION', title: `盗窃案${n}`, personIds: [suspect(n)], acceptedAt: '2025-03-05', ...patch,
});
const publicInterest = (n: number, patch: Record<string, unknown> = {}) => row(n, {
  caseNumber: `渑检公益〔2025〕${n}号`, type: 'PUBLIC_INTEREST', title: `生态环境保护公益诉讼案${n}`, personIds: null,
  creditCodes: [validCreditCode(n)], publicInterestField: '生态环境和资源保护', ...patch,
});
const stored = (caseNumber: string) => ProcuratorateCaseModel.findOne({ caseNumber }).lean();

async function importCases(rows: unknown[], dryRun = false, who = officer) {
  const r = await execute(procuratorate, who, IMPORT, { rows, dryRun });
  expect(r.errors).toBeUndefined();
  return r.data!.importProcuratorateCases;
}

describe('importProcuratorateCases', () => {
  it('creates new rows as createProcuratorateCase does, then the same file again changes nothing (idempotent by 案号)', async () => {
    const rows = [
      row(1, { personIds: [suspect(1), suspect(11)], victimIds: [suspect(21)] }),
      publicInterest(2),
      row(3, { type: 'CIVIL_SUPERVISION', title: '合同纠纷民事监督案', personIds: null, creditCodes: [validCreditCode(3)], sealed: true }),
    ];
    const first = await importCases(rows);
    expect(first).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0, rejected: 0 });
    const cases = await ProcuratorateCaseModel.find().sort({ acceptedAt: 1, caseNumber: 1 }).lean();
    expect(cases.map((c) => [c.caseNumber, c.type, c.status, c.agencyCode, c.sealed])).toEqual([
      ['渑检公益〔2025〕2号', 'PUBLIC_INTEREST', 'CLUE', JCY, false],
      ['渑检刑诉受〔2025〕1号', 'CRIMINAL_PROSECUTION', 'ACCEPTED', JCY, false],
      ['渑检刑诉受〔2025〕3号', 'CIVIL_SUPERVISION', 'ACCEPTED', JCY, true],
    ]);
    // The creation history of a created case, and no transfer or counterpart (a ledger row has none).
    expect(cases.map((c) => c.history.map((h) => [h.from, h.to, h.note]))).toEqual([[[null, 'CLUE', 'imported']], [[null, 'ACCEPTED', 'imported']], [[null, 'ACCEPTED', 'imported']]]);
    expect(cases.map((c) => [c.sourceTransferId, c.counterpartCodes, c.nextDueAt])).toEqual([[null, [], null], [null, [], null], [null, [], null]]);
    expect(cases[1]).toMatchObject({ personIds: [suspect(1), suspect(11)], victimIds: [suspect(21)] });

    // The same file, a ledger listing the suspects in another order: nothing changes.
    const again = await importCases([row(1, { personIds: [suspect(11), suspect(1)], victimIds: [suspect(21)] }), rows[1], rows[2]]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(again.rows.map((r: { id: string }) => r.id).sort()).toEqual(cases.map((c) => c._id).sort());
    expect(await ProcuratorateCaseModel.countDocuments()).toBe(3);
    expect((await ProcuratorateCaseModel.find().lean()).map((c) => c.version)).toEqual([0, 0, 0]);
  });

  it('a changed row updates its case with a history entry, an unchanged one does not', async () => {
    await importCases([row(1), publicInterest(2), row(3)]);
    const report = await importCases([row(1, { title: '盗窃案(已更正)' }), publicInterest(2, { publicInterestField: '食品药品安全' }), row(3)]);
    expect(report).toMatchObject({ created: 0, updated: 2, unchanged: 1, rejected: 0 });
    const changed = await stored(row(1).caseNumber);
    expect(changed).toMatchObject({ title: '盗窃案(已更正)', status: 'ACCEPTED', version: 1 });
    expect(changed!.history).toHaveLength(2);
    expect(changed!.history[1]).toMatchObject({ from: 'ACCEPTED', to: 'ACCEPTED', actor: officer.userId, agency: JCY });
    expect(changed!.history[1].note).toMatch(/^导入更新/);
    expect(changed!.history[1].note).toContain('title');
    const field = await stored(publicInterest(2).caseNumber);
    expect(field).toMatchObject({ publicInterestField: '食品药品安全', status: 'CLUE', version: 1 });
    expect(field!.history.at(-1)!.note).toMatch(/^导入更新.*publicInterestField/);
    expect((await stored(row(3).caseNumber))?.version).toBe(0);
  });

  it('sealing a case by import seals its suggestions and reverse referrals with it, as updateProcuratorateCase does', async () => {
    await importCases([row(1)]);
    const caseId = (await stored(row(1).caseNumber))!._id;
    const s = await execute(procuratorate, officer, `mutation($input: SuggestionInput!) { issueSuggestion(input: $input) { id } }`, {
      input: { procuratorateCaseId: caseId, number: '渑检建〔2025〕1号', kind: 'OTHER', targetAgencyCode: SCJ, content: '建议', issuedAt: '2025-04-01' },
    });
    expect(s.errors).toBeUndefined();
    expect(await importCases([row(1, { sealed: true })], true)).toMatchObject({ dryRun: true, updated: 1 });
    expect((await SuggestionModel.findById(s.data!.issueSuggestion.id).lean())?.sealed).toBe(false);
    expect(await importCases([row(1, { sealed: true })])).toMatchObject({ updated: 1 });
    expect((await stored(row(1).caseNumber))?.sealed).toBe(true);
    expect((await SuggestionModel.findById(s.data!.issueSuggestion.id).lean())?.sealed).toBe(true);
    // A ledger without the column leaves the seal as it is.
    expect(await importCases([row(1)])).toMatchObject({ unchanged: 1 });
  });

  it.each([
    ['a blank title', { title: '  ' }, 'title'],
    ['a suspect that is not a Person id', { personIds: ['张三'] }, 'personIds'],
    ['a victim that is not a Person id', { victimIds: ['411221198503120011'] }, 'victimIds'],
    ['a bad credit code', { creditCodes: ['91411221MA0000001X'] }, 'creditCodes'],
    ['an unknown agency', { agencyCode: '411221-XXX' }, 'agencyCode'],
    ['a future acceptance date', { acceptedAt: '2999-01-01' }, 'acceptedAt'],
    ['a public-interest field on a criminal case', { publicInterestField: '生态环境和资源保护' }, 'publicInterestField'],
    ['another agency named (FORBIDDEN, reported on the key)', { agencyCode: SCJ }, 'caseNumber'],
  ])('a row with %s is refused with its field; the good rows still go in', async (_, patch, field) => {
    const report = await importCases([row(1), row(9, patch), row(3)]);
    expect(report).toMatchObject({ created: 2, rejected: 1 });
    expect(report.rows[1]).toMatchObject({ index: 1, outcome: 'REJECTED', id: null, problems: [{ field }] });
    expect(report.rows[1].problems[0].message.length).toBeGreaterThan(5);
    expect(await ProcuratorateCaseModel.countDocuments({ caseNumber: row(9).caseNumber })).toBe(0);
    expect(await ProcuratorateCaseModel.countDocuments()).toBe(2);
  });

  it('a key twice in one batch: the first is imported, the second reported as DUPLICATE', async () => {
    const report = await importCases([row(1), row(2), row(1, { title: '另一行' })]);
    expect(report.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['CREATED', 'CREATED', 'DUPLICATE']);
    expect(report).toMatchObject({ created: 2, rejected: 1 });
    expect(report.rows[2].problems[0]).toMatchObject({ field: 'caseNumber' });
    expect(report.rows[2].problems[0].message).toContain('row 1');
    expect((await stored(row(1).caseNumber))?.title).toBe('盗窃案1');
  });

  it.each([
    ['the case type', { type: 'ADMINISTRATIVE_SUPERVISION' }, 'type', 'CRIMINAL_PROSECUTION'],
    ['the acceptance date', { acceptedAt: '2025-03-06' }, 'acceptedAt', '2025-03-05'],
    ['the suspects', { personIds: [suspect(2)] }, 'personIds', 'another person'],
    ['the victims', { victimIds: [suspect(22)] }, 'victimIds', '(empty)'],
    ['the enterprises', { creditCodes: [validCreditCode(5)] }, 'creditCodes', '(empty)'],
  ])('refuses to change %s, naming the field and leaving the case as it is', async (_, patch, field, shown) => {
    await importCases([row(1)]);
    const report = await importCases([row(1, { ...patch, title: '改' })]);
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', id: null, problems: [{ field }] });
    expect(report.rows[0].problems[0].message).toContain(shown);
    expect(report.rows[0].problems[0].message).not.toContain(suspect(1));
    expect(await stored(row(1).caseNumber)).toMatchObject({ title: '盗窃案1', type: 'CRIMINAL_PROSECUTION', version: 0 });
  });

  it("a case number of another agency's case is refused, not overwritten", async () => {
    await importCases([row(1)]);
    const report = await importCases([row(1, { title: 'hijack' })], false, identity(SCJ));
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', problems: [{ field: 'caseNumber' }] });
    expect(await stored(row(1).caseNumber)).toMatchObject({ title: '盗窃案1', agencyCode: JCY, version: 0 });
  });

  it('dryRun answers what would happen and writes nothing', async () => {
    await importCases([row(1)]);
    const report = await importCases([row(1, { title: '改' }), row(2), row(3, { acceptedAt: '2999-01-01' })], true);
    expect(report).toMatchObject({ dryRun: true, created: 1, updated: 1, unchanged: 0, rejected: 1 });
    expect(await ProcuratorateCaseModel.countDocuments()).toBe(1);
    expect(await stored(row(1).caseNumber)).toMatchObject({ title: '盗窃案1', version: 0 });
    expect((await stored(row(1).caseNumber))!.history).toHaveLength(1);
  });

  it('is audited under PROCURATORATE_CASE: the write events of the mutation and one per kind of change', async () => {
    await importCases([row(1)]);
    const who = identity(JCY, ['officer'], 'import-clerk');
    const report = await importCases([row(1, { title: '改' }), row(2)], false, who);
    const [updated, created] = report.rows.map((r: { id: string }) => r.id);
    const events = await AuditEventModel.find({ requestId: who.requestId, action: 'WRITE' }, { _id: 0, resourceType: 1, resourceIds: 1, outcome: 1, purpose: 1 }).sort({ seq: 1 }).lean();
    expect(events).toEqual([
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [], outcome: 'ALLOWED', purpose: 'attempt' },
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [created], outcome: 'ALLOWED', purpose: 'import: new' },
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [updated], outcome: 'ALLOWED', purpose: 'import: update' },
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [updated, created], outcome: 'ALLOWED', purpose: 'result' },
    ]);
  });
});
