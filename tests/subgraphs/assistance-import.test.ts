import { RescueApplicationModel, SupportReferralModel } from '../../subgraphs/assistance/models';
import { assistance } from '../../subgraphs/assistance/server';
import { AuditEventModel } from '../../subgraphs/liaison/models';
import { useDatabase } from '../helpers/db';
import { personIdOf, validIdNumber } from '../helpers/fixtures';
import { execute, identity } from '../helpers/subgraph';

useDatabase();
beforeEach(async () => {
  await RescueApplicationModel.deleteMany({});
  await SupportReferralModel.deleteMany({});
});

const JCY = '411221-JCY';
const SCJ = '411221-SCJ';
const officer = identity(JCY);
const chief = identity(JCY, ['supervisor'], 'jcy-chief');
const EXCLUSIONS = ['MAJOR_FAULT', 'REFUSED_COOPERATION', 'FALSE_STATEMENT', 'WAIVED_COMPENSATION', 'HARDSHIP_NOT_CASE_RELATED', 'ALREADY_COMPENSATED'];
const IMPORT = `mutation($rows: [RescueApplicationRow!]!, $dryRun: Boolean) {
  importRescueApplications(rows: $rows, dryRun: $dryRun) { dryRun created updated unchanged rejected rows { index key outcome id problems { field message } } }
}`;

const applicant = (n: number) => personIdOf(validIdNumber(n));
const row = (n: number, patch: Record<string, unknown> = {}) => ({
  number: `渑检救助〔2025〕${n}号`, applicantId: applicant(n), procuratorateCaseId: `case-${n}`, situation: 'VICTIM_SERIOUS_INJURY',
  groups: ['MINOR'], months: 12, appliedAt: '2025-03-05', ...patch,
});
const stored = (number: string) => RescueApplicationModel.findOne({ number }).lean();

async function importRows(rows: unknown[], dryRun = false, who = officer) {
  const r = await execute(assistance, who, IMPORT, { rows, dryRun });
  expect(r.errors).toBeUndefined();
  return r.data!.importRescueApplications;
}

async function step(who: ReturnType<typeof identity>, mutation: string, variables: Record<string, unknown>) {
  const r = await execute(assistance, who, mutation, variables);
  expect(r.errors).toBeUndefined();
}

describe('importRescueApplications', () => {
  it('creates APPLIED applications as createRescueApplication does, then the same file again changes nothing (idempotent by 救助文号)', async () => {
    const rows = [
      row(1),
      row(2, { exclusionsApplying: ['MAJOR_FAULT', 'MAJOR_FAULT'], groups: ['WOMAN', 'ELDERLY'], procuratorateCaseId: null }),
      row(3, { months: 40, overCapApprover: '王检察长', overCapReason: '伤情特别严重,医疗费用巨大' }),
    ];
    const first = await importRows(rows);
    expect(first).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0, rejected: 0 });
    const apps = await RescueApplicationModel.find().sort({ number: 1 }).lean();
    expect(apps.map((a) => [a.number, a.status, a.agencyCode, a.months, a.groups])).toEqual([
      ['渑检救助〔2025〕1号', 'APPLIED', JCY, 12, ['MINOR']],
      ['渑检救助〔2025〕2号', 'APPLIED', JCY, 12, ['WOMAN', 'ELDERLY']],
      ['渑检救助〔2025〕3号', 'APPLIED', JCY, 40, ['MINOR']],
    ]);
    // All six exclusions recorded as checked, those listed applying.
    expect(apps[1].exclusionChecks.map((c) => [c.exclusion, c.applies])).toEqual(EXCLUSIONS.map((e) => [e, e === 'MAJOR_FAULT']));
    expect(apps[0].exclusionChecks.every((c) => !c.applies)).toBe(true);
    expect(apps[2].overCapApproval).toEqual({ approver: '王检察长', reason: '伤情特别严重,医疗费用巨大' });
    // The creation history and the derived fields insertApplication stores: unique keys, list date, decision clock.
    expect(apps.map((a) => a.history.map((h) => [h.from, h.to, h.note]))).toEqual([[[null, 'APPLIED', 'imported']], [[null, 'APPLIED', 'imported']], [[null, 'APPLIED', 'imported']]]);
    expect(apps[0]).toMatchObject({ numberKey: '渑检救助〔2025〕1号', caseApplicantKey: `case-1|${applicant(1)}`, listedAt: new Date('2025-03-05') });
    expect(apps[1].caseApplicantKey).toBe(apps[1]._id);
    expect(apps[0].nextDueAt).toBeInstanceOf(Date);

    const again = await importRows(rows);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(again.rows.map((r: { id: string }) => r.id).sort()).toEqual(apps.map((a) => a._id).sort());
    expect(await RescueApplicationModel.countDocuments()).toBe(3);
    expect((await RescueApplicationModel.find().lean()).map((a) => a.version)).toEqual([0, 0, 0]);
  });

  it('a changed row updates its application with a history entry; notes recorded in the hub stay while the results are the same', async () => {
    await importRows([row(1), row(2)]);
    const id = (await stored(row(1).number))!._id;
    const checks = EXCLUSIONS.map((exclusion) => ({ exclusion, applies: false, note: '已核查' }));
    await step(officer, `mutation($id: ID!, $input: RescueApplicationUpdate!) { updateRescueApplication(id: $id, input: $input) { id } }`, { id, input: { version: 0, exclusionChecks: checks } });
    expect(await importRows([row(1), row(2)])).toMatchObject({ updated: 0, unchanged: 2 });

    const report = await importRows([row(1, { months: 18, situation: 'VICTIM_DEATH_DEPENDANT', exclusionsApplying: ['ALREADY_COMPENSATED'] }), row(2)]);
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 1, rejected: 0 });
    const changed = await stored(row(1).number);
    expect(changed).toMatchObject({ months: 18, situation: 'VICTIM_DEATH_DEPENDANT', status: 'APPLIED', version: 2 });
    expect(changed!.exclusionChecks.map((c) => [c.exclusion, c.applies, c.note])).toEqual(
      EXCLUSIONS.map((e) => (e === 'ALREADY_COMPENSATED' ? [e, true, null] : [e, false, '已核查'])),
    );
    expect(changed!.history).toHaveLength(2);
    expect(changed!.history[1]).toMatchObject({ from: 'APPLIED', to: 'APPLIED', actor: officer.userId, agency: JCY });
    expect(changed!.history[1].note).toMatch(/^导入更新/);
    expect(changed!.history[1].note).toContain('months');
    expect((await stored(row(2).number))?.version).toBe(0);
  });

  it('a decided application is left unchanged by its row, and a changed row is refused (details change only before the decision)', async () => {
    await importRows([row(1)]);
    const id = (await stored(row(1).number))!._id;
    await step(officer, `mutation($id: ID!) { startRescueReview(id: $id, version: 0, reviewStartedAt: "2025-03-06") { id } }`, { id });
    await step(chief, `mutation($id: ID!) { approveRescueApplication(id: $id, version: 1, decidedAt: "2025-03-10") { id } }`, { id });
    expect(await importRows([row(1)])).toMatchObject({ unchanged: 1, rejected: 0 });
    const report = await importRows([row(1, { months: 24 }), row(2)]);
    expect(report).toMatchObject({ created: 1, updated: 0, rejected: 1 });
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', problems: [{ field: 'number' }] });
    expect(report.rows[0].problems[0].message).toContain('APPROVED');
    expect(await stored(row(1).number)).toMatchObject({ months: 12, status: 'APPROVED', version: 2 });
  });

  it.each([
    ['no months', { months: 0 }, 'months'],
    ['more than 36 months without an over-cap approval', { months: 40 }, 'months'],
    ['an over-cap approver without a reason', { months: 40, overCapApprover: '王检察长' }, 'overCapReason'],
    ['an over-cap reason without an approver', { months: 40, overCapReason: '伤情严重' }, 'overCapApprover'],
    ['an applicant that is not a Person id', { applicantId: '411221198503120011' }, 'applicantId'],
    ['a future application date', { appliedAt: '2999-01-01' }, 'appliedAt'],
    ['a blank number', { number: '  ' }, 'number'],
    ['an agency that is not a procuratorate', { agencyCode: SCJ }, 'agencyCode'],
    ['an unknown agency', { agencyCode: '411221-XXX' }, 'agencyCode'],
  ])('a row with %s is refused with its field; the good rows still go in', async (_, patch, field) => {
    const report = await importRows([row(1), row(9, patch), row(3)]);
    expect(report).toMatchObject({ created: 2, rejected: 1 });
    expect(report.rows[1]).toMatchObject({ index: 1, outcome: 'REJECTED', id: null, problems: [{ field }] });
    expect(report.rows[1].problems[0].message.length).toBeGreaterThan(5);
    expect(await RescueApplicationModel.countDocuments({ applicantId: applicant(9) })).toBe(0);
    expect(await RescueApplicationModel.countDocuments()).toBe(2);
  });

  it('a key twice in one batch: the first is imported, the second reported as DUPLICATE', async () => {
    const report = await importRows([row(1), row(1, { months: 6 })]);
    expect(report.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['CREATED', 'DUPLICATE']);
    expect(report.rows[1].problems[0]).toMatchObject({ field: 'number' });
    expect(report.rows[1].problems[0].message).toContain('row 1');
    expect(await RescueApplicationModel.countDocuments()).toBe(1);
  });

  it('one application per case and person: a second number for the same case and applicant is refused, in the batch or in the hub', async () => {
    const inBatch = await importRows([row(1), row(2), row(3, { applicantId: applicant(1), procuratorateCaseId: 'case-1' })]);
    expect(inBatch.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['CREATED', 'CREATED', 'REJECTED']);
    expect(inBatch.rows[2].problems[0]).toMatchObject({ field: 'applicantId' });
    expect(inBatch.rows[2].problems[0].message).toContain('row 1');

    // A victim told of the right to apply (NOTIFIED, no number yet): the application is recorded on that record.
    const notified = await execute(assistance, officer, `mutation($input: RescueRightNotificationInput!) { notifyRescueRight(input: $input) { id } }`, {
      input: { applicantId: applicant(4), procuratorateCaseId: 'case-4', situation: 'VICTIM_SERIOUS_INJURY', rightNotifiedAt: '2025-03-01' },
    });
    expect(notified.errors).toBeUndefined();
    const inHub = await importRows([row(3, { applicantId: applicant(1), procuratorateCaseId: 'case-1' }), row(4), row(5)]);
    expect(inHub.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['REJECTED', 'REJECTED', 'CREATED']);
    expect(inHub.rows[0].problems[0]).toMatchObject({ field: 'applicantId' });
    expect(inHub.rows[1].problems[0]).toMatchObject({ field: 'applicantId' });
    expect(inHub.rows[1].problems[0].message).toContain('receiveRescueApplication');
    expect(await RescueApplicationModel.countDocuments()).toBe(4);
  });

  it.each([
    ['the applicant', { applicantId: applicant(2) }, 'applicantId', 'another person'],
    ['the application date', { appliedAt: '2025-03-06' }, 'appliedAt', '2025-03-05'],
    ['the case', { procuratorateCaseId: 'case-2' }, 'procuratorateCaseId', 'case-1'],
  ])('refuses to change %s, naming the field and leaving the application as it is', async (_, patch, field, shown) => {
    await importRows([row(1)]);
    const report = await importRows([row(1, { ...patch, months: 6 })]);
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', id: null, problems: [{ field }] });
    expect(report.rows[0].problems[0].message).toContain(shown);
    expect(report.rows[0].problems[0].message).not.toContain(applicant(1));
    expect(await stored(row(1).number)).toMatchObject({ months: 12, applicantId: applicant(1), version: 0 });
  });

  it("a number of another agency's application is refused, not overwritten", async () => {
    await importRows([row(1)]);
    const report = await importRows([row(1, { months: 6 })], false, identity(SCJ));
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', problems: [{ field: 'number' }] });
    expect(await stored(row(1).number)).toMatchObject({ months: 12, agencyCode: JCY, version: 0 });
  });

  it('dryRun answers what would happen and writes nothing', async () => {
    await importRows([row(1)]);
    const report = await importRows([row(1, { months: 6 }), row(2), row(3, { appliedAt: '2999-01-01' })], true);
    expect(report).toMatchObject({ dryRun: true, created: 1, updated: 1, unchanged: 0, rejected: 1 });
    expect(await RescueApplicationModel.countDocuments()).toBe(1);
    expect(await stored(row(1).number)).toMatchObject({ months: 12, version: 0 });
    expect((await stored(row(1).number))!.history).toHaveLength(1);
  });

  it('is audited under RESCUE_APPLICATION: the write events of the mutation and one per kind of change', async () => {
    await importRows([row(1)]);
    const who = identity(JCY, ['officer'], 'import-clerk');
    const report = await importRows([row(1, { months: 6 }), row(2)], false, who);
    const [updated, created] = report.rows.map((r: { id: string }) => r.id);
    const events = await AuditEventModel.find({ requestId: who.requestId, action: 'WRITE' }, { _id: 0, resourceType: 1, resourceIds: 1, outcome: 1, purpose: 1 }).sort({ seq: 1 }).lean();
    expect(events.map((e) => [e.resourceType, e.outcome, e.purpose])).toEqual([
      ['RESCUE_APPLICATION', 'ALLOWED', 'attempt'],
      ['RESCUE_APPLICATION', 'ALLOWED', 'import: new'],
      ['RESCUE_APPLICATION', 'ALLOWED', 'import: update'],
      ['RESCUE_APPLICATION', 'ALLOWED', 'result'],
    ]);
    expect(events.slice(1).map((e) => e.resourceIds)).toEqual([[created], [updated], [updated, created]]);
  });
});
