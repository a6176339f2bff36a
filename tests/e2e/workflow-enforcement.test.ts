import { useDatabase } from '../helpers/db';
import { validCreditCode } from '../helpers/fixtures';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import type { Result } from '../helpers/subgraph';

// 行刑衔接 through the gateway, as the users of each agency would walk it: the 市场监管局 reports, approves,
// sends and hands over; the 公安局 receipts, reviews and decides; the 检察院 supervises and orders filing.
useDatabase();

let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.stop());

const SCJ = '411221-SCJ';
const GAJ = '411221-GAJ';
const JCY = '411221-JCY';
const scjOfficer: Caller = { agency: SCJ, roles: ['officer'], userId: 'scj-officer' };
const scjHead: Caller = { agency: SCJ, roles: ['supervisor'], userId: 'scj-head' };
const gaj: Caller = { agency: GAJ, roles: ['officer'], userId: 'gaj-officer' };
const jcy: Caller = { agency: JCY, roles: ['officer'], userId: 'jcy-officer' };
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

const T = `id status version reason explanation allowedNextSteps dueAt overdue deadlines { rule dueAt overdue }
  reportedAt approvedAt sentAt receiptedAt reviewStartedAt notFiledAt reconsiderationRequestedAt supervisionStartedAt
  explainedAt orderedAt filedAt exhibitsHandedOverAt
  agency { code name } policeAgency { code name } procuratorateCopy { code name }
  enforcementCase { id status } history { actor agency from to note }`;

type Node = { id: string; version: number; status: string; [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL result

/** A mutation that must succeed, through the gateway; returns its one result. */
async function step(who: Caller, query: string, variables: Record<string, unknown>): Promise<Node> {
  const r = await hub.query(who, query, variables);
  expect(r.errors).toBeUndefined();
  expect(r.data).toBeTruthy();
  return Object.values(r.data!)[0] as Node;
}

/** A transfer step `name(id, version, <args>)` with its date, as `who`. */
const STEP = (name: string, args = '', decl = '') =>
  `mutation($id: ID!, $version: Int!${decl}) { ${name}(id: $id, version: $version${args}) { ${T} } }`;
const dated = (name: string, dateArg: string, extra = '') => STEP(name, `, ${dateArg}: $at${extra}`, ', $at: DateTime');

const code = (r: Result) => r.errors?.[0]?.extensions?.code;

describe('criminal transfer from report to exhibit handover, through the gateway', () => {
  it('is walked by the 市场监管局, the 公安局 and the 检察院, and links the procuratorate case it leads to', async () => {
    const c = await step(scjOfficer, `mutation($input: EnforcementCaseInput!) { createEnforcementCase(input: $input) { id status } }`, {
      input: { caseNumber: '渑市监罚〔2026〕701号', field: 'FOOD_DRUG', creditCode: validCreditCode(701), facts: '生产不符合安全标准的食品', filedAt: daysAgo(40) },
    });

    const ordered = daysAgo(5);
    const handedOver = daysAgo(1);
    // 拟移送: reported 20 days ago and never decided — the head's 3 days are long over.
    let t = await step(scjOfficer, `mutation($input: CriminalTransferInput!) { reportCriminalTransfer(input: $input) { ${T} } }`, {
      input: { enforcementCaseId: c.id, policeAgencyCode: GAJ, suspectedCharge: '生产、销售不符合安全标准的食品罪', reportedAt: daysAgo(20) },
    });
    expect(t).toMatchObject({
      status: 'REPORTED', version: 0, overdue: true, allowedNextSteps: ['APPROVED', 'REFUSED'], deadlines: [{ rule: 'transferApproval', overdue: true }],
      agency: { code: SCJ, name: '渑池县市场监督管理局' }, policeAgency: { code: GAJ, name: '渑池县公安局' }, procuratorateCopy: null,
    });
    // The agency sees its overdue report; the police and the procuratorate do not see a transfer before it is sent.
    const OVERDUE = `{ criminalTransfers(filter: { overdue: true, agencyCode: "${SCJ}" }) { totalCount nodes { id } } }`;
    expect((await hub.query(scjOfficer, OVERDUE)).data!.criminalTransfers).toEqual({ totalCount: 1, nodes: [{ id: t.id }] });
    expect((await hub.query(jcy, OVERDUE)).data!.criminalTransfers).toEqual({ totalCount: 0, nodes: [] });

    // 批准: only the head (supervisor) of the agency decides.
    const APPROVE = dated('approveTransfer', 'approvedAt');
    expect(code(await hub.query(scjOfficer, APPROVE, { id: t.id, version: t.version, at: daysAgo(19) }))).toBe('FORBIDDEN');
    t = await step(scjHead, APPROVE, { id: t.id, version: t.version, at: daysAgo(19) });
    expect(t).toMatchObject({ status: 'APPROVED', allowedNextSteps: ['SENT'], deadlines: [{ rule: 'transferSend' }] });

    // 移送: to the police with a copy to the procuratorate; the case becomes TRANSFERRED.
    const SEND = dated('sendTransfer', 'sentAt');
    expect(code(await hub.query(gaj, SEND, { id: t.id, version: t.version, at: daysAgo(18.9) }))).toBe('FORBIDDEN');
    t = await step(scjOfficer, SEND, { id: t.id, version: t.version, at: daysAgo(18.9) });
    expect(t).toMatchObject({ status: 'SENT', procuratorateCopy: { code: JCY, name: '渑池县人民检察院' }, enforcementCase: { id: c.id, status: 'TRANSFERRED' }, deadlines: [] });

    // 公安: receipt, review, and a non-filing with its reason.
    t = await step(gaj, dated('receiptTransfer', 'receiptedAt'), { id: t.id, version: t.version, at: daysAgo(18) });
    expect(t).toMatchObject({ status: 'RECEIPTED', deadlines: [{ rule: 'policeReview' }] });
    t = await step(gaj, dated('startPoliceReview', 'reviewStartedAt'), { id: t.id, version: t.version, at: daysAgo(17.5) });
    expect(t).toMatchObject({ status: 'POLICE_REVIEW', allowedNextSteps: ['FILED', 'NOT_FILED'], deadlines: [{ rule: 'policeReview', overdue: true }] });
    const DECLINE = STEP('declineFiling', ', reason: $reason, decidedAt: $at', ', $reason: String!, $at: DateTime');
    const noReason = await hub.query(gaj, DECLINE, { id: t.id, version: t.version, reason: ' ', at: daysAgo(17) });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    t = await step(gaj, DECLINE, { id: t.id, version: t.version, reason: '情节显著轻微，不认为是犯罪', at: daysAgo(17) });
    expect(t).toMatchObject({
      status: 'NOT_FILED', reason: '情节显著轻微，不认为是犯罪', allowedNextSteps: ['RECONSIDERATION', 'PROCURATORATE_SUPERVISION'],
      deadlines: [{ rule: 'reconsiderationRequest', overdue: true }], dueAt: null, overdue: false,
    });

    // 复议: the agency asks the police to reconsider (a late request is recorded as such).
    t = await step(scjOfficer, STEP('requestReconsideration', ', requestedAt: $at, note: "认为已达追诉标准"', ', $at: DateTime'), { id: t.id, version: t.version, at: daysAgo(16) });
    expect(t).toMatchObject({ status: 'RECONSIDERATION', deadlines: [{ rule: 'reconsiderationDecision', overdue: true }] });

    // 立案监督: the procuratorate supervises; the police explain, then filing is ordered.
    const SUPERVISE = dated('superviseTransfer', 'startedAt');
    expect(code(await hub.query(gaj, SUPERVISE, { id: t.id, version: t.version, at: daysAgo(15) }))).toBe('FORBIDDEN');
    t = await step(jcy, SUPERVISE, { id: t.id, version: t.version, at: daysAgo(15) });
    expect(t).toMatchObject({ status: 'PROCURATORATE_SUPERVISION', allowedNextSteps: ['FILED'], deadlines: [{ rule: 'policeExplanation', overdue: true }], overdue: true });
    t = await step(gaj, STEP('explainNonFiling', ', explanation: $text, explainedAt: $at', ', $text: String!, $at: DateTime'), {
      id: t.id, version: t.version, text: '经审查，涉案金额未达追诉标准', at: daysAgo(10),
    });
    // Explained: the procuratorate may now find the reason justified (SUPERVISION_CLOSED) or order filing.
    expect(t).toMatchObject({ status: 'PROCURATORATE_SUPERVISION', explanation: '经审查，涉案金额未达追诉标准', deadlines: [], dueAt: null, allowedNextSteps: ['FILED', 'SUPERVISION_CLOSED'] });
    const ORDER = dated('orderFiling', 'orderedAt', ', note: "不立案理由不能成立"');
    expect(code(await hub.query(gaj, ORDER, { id: t.id, version: t.version, at: daysAgo(5) }))).toBe('FORBIDDEN');
    t = await step(jcy, ORDER, { id: t.id, version: t.version, at: ordered });
    expect(t).toMatchObject({ status: 'PROCURATORATE_SUPERVISION', orderedAt: ordered, deadlines: [{ rule: 'fileAfterOrder', overdue: false }], overdue: false, allowedNextSteps: ['FILED'] });

    // 立案 within 15 days of the order, then the agency hands the exhibits over.
    t = await step(gaj, dated('fileTransfer', 'filedAt'), { id: t.id, version: t.version, at: daysAgo(2) });
    expect(t).toMatchObject({ status: 'FILED', allowedNextSteps: [], deadlines: [{ rule: 'exhibitHandover', overdue: false }] });
    const HAND_OVER = dated('handOverExhibits', 'handedOverAt');
    expect(code(await hub.query(jcy, HAND_OVER, { id: t.id, version: t.version }))).toBe('FORBIDDEN');
    t = await step(scjOfficer, HAND_OVER, { id: t.id, version: t.version, at: handedOver });
    expect(t).toMatchObject({ status: 'FILED', exhibitsHandedOverAt: handedOver, deadlines: [], dueAt: null, overdue: false, version: 11 });

    expect(t.history.map((h: { agency: string; from: string | null; to: string }) => [h.agency, h.from, h.to])).toEqual([
      [SCJ, null, 'REPORTED'],
      [SCJ, 'REPORTED', 'APPROVED'],
      [SCJ, 'APPROVED', 'SENT'],
      [GAJ, 'SENT', 'RECEIPTED'],
      [GAJ, 'RECEIPTED', 'POLICE_REVIEW'],
      [GAJ, 'POLICE_REVIEW', 'NOT_FILED'],
      [SCJ, 'NOT_FILED', 'RECONSIDERATION'],
      [JCY, 'RECONSIDERATION', 'PROCURATORATE_SUPERVISION'],
      [GAJ, 'PROCURATORATE_SUPERVISION', 'PROCURATORATE_SUPERVISION'],
      [JCY, 'PROCURATORATE_SUPERVISION', 'PROCURATORATE_SUPERVISION'],
      [GAJ, 'PROCURATORATE_SUPERVISION', 'FILED'],
      [SCJ, 'FILED', 'FILED'],
    ]);
    expect(t.history.map((h: { actor: string }) => h.actor)).toEqual([
      'scj-officer', 'scj-head', 'scj-officer', 'gaj-officer', 'gaj-officer', 'gaj-officer', 'scj-officer', 'jcy-officer', 'gaj-officer', 'jcy-officer', 'gaj-officer', 'scj-officer',
    ]);
    expect(t.history[5].note).toBe('情节显著轻微，不认为是犯罪');
    expect(t.history[9].note).toBe('不立案理由不能成立');

    // The procuratorate opens its case from the transfer: it shows up on the transfer and the enforcement case.
    const pc = await step(jcy, `mutation($input: ProcuratorateCaseInput!) { createProcuratorateCase(input: $input) { id sourceTransfer { id status } } }`, {
      input: { caseNumber: '渑检刑诉受〔2026〕701号', type: 'CRIMINAL_PROSECUTION', title: '涉嫌生产、销售不符合安全标准的食品案', acceptedAt: daysAgo(0.5), sourceTransferId: t.id },
    });
    expect(pc.sourceTransfer).toEqual({ id: t.id, status: 'FILED' });
    // Read by the procuratorate: a counterpart of the sent transfer and its case (enforcement policies.ts) and the
    // owner of its case, so the links do not depend on whom the procuratorate subgraph shares its case with.
    const back = await hub.query(jcy, `query($id: ID!, $c: ID!) {
      criminalTransfer(id: $id) { status exhibitsHandedOverAt procuratorateCase { id caseNumber sourceTransfer { id } } }
      enforcementCase(id: $c) { status transfer { id procuratorateCase { id } } } }`, { id: t.id, c: c.id });
    expect(back.errors).toBeUndefined();
    expect(back.data).toEqual({
      criminalTransfer: { status: 'FILED', exhibitsHandedOverAt: handedOver, procuratorateCase: { id: pc.id, caseNumber: '渑检刑诉受〔2026〕701号', sourceTransfer: { id: t.id } } },
      enforcementCase: { status: 'TRANSFERRED', transfer: { id: t.id, procuratorateCase: { id: pc.id } } },
    });
    const filed = await hub.query(gaj, `{ criminalTransfers(filter: { status: FILED, policeAgencyCode: "${GAJ}" }) { totalCount nodes { id overdue } } }`);
    expect(filed.data!.criminalTransfers).toEqual({ totalCount: 1, nodes: [{ id: t.id, overdue: false }] });
  });
});
