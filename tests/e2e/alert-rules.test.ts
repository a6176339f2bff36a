import { resetConfig } from '../../lib/config';
import { newId } from '../../lib/mongo';
import { EnforcementCaseModel, CriminalTransferModel } from '../../subgraphs/enforcement/models';
import { transfers } from '../../subgraphs/enforcement/workflow';
import { PetitionModel, type PetitionDoc } from '../../subgraphs/petitions/models';
import { petitions } from '../../subgraphs/petitions/workflow';
import { ProcuratorateCaseModel, SuggestionModel, type SuggestionDoc } from '../../subgraphs/procuratorate/models';
import { suggestions } from '../../subgraphs/procuratorate/workflow';
import { EXCLUSIONS, RescueApplicationModel, type RescueApplicationDoc } from '../../subgraphs/assistance/models';
import { applications } from '../../subgraphs/assistance/workflow';
import { scheduleAlertRules } from '../../subgraphs/liaison/alerts/schedule';
import { resetAlertSettings } from '../../subgraphs/liaison/alerts/settings';
import type { AlertRule } from '../../subgraphs/liaison/__generated__/resolvers-types';
import { AlertModel, AuditEventModel, WorkTaskModel, type WorkTaskDoc } from '../../subgraphs/liaison/models';
import { workTasks } from '../../subgraphs/liaison/workflow';
import { useDatabase } from '../helpers/db';
import { personIdOf, validCreditCode, validIdNumber } from '../helpers/fixtures';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import { errorCode as code } from '../helpers/subgraph';

// 提前预警 (docs/domain.md#early-warning-rules): each rule reads the unified graph through the gateway as the service
// user, over real HTTP, and raises, refreshes and resolves alerts. Per rule: it raises on records seeded through the
// models (each workflow definition's `prepare`), a rerun does not duplicate, and it resolves once the condition has
// cleared — cleared by the owner's own step through the gateway wherever there is one. Then the alert's own steps
// (acknowledge, resolve) and who may take them, and who may run the rules.
useDatabase();

let hub: Hub;
const JCY = '411221-JCY';
const SCJ = '411221-SCJ';
const HBJ = '411221-HBJ';
const GAJ = '411221-GAJ';
const XFJ = '411221-XFJ';
const MZJ = '411221-MZJ';
const office: Caller = { agency: JCY, roles: ['liaison_admin'], userId: 'jcy-liaison' };
const jcy: Caller = { agency: JCY, roles: ['officer'], userId: 'jcy-clerk' };
const jcyAuditor: Caller = { agency: JCY, roles: ['auditor'], userId: 'jcy-auditor' };
const scj: Caller = { agency: SCJ, roles: ['officer'], userId: 'scj-clerk' };
const scjChief: Caller = { agency: SCJ, roles: ['supervisor'], userId: 'scj-chief' };
const scjAdmin: Caller = { agency: SCJ, roles: ['liaison_admin'], userId: 'scj-liaison' }; // not the joint office
const hbj: Caller = { agency: HBJ, roles: ['officer'], userId: 'hbj-clerk' };
const hbjViewer: Caller = { agency: HBJ, roles: ['viewer'], userId: 'hbj-viewer' };
const gaj: Caller = { agency: GAJ, roles: ['officer'], userId: 'gaj-clerk' };
const xfj: Caller = { agency: XFJ, roles: ['officer'], userId: 'xfj-clerk' };
const mzj: Caller = { agency: MZJ, roles: ['officer'], userId: 'mzj-clerk' };
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

/** The test's ALERT_RULES: the gateway of this hub, and thresholds of its own (TAX switched off). */
const SETTINGS = { penaltyThresholds: { FOOD_DRUG: 50_000, MARKET: 50_000, TAX: null }, repeatPetitionerMinOpen: 2 };

function configure(settings: object): void {
  process.env.ALERT_RULES = JSON.stringify({ gatewayUrl: hub.url, ...settings });
  resetConfig();
  resetAlertSettings();
}

beforeAll(async () => {
  hub = await startHub();
  configure(SETTINGS);
});
afterAll(async () => {
  await hub.stop();
  delete process.env.ALERT_RULES;
  resetConfig();
  resetAlertSettings();
});

interface RuleRun { rule: string; ok: boolean; error: string | null; found: number; raised: number; refreshed: number; resolved: number }
interface AlertNode {
  id: string; rule: string; status: string; severity: string; message: string; agency: { code: string } | null; resourceType: string | null;
  resourceId: string | null; records: { typename: string; id: string }[]; autoResolved: boolean; version: number; raisedAt: string;
  lastSeenAt: string; resolvedAt: string | null; acknowledgedAt: string | null; allowedNextSteps: string[];
  history: { from: string | null; to: string; agency: string; actor: string; note: string | null }[];
}

const RUN = `mutation($rules: [AlertRule!]) { runAlertRules(rules: $rules) { startedAt finishedAt rules { rule ok error found raised refreshed resolved } } }`;
const ALERT_FIELDS = `id rule status severity message agency { code } resourceType resourceId records { typename id } autoResolved version raisedAt
  lastSeenAt resolvedAt acknowledgedAt allowedNextSteps history { from to agency actor note }`;
const ALERTS = `query($rule: AlertRule) { alerts(filter: { rule: $rule }, first: 100) { totalCount nodes { ${ALERT_FIELDS} } } }`;

/** Runs one rule through the gateway as the joint office; its report. */
async function run(rule: string): Promise<RuleRun> {
  const d = await hub.ok(office, RUN, { rules: [rule] });
  expect(d.runAlertRules.rules).toHaveLength(1);
  return d.runAlertRules.rules[0];
}

/** Every alert of a rule, as the joint office sees them (newest raised first). */
async function alertsOf(rule: string): Promise<AlertNode[]> {
  return (await hub.ok(office, ALERTS, { rule })).alerts.nodes;
}

const open = (alerts: AlertNode[]) => alerts.filter((a) => a.status !== 'RESOLVED');
const about = (alerts: AlertNode[], id: string) => alerts.filter((a) => a.records.some((r) => r.id === id));

// ── records, written through the models as the workflows store them ───────────────────────────────────────────

let seq = 0;
async function procuratorateCase(patch: Record<string, unknown> = {}): Promise<string> {
  const doc = await ProcuratorateCaseModel.create({
    caseNumber: `渑检预警〔2026〕${++seq}号`, type: 'CRIMINAL_PROSECUTION', title: '涉嫌合同诈骗案', agencyCode: JCY, acceptedAt: ago(30),
    status: 'ACCEPTED', sealed: false, ...patch,
  });
  return doc._id;
}

async function suggestion(caseId: string, patch: Partial<SuggestionDoc>): Promise<string> {
  const doc = await SuggestionModel.create(suggestions.prepare({
    number: `渑检预警建〔2026〕${++seq}号`, kind: 'SOCIAL_GOVERNANCE', procuratorateCaseId: caseId, agencyCode: JCY, targetAgencyCode: SCJ,
    content: '建议加强食品安全监管', status: 'SERVED', issuedAt: ago(200), approvedAt: ago(199), ...patch,
  } as Partial<SuggestionDoc> & Pick<SuggestionDoc, 'status'>));
  return doc._id;
}

async function enforcementCase(patch: Record<string, unknown> = {}): Promise<{ id: string; caseNumber: string }> {
  const caseNumber = `渑市监罚〔2026〕${900 + ++seq}号`;
  const doc = await EnforcementCaseModel.create({
    caseNumber, agencyCode: SCJ, field: 'MARKET', creditCode: validCreditCode(seq), facts: '销售假冒注册商标的商品', status: 'INVESTIGATING',
    filedAt: ago(60), version: 0, ...patch,
  });
  return { id: doc._id, caseNumber };
}

async function transfer(caseId: string, agencyCode: string, patch: Record<string, unknown>): Promise<string> {
  const doc = await CriminalTransferModel.create(transfers.prepare({
    enforcementCaseId: caseId, agencyCode, policeAgencyCode: GAJ, suspectedCharge: '销售假冒注册商标的商品罪', status: 'REPORTED', reportedAt: ago(20),
    ...patch,
  } as Parameters<typeof transfers.prepare>[0]));
  return doc._id;
}

async function petition(petitionerId: string | null, patch: Partial<PetitionDoc>): Promise<string> {
  const doc = await PetitionModel.create(petitions.prepare({
    number: `渑信访〔2026〕${900 + ++seq}号`, channel: 'VISIT', petitionerId, subject: '讨要工程款', summary: '反映被拖欠工程款', handlingAgencyCode: SCJ,
    status: 'RECEIVED', receivedAt: ago(5), procuratorateHandled: false, ...patch,
  } as Partial<PetitionDoc> & Pick<PetitionDoc, 'status'>));
  return doc._id;
}

async function rescueApplication(applicantId: string, patch: Partial<RescueApplicationDoc> = {}): Promise<string> {
  const doc = await RescueApplicationModel.create(applications.prepare({
    _id: newId(), number: `渑检救助〔2026〕${++seq}号`, applicantId, agencyCode: JCY, situation: 'VICTIM_SERIOUS_INJURY',
    exclusionChecks: EXCLUSIONS.map((exclusion) => ({ exclusion, applies: false })), groups: [], months: 6, monthlyWage: 6300,
    status: 'APPLIED', appliedAt: ago(5), ...patch,
  } as Partial<RescueApplicationDoc> & Pick<RescueApplicationDoc, 'status'>));
  return doc._id;
}

async function workTask(patch: Partial<WorkTaskDoc>): Promise<string> {
  const doc = await WorkTaskModel.create(workTasks.prepare({
    year: 2026, title: `联合开展食品安全专项检查${++seq}`, leadAgencyCode: SCJ, responsibleAgencyCodes: [HBJ], dueAt: ago(10), status: 'PLANNED',
    progress: [], ...patch,
  } as Partial<WorkTaskDoc> & Pick<WorkTaskDoc, 'status'>));
  return doc._id;
}

// ── one scenario per rule ─────────────────────────────────────────────────────────────────────────────────────────

/** What a raised alert must be: its agency, severity, records (main first) and words of its message. */
interface Expected { agency: string; severity: string; records: [string, string][]; says: string[]; resourceType: string | null }

interface Scenario {
  rule: string;
  /** Seeds the records; returns the alerts the rule must raise, in no particular order. */
  seed: () => Promise<Expected[]>;
  /** Clears every condition, through the owners' own steps where there are some. */
  clear: () => Promise<void>;
}

const ids: Record<string, string> = {};

const SCENARIOS: Scenario[] = [
  {
    rule: 'SUGGESTION_OVERDUE',
    seed: async () => {
      const c = await procuratorateCase();
      const sealed = await procuratorateCase({ sealed: true });
      ids.s1 = await suggestion(c, { servedAt: ago(150) }); // reply due two months after service: ~90 days overdue
      await suggestion(sealed, { servedAt: ago(150), sealed: true, targetAgencyCode: HBJ }); // a service never reads it
      await suggestion(c, { servedAt: ago(10) }); // not yet due
      await suggestion(c, { status: 'REPLIED', servedAt: ago(150), repliedAt: ago(100), reply: '已整改' }); // replied in time
      const number = (await SuggestionModel.findById(ids.s1).lean())!.number;
      return [{ agency: SCJ, severity: 'CRITICAL', records: [['Suggestion', ids.s1]], says: [number, '已逾期'], resourceType: 'SUGGESTION' }];
    },
    clear: async () => {
      await hub.ok(scj, `mutation($id: ID!, $v: Int!) { replyToSuggestion(id: $id, version: $v, reply: "已制定整改方案") { status } }`, {
        id: ids.s1, v: 0,
      });
    },
  },
  {
    rule: 'TRANSFER_OVERDUE',
    seed: async () => {
      const e1 = await enforcementCase();
      ids.t1 = await transfer(e1.id, SCJ, { reportedAt: ago(10) }); // approval owed by SCJ's head within 3 days
      const e2 = await enforcementCase({ counterpartCodes: [GAJ, JCY], status: 'TRANSFERRED' });
      ids.t2 = await transfer(e2.id, SCJ, { status: 'RECEIPTED', reportedAt: ago(20), approvedAt: ago(19), sentAt: ago(19), receiptedAt: ago(15), procuratorateCopyCode: JCY });
      const e3 = await enforcementCase();
      await transfer(e3.id, SCJ, { reportedAt: ago(1) }); // not yet due
      return [
        { agency: SCJ, severity: 'WARNING', records: [['CriminalTransfer', ids.t1], ['EnforcementCase', e1.id]], says: [e1.caseNumber, '审批移送', '已逾期'], resourceType: 'CRIMINAL_TRANSFER' },
        { agency: GAJ, severity: 'WARNING', records: [['CriminalTransfer', ids.t2], ['EnforcementCase', e2.id]], says: [e2.caseNumber, '立案审查'], resourceType: 'CRIMINAL_TRANSFER' },
      ];
    },
    clear: async () => {
      await hub.ok(scjChief, `mutation($id: ID!, $v: Int!) { approveTransfer(id: $id, version: $v) { status } }`, { id: ids.t1, v: 0 });
      await hub.ok(gaj, `mutation($id: ID!, $v: Int!) { startPoliceReview(id: $id, version: $v) { status } }`, { id: ids.t2, v: 0 });
      await hub.ok(gaj, `mutation($id: ID!, $v: Int!) { fileTransfer(id: $id, version: $v) { status } }`, { id: ids.t2, v: 1 });
    },
  },
  {
    rule: 'TRANSFER_NOT_SENT',
    seed: async () => {
      const e = await enforcementCase();
      ids.t3 = await transfer(e.id, SCJ, { status: 'APPROVED', reportedAt: ago(4), approvedAt: ago(3) }); // to be sent within 24 hours
      const fresh = await enforcementCase();
      await transfer(fresh.id, SCJ, { status: 'APPROVED', reportedAt: ago(1), approvedAt: new Date(Date.now() - 3_600_000) });
      return [{ agency: SCJ, severity: 'CRITICAL', records: [['CriminalTransfer', ids.t3], ['EnforcementCase', e.id]], says: [e.caseNumber, '已批准移送', '已逾期'], resourceType: 'CRIMINAL_TRANSFER' }];
    },
    clear: async () => {
      await hub.ok(scj, `mutation($id: ID!, $v: Int!) { sendTransfer(id: $id, version: $v) { status } }`, { id: ids.t3, v: 0 });
    },
  },
  {
    rule: 'PENALTY_INSTEAD_OF_PROSECUTION',
    seed: async () => {
      const decided = { status: 'DECIDED', decidedAt: ago(10) };
      const fined = await enforcementCase({ ...decided, field: 'FOOD_DRUG', penalty: { type: 'FINE', amount: 80_000 } });
      ids.e4 = fined.id;
      await enforcementCase({ ...decided, field: 'FOOD_DRUG', penalty: { type: 'FINE', amount: 20_000 } }); // below the threshold
      await enforcementCase({ ...decided, field: 'TAX', penalty: { type: 'FINE', amount: 900_000 } }); // TAX switched off (null)
      const sent = await enforcementCase({ status: 'TRANSFERRED', decidedAt: ago(10), penalty: { type: 'FINE', amount: 90_000 }, counterpartCodes: [GAJ, JCY] });
      await transfer(sent.id, SCJ, { status: 'SENT', reportedAt: ago(9), approvedAt: ago(9), sentAt: ago(9), procuratorateCopyCode: JCY });
      const refused = await enforcementCase({ status: 'CLOSED', decidedAt: ago(10), closedAt: ago(5), penalty: { type: 'FINE', amount: 60_000 } });
      ids.e7 = refused.id;
      const t7 = await transfer(refused.id, SCJ, { status: 'REFUSED', reportedAt: ago(12), refusedAt: ago(11), reason: '情节轻微' });
      return [
        { agency: SCJ, severity: 'WARNING', records: [['EnforcementCase', fined.id]], says: [fined.caseNumber, '80,000元', '食品药品', '50,000元', '未移送'], resourceType: 'ENFORCEMENT_CASE' },
        { agency: SCJ, severity: 'WARNING', records: [['EnforcementCase', refused.id], ['CriminalTransfer', t7]], says: [refused.caseNumber, '移送未获批准'], resourceType: 'ENFORCEMENT_CASE' },
      ];
    },
    clear: async () => {
      // The agency reports the fined case for transfer; the county lifts the market threshold (a field without one is not read).
      await hub.ok(scj, `mutation($input: CriminalTransferInput!) { reportCriminalTransfer(input: $input) { status } }`, {
        input: { enforcementCaseId: ids.e4, policeAgencyCode: GAJ, suspectedCharge: '生产、销售不符合安全标准的食品罪', reportedAt: new Date().toISOString() },
      });
      configure({ ...SETTINGS, penaltyThresholds: { ...SETTINGS.penaltyThresholds, MARKET: null } });
    },
  },
  {
    rule: 'REPEAT_PETITIONER_OPEN_CASE',
    seed: async () => {
      const person = personIdOf(validIdNumber(501));
      ids.p1 = await petition(person, { handlingAgencyCode: SCJ, receivedAt: ago(6) });
      ids.p2 = await petition(person, { handlingAgencyCode: HBJ, status: 'ACCEPTED', receivedAt: ago(5), acceptedAt: ago(4) });
      await petition(person, { status: 'FINAL', receivedAt: ago(300), acceptedAt: ago(299), handlingStartedAt: ago(298), answeredAt: ago(250), closedAt: ago(200), answer: '已答复', petitionerAccepted: true });
      const once = personIdOf(validIdNumber(502));
      await petition(once, {}); // one open petition only
      await petition(null, {}); // anonymous letters are not counted
      await petition(null, {});
      const [n1, n2] = await Promise.all([ids.p1, ids.p2].map(async (id) => (await PetitionModel.findById(id).lean())!.number));
      return [{ agency: XFJ, severity: 'WARNING', records: [['Petition', ids.p1], ['Petition', ids.p2]], says: [`${n1}、${n2}`, '2件'], resourceType: 'PETITION' }];
    },
    clear: async () => {
      await hub.ok(xfj, `mutation($id: ID!, $v: Int!) { declinePetition(id: $id, version: $v, reason: "不属于信访受理范围") { status } }`, { id: ids.p1, v: 0 });
    },
  },
  {
    rule: 'PENDING_CASE_TOO_LONG',
    seed: async () => {
      ids.c3 = await procuratorateCase({ creditCodes: [validCreditCode(601)], acceptedAt: ago(400) });
      await procuratorateCase({ creditCodes: [validCreditCode(602)], acceptedAt: ago(400), sealed: true }); // a service never reads it
      await procuratorateCase({ acceptedAt: ago(400) }); // no enterprise
      await procuratorateCase({ creditCodes: [validCreditCode(603)], acceptedAt: ago(100) }); // not yet
      const number = (await ProcuratorateCaseModel.findById(ids.c3).lean())!.caseNumber;
      return [{ agency: JCY, severity: 'WARNING', records: [['ProcuratorateCase', ids.c3]], says: [number, '挂案'], resourceType: 'PROCURATORATE_CASE' }];
    },
    clear: async () => {
      await hub.ok(jcy, `mutation($id: ID!, $input: ProcuratorateCaseUpdate!) { updateProcuratorateCase(id: $id, input: $input) { status } }`, {
        id: ids.c3, input: { version: 0, closedAt: new Date().toISOString() },
      });
    },
  },
  {
    rule: 'RESCUE_APPLICANT_OPEN_PETITION',
    seed: async () => {
      const applicant = personIdOf(validIdNumber(701));
      ids.r1 = await rescueApplication(applicant);
      ids.q1 = await petition(applicant, { handlingAgencyCode: XFJ });
      const settled = personIdOf(validIdNumber(702));
      await rescueApplication(settled);
      await petition(settled, { status: 'NOT_ACCEPTED', notAcceptedAt: ago(4), notAcceptedReason: '重复' }); // closed
      const number = (await RescueApplicationModel.findById(ids.r1).lean())!.number!;
      return [{ agency: JCY, severity: 'INFO', records: [['RescueApplication', ids.r1], ['Petition', ids.q1]], says: [number, '1件信访未办结'], resourceType: 'RESCUE_APPLICATION' }];
    },
    clear: async () => {
      await hub.ok(xfj, `mutation($id: ID!, $v: Int!) { declinePetition(id: $id, version: $v, reason: "已通过司法救助化解") { status } }`, { id: ids.q1, v: 0 });
    },
  },
  {
    rule: 'WORK_TASK_OVERDUE',
    seed: async () => {
      ids.w1 = await workTask({ dueAt: ago(10) });
      await workTask({ dueAt: ago(10), status: 'DONE', startedAt: ago(20), completedAt: ago(12) });
      await workTask({ dueAt: new Date(Date.now() + 10 * DAY) });
      const title = (await WorkTaskModel.findById(ids.w1).lean())!.title;
      return [{ agency: SCJ, severity: 'WARNING', records: [['WorkTask', ids.w1]], says: [title, '已逾期10日'], resourceType: null }];
    },
    clear: async () => {
      await hub.ok(scj, `mutation($id: ID!) { startWorkTask(id: $id, version: 0) { status } }`, { id: ids.w1 });
      await hub.ok(scj, `mutation($id: ID!) { completeWorkTask(id: $id, version: 1, note: "检查已完成") { status } }`, { id: ids.w1 });
    },
  },
];

describe.each(SCENARIOS)('rule $rule', ({ rule, seed, clear }) => {
  let expected: Expected[] = [];
  let raised: AlertNode[] = [];

  it('raises one alert per condition, with its agency, severity, records and message', async () => {
    expected = await seed();
    const report = await run(rule);
    expect(report).toEqual({ rule, ok: true, error: null, found: expected.length, raised: expected.length, refreshed: 0, resolved: 0 });
    raised = await alertsOf(rule);
    expect(raised).toHaveLength(expected.length);
    for (const want of expected) {
      const [alert] = about(raised, want.records[0][1]);
      expect(alert).toMatchObject({
        rule, status: 'OPEN', severity: want.severity, agency: { code: want.agency }, resolvedAt: null, autoResolved: false, version: 0,
        records: want.records.map(([typename, id]) => ({ typename, id })), resourceType: want.resourceType,
        resourceId: want.resourceType ? want.records[0][1] : null, allowedNextSteps: ['ACKNOWLEDGED', 'RESOLVED'],
        history: [{ from: null, to: 'OPEN', agency: 'hub', actor: 'service:alert-rules' }],
      });
      for (const words of want.says) expect(alert.message).toContain(words);
    }
  });

  it('does not duplicate an open alert when rerun, and refreshes it', async () => {
    const report = await run(rule);
    expect(report).toMatchObject({ ok: true, found: expected.length, raised: 0, refreshed: expected.length, resolved: 0 });
    const again = await alertsOf(rule);
    expect(again.map((a) => a.id).sort()).toEqual(raised.map((a) => a.id).sort());
    for (const a of again) {
      expect(a.status).toBe('OPEN');
      expect(a.version).toBe(0); // a refresh is no step
      expect(new Date(a.lastSeenAt).getTime()).toBeGreaterThan(new Date(a.raisedAt).getTime());
    }
    expect(await AlertModel.countDocuments({ rule: rule as AlertRule })).toBe(expected.length);
  });

  it('resolves the alert once the condition has cleared, and raises nothing new', async () => {
    await clear();
    const report = await run(rule);
    expect(report).toEqual({ rule, ok: true, error: null, found: 0, raised: 0, refreshed: 0, resolved: expected.length });
    const after = await alertsOf(rule);
    expect(after).toHaveLength(expected.length);
    for (const a of after) {
      expect(a).toMatchObject({ status: 'RESOLVED', autoResolved: true, version: 1, allowedNextSteps: [] });
      expect(a.resolvedAt).not.toBeNull();
      expect(a.history.at(-1)).toMatchObject({ from: 'OPEN', to: 'RESOLVED', agency: 'hub', actor: 'service:alert-rules' });
    }
    expect(await run(rule)).toMatchObject({ ok: true, found: 0, raised: 0, resolved: 0 });
    configure(SETTINGS);
  });
});

describe('what the rules read', () => {
  it('is read through the gateway as the service user: the subgraphs audit its cross-agency reads', async () => {
    const read = await AuditEventModel.findOne({ actor: 'service:alert-rules', action: 'READ', resourceType: 'SUGGESTION', resourceIds: ids.s1 }).lean();
    expect(read).toMatchObject({ actorAgency: 'hub', outcome: 'ALLOWED' });
    const raised = await AuditEventModel.findOne({ actor: 'service:alert-rules', action: 'WRITE', resourceType: 'ALERT', purpose: 'new → OPEN' }).lean();
    expect(raised).not.toBeNull();
    expect(await AuditEventModel.exists({ actor: 'service:alert-rules', action: 'WRITE', resourceType: 'ALERT', purpose: 'OPEN → RESOLVED' })).not.toBeNull();
  });

  it('leaves an approved transfer not sent to 有案不移 alone, not to the overdue-transfer rule as well', async () => {
    const e = await enforcementCase();
    const t = await transfer(e.id, SCJ, { status: 'APPROVED', reportedAt: ago(6), approvedAt: ago(5) });
    expect(await run('TRANSFER_NOT_SENT')).toMatchObject({ ok: true, raised: 1 });
    expect(await run('TRANSFER_OVERDUE')).toMatchObject({ ok: true, raised: 0 });
    expect(about(await alertsOf('TRANSFER_OVERDUE'), t)).toEqual([]);
    expect(open(about(await alertsOf('TRANSFER_NOT_SENT'), t))).toHaveLength(1);
  });

  it('never names a person in a message (a repeat petitioner is a pseudonym kept out of the contract)', async () => {
    const [alert] = await alertsOf('REPEAT_PETITIONER_OPEN_CASE');
    expect(alert.message).not.toContain(personIdOf(validIdNumber(501)));
    expect(JSON.stringify(alert)).not.toContain(personIdOf(validIdNumber(501)));
  });

  it('links records that resolve through federation under the reader\'s own access', async () => {
    const Q = `query($rule: AlertRule) { alerts(filter: { rule: $rule }) { nodes { records { typename id record {
      __typename ... on EnforcementCase { caseNumber } ... on Suggestion { number } ... on WorkTask { title } } } } } }`;
    // The agency reads its own case; the joint office sees the alert but not another agency's case (FORBIDDEN there).
    const own = await hub.ok(scj, Q, { rule: 'PENALTY_INSTEAD_OF_PROSECUTION' });
    const fined = own.alerts.nodes.find((n: { records: { id: string }[] }) => n.records[0].id === ids.e4);
    expect(fined.records[0].record).toMatchObject({ __typename: 'EnforcementCase', caseNumber: expect.stringMatching(/^渑市监罚/) });
    const seen = await hub.query(office, Q, { rule: 'PENALTY_INSTEAD_OF_PROSECUTION' });
    expect(code(seen)).toBe('FORBIDDEN');
    const node = seen.data!.alerts.nodes.find((n: { records: { id: string }[] }) => n.records[0].id === ids.e4);
    expect(node.records[0].record).toBeNull();
    const task = await hub.ok(mzj, `{ alerts { totalCount } }`);
    expect(task.alerts.totalCount).toBe(0); // an agency with no alert sees none
    const tasks = await hub.ok(office, Q, { rule: 'WORK_TASK_OVERDUE' });
    expect(tasks.alerts.nodes[0].records[0].record).toMatchObject({ __typename: 'WorkTask', title: expect.stringContaining('食品安全专项检查') });
  });

  it('lists the rules with the thresholds in force to every member agency', async () => {
    const { alertRules } = await hub.ok(mzj, `{ alertRules { rule title description enabled } }`);
    expect(alertRules.map((r: { rule: string }) => r.rule).sort()).toEqual(SCENARIOS.map((s) => s.rule).sort());
    const penalty = alertRules.find((r: { rule: string }) => r.rule === 'PENALTY_INSTEAD_OF_PROSECUTION');
    expect(penalty).toMatchObject({ title: '以罚代刑风险', enabled: true });
    expect(penalty.description).toContain('食品药品50,000元');
    expect(penalty.description).not.toContain('税务');
  });
});

describe('the open key', () => {
  it('keeps one unresolved alert per rule and subject in the database itself, whatever runs race', async () => {
    const base = { rule: 'WORK_TASK_OVERDUE' as const, subject: 'f'.repeat(24), severity: 'INFO' as const, message: '并发', raisedAt: new Date() };
    const first = await AlertModel.create(base);
    try {
      await expect(AlertModel.create(base)).rejects.toThrow(/duplicate key/);
      const resolved = await AlertModel.create({ ...base, status: 'RESOLVED', resolvedAt: new Date() }); // resolved ones do not count
      expect(resolved.openKey).toBe(`-${resolved._id}`);
      expect(first.openKey).toBe(`WORK_TASK_OVERDUE|${base.subject}`);
    } finally {
      await AlertModel.deleteMany({ subject: base.subject });
    }
  });
});

describe('an alert\'s steps', () => {
  const ACK = `mutation($id: ID!, $v: Int!) { acknowledgeAlert(id: $id, version: $v, note: "已安排专人督办") { ${ALERT_FIELDS} } }`;
  const RESOLVE = `mutation($id: ID!, $v: Int!, $reason: String!) { resolveAlert(id: $id, version: $v, reason: $reason) { ${ALERT_FIELDS} } }`;
  let task = '';
  let alert = '';

  beforeAll(async () => {
    task = await workTask({ leadAgencyCode: HBJ, dueAt: ago(40) });
    expect(await run('WORK_TASK_OVERDUE')).toMatchObject({ ok: true, raised: 1 });
    const [a] = open(about(await alertsOf('WORK_TASK_OVERDUE'), task));
    expect(a).toMatchObject({ agency: { code: HBJ }, severity: 'CRITICAL' }); // 40 days past due
    alert = a.id;
  });

  it('are refused to other agencies, to the joint office\'s seat without liaison_admin, and to a viewer (FORBIDDEN)', async () => {
    for (const who of [mzj, scj, jcy, jcyAuditor, hbjViewer, scjAdmin]) {
      expect(code(await hub.query(who, ACK, { id: alert, v: 0 }))).toBe('FORBIDDEN');
    }
    expect(code(await hub.query(scj, `query($id: ID!) { alert(id: $id) { id } }`, { id: alert }))).toBe('FORBIDDEN');
  });

  it('OPEN → ACKNOWLEDGED by the alert\'s agency (officer)', async () => {
    const a = (await hub.ok(hbj, ACK, { id: alert, v: 0 })).acknowledgeAlert as AlertNode;
    expect(a).toMatchObject({ status: 'ACKNOWLEDGED', version: 1, allowedNextSteps: ['RESOLVED'] });
    expect(a.acknowledgedAt).not.toBeNull();
    expect(a.history.at(-1)).toMatchObject({ from: 'OPEN', to: 'ACKNOWLEDGED', agency: HBJ, actor: 'hbj-clerk', note: '已安排专人督办' });
  });

  it('refuses a step the status does not allow, a stale version, and a blank reason', async () => {
    const again = await hub.query(hbj, ACK, { id: alert, v: 1 });
    expect(code(again)).toBe('CONFLICT');
    expect(again.errors![0].extensions).toMatchObject({ currentStatus: 'ACKNOWLEDGED', allowed: ['RESOLVED'] });
    expect(code(await hub.query(office, RESOLVE, { id: alert, v: 0, reason: '已完成' }))).toBe('CONFLICT');
    expect(code(await hub.query(office, RESOLVE, { id: alert, v: 1, reason: '  ' }))).toBe('BAD_USER_INPUT');
  });

  it('a rerun keeps the acknowledged alert (no duplicate, still ACKNOWLEDGED)', async () => {
    expect(await run('WORK_TASK_OVERDUE')).toMatchObject({ ok: true, raised: 0, refreshed: 1 });
    const mine = about(await alertsOf('WORK_TASK_OVERDUE'), task);
    expect(mine.map((a) => [a.id, a.status])).toEqual([[alert, 'ACKNOWLEDGED']]);
  });

  it('ACKNOWLEDGED → RESOLVED by the joint office (liaison_admin), with the reason', async () => {
    const a = (await hub.ok(office, RESOLVE, { id: alert, v: 1, reason: '牵头单位已说明延期原因' })).resolveAlert as AlertNode;
    expect(a).toMatchObject({ status: 'RESOLVED', version: 2, autoResolved: false, allowedNextSteps: [] });
    expect(a.history.at(-1)).toMatchObject({ from: 'ACKNOWLEDGED', to: 'RESOLVED', agency: JCY, note: '牵头单位已说明延期原因' });
    expect(code(await hub.query(office, RESOLVE, { id: alert, v: 2, reason: '再次解除' }))).toBe('CONFLICT');
  });

  it('a person\'s resolution stands while the condition holds; once it clears and comes back, a new alert is raised', async () => {
    expect(await run('WORK_TASK_OVERDUE')).toMatchObject({ ok: true, found: 1, raised: 0, refreshed: 0, resolved: 0 });
    expect(about(await alertsOf('WORK_TASK_OVERDUE'), task).map((a) => a.status)).toEqual(['RESOLVED']);
    await WorkTaskModel.updateOne({ _id: task }, { $set: { dueAt: new Date(Date.now() + 30 * DAY) } }); // extended: cleared
    expect(await run('WORK_TASK_OVERDUE')).toMatchObject({ ok: true, found: 0, resolved: 0 });
    await WorkTaskModel.updateOne({ _id: task }, { $set: { dueAt: ago(2) } }); // overdue again
    expect(await run('WORK_TASK_OVERDUE')).toMatchObject({ ok: true, found: 1, raised: 1 });
    const mine = about(await alertsOf('WORK_TASK_OVERDUE'), task);
    expect(mine.map((a) => a.status)).toEqual(['OPEN', 'RESOLVED']);
    expect(mine[1].id).toBe(alert);
  });

  it('are listed by status and severity for the agency (the filter of the wall screen)', async () => {
    const Q = `query($status: AlertStatus, $severity: AlertSeverity) { alerts(filter: { status: $status, severity: $severity }) { nodes { id status severity } } }`;
    const open = (await hub.ok(hbj, Q, { status: 'OPEN' })).alerts.nodes;
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((a: AlertNode) => a.status === 'OPEN')).toBe(true);
    const resolved = (await hub.ok(hbj, Q, { status: 'RESOLVED', severity: 'CRITICAL' })).alerts.nodes;
    expect(resolved.map((a: AlertNode) => a.id)).toContain(alert);
  });

  it('OPEN → RESOLVED directly by the alert\'s agency', async () => {
    const [a] = open(about(await alertsOf('WORK_TASK_OVERDUE'), task));
    const done = (await hub.ok(hbj, RESOLVE, { id: a.id, v: 0, reason: '已完成, 系统延迟录入' })).resolveAlert as AlertNode;
    expect(done).toMatchObject({ status: 'RESOLVED', autoResolved: false });
    expect(done.history.map((h) => `${h.from ?? 'new'}→${h.to}`)).toEqual(['new→OPEN', 'OPEN→RESOLVED']);
  });
});

describe('runAlertRules', () => {
  it('is the joint office\'s alone: FORBIDDEN to its seat\'s other users and to a liaison_admin of another agency', async () => {
    for (const who of [jcy, jcyAuditor, scj, scjAdmin, mzj]) expect(code(await hub.query(who, RUN, { rules: ['WORK_TASK_OVERDUE'] }))).toBe('FORBIDDEN');
  });

  it('runs every enabled rule when none is named', async () => {
    const d = await hub.ok(office, RUN, {});
    expect(d.runAlertRules.rules.filter((r: RuleRun) => !r.ok)).toEqual([]);
    expect(d.runAlertRules.rules.map((r: RuleRun) => r.rule).sort()).toEqual(SCENARIOS.map((s) => s.rule).sort());
    expect(d.runAlertRules.rules.every((r: RuleRun) => r.ok)).toBe(true);
  });

  it('also run on a schedule in the liaison process (ALERT_RULES.intervalMinutes), first as soon as the gateway answers', async () => {
    const task = await workTask({ leadAgencyCode: MZJ, dueAt: ago(3) });
    configure({ ...SETTINGS, intervalMinutes: 60 });
    const schedule = scheduleAlertRules();
    try {
      const until = Date.now() + 30_000;
      while (Date.now() < until && open(about(await alertsOf('WORK_TASK_OVERDUE'), task)).length === 0) await new Promise((r) => setTimeout(r, 500));
      expect(open(about(await alertsOf('WORK_TASK_OVERDUE'), task))).toMatchObject([{ agency: { code: MZJ }, status: 'OPEN' }]);
    } finally {
      schedule.stop();
      configure(SETTINGS);
    }
  });

  it('changes nothing for a rule whose read fails: a subgraph down does not look like cleared conditions', async () => {
    const c = await procuratorateCase();
    const s = await suggestion(c, { servedAt: ago(100) });
    expect(await run('SUGGESTION_OVERDUE')).toMatchObject({ ok: true, raised: 1 });
    await hub.stopSubgraph('procuratorate');
    await SuggestionModel.deleteOne({ _id: s });
    const report = await run('SUGGESTION_OVERDUE');
    expect(report).toMatchObject({ ok: false, raised: 0, resolved: 0 });
    expect(report.error).toBeTruthy();
    expect(open(about(await alertsOf('SUGGESTION_OVERDUE'), s))).toHaveLength(1);
  });
});
