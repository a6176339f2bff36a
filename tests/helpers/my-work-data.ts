import { RescueApplicationModel, SupportReferralModel } from '../../subgraphs/assistance/models';
import { applications as rescueWorkflow, referrals as supportWorkflow } from '../../subgraphs/assistance/workflow';
import { CriminalTransferModel } from '../../subgraphs/enforcement/models';
import { transfers } from '../../subgraphs/enforcement/workflow';
import { syncAgencies } from '../../subgraphs/liaison/agencies';
import { AlertModel, DataRequestModel, WorkTaskModel } from '../../subgraphs/liaison/models';
import { alerts, dataRequests, workTasks } from '../../subgraphs/liaison/workflow';
import { HotlineTicketModel, PetitionModel } from '../../subgraphs/petitions/models';
import { hotlineTickets, petitions } from '../../subgraphs/petitions/workflow';
import { ReverseReferralModel, SuggestionModel } from '../../subgraphs/procuratorate/models';
import { referrals as reverseWorkflow, suggestions } from '../../subgraphs/procuratorate/workflow';

// 待办: a small data set around 县市场监管局 (SCJ), whose work was counted by hand. Records are stored through each
// workflow definition's `prepare` (as the seed does); then the stored due date (`nextDueAt`, `dueAt` of a work task),
// which is what myWork reads, is set by hand to a whole number of days from now, so that the order is plain to see.
// How each due date is derived from the legal periods is the workflow tests' business.
//
// SCJ's work, most urgent first (days from now; officer = what an officer of SCJ sees, + = a supervisor only):
//   s1  Suggestion        SERVED to SCJ            −40  OBJECTED, REPLIED     (overdue)        procuratorate
//   t2  CriminalTransfer  APPROVED by SCJ          −5   SENT                  (overdue)        enforcement
//   p1  Petition          HANDLING by SCJ          −2   ANSWERED              (overdue)        petitions
//   t1  CriminalTransfer  REPORTED by SCJ          +1   APPROVED, REFUSED     + supervisor     enforcement
//   d1  DataRequest       PROVIDER_REVIEW of SCJ   +2   GRANTED, DENIED (+ the option COORDINATION)   + supervisor
//   w1  WorkTask          PLANNED, led by SCJ      +3   IN_PROGRESS                            liaison
//   k1  HotlineTicket     DISPATCHED to SCJ        +5   RETURNED, HANDLING                     petitions
//   t3  CriminalTransfer  FILED, exhibits owed     +7   act handOver                           enforcement
//   r1  ReverseReferral   OPINION_ISSUED to SCJ    +20  AGENCY_DECIDED                         procuratorate
//   p2  Petition          ACCEPTED by SCJ          +30  HANDLING                               petitions
//   t6  CriminalTransfer  NOT_FILED                +40  RECONSIDERATION                        enforcement
//   s2  Suggestion        RECTIFYING by SCJ        +60  act reportProgress                     procuratorate
//   a1  Alert             OPEN, of SCJ             —    ACKNOWLEDGED, RESOLVED                 liaison
//   f1  SupportReferral   REFERRED to SCJ          —    ACCEPTED, DECLINED                     assistance
// An officer: 12 items (all but t1 and d1) from all five subgraphs; a supervisor: 14; a viewer: none.
//
// Not SCJ's work, though they name SCJ (each would come first or early if it leaked):
//   s3 a DRAFT to SCJ (the procuratorate's approval); s4 SERVED to SCJ but sealed (SCJ may not read it; −50);
//   t4 FILED with the exhibits handed over; t5 SENT (the police's receipt, −30); t7 NOT_FILED, reconsidered once
//   already (the procuratorate's supervision, −20); d2 SUBMITTED by SCJ (withdrawing is only its option); w2 DONE;
//   a2 RESOLVED; f2 COMPLETED. And other agencies' work: s5 SERVED to HBJ, t8 REPORTED by HBJ, p3 HANDLING by HBJ,
//   k2 DISPATCHED to HBJ, a3 OPEN of HBJ (all −60); s6 SERVED to HBJ three days ago (+58: not yet the procuratorate's
//   to escalate).
//
// The joint office (liaison_admin of JCY) asking for SCJ sees SCJ's work among the records the joint office may read:
// s1, d1, w1, t3, r1, t6, s2, a1, f1 (9) — not t1 and t2 (not sent: SCJ's alone), nor the petitions and the ticket
// (the joint office is no party to them).

export const JCY = '411221-JCY';
export const SCJ = '411221-SCJ';
export const HBJ = '411221-HBJ';
export const GAJ = '411221-GAJ';

const DAY = 86_400_000;
/** A whole number of days from now (noon-free: the test compares whole days, far apart). */
export const days = (n: number) => new Date(Date.now() + n * DAY);

/** SCJ's work as an officer sees it, most urgent first: [label, recordType, steps, acts, due in days or null]. */
export const OFFICER_WORK: readonly [string, string, string[], string[], number | null][] = [
  ['JJ-s1', 'Suggestion', ['OBJECTED', 'REPLIED'], [], -40],
  ['县市场监管局移送·t2', 'CriminalTransfer', ['SENT'], [], -5],
  ['X-p1', 'Petition', ['ANSWERED'], [], -2],
  ['任务w1', 'WorkTask', ['IN_PROGRESS'], [], 3],
  ['12345-k1', 'HotlineTicket', ['RETURNED', 'HANDLING'], [], 5],
  ['县市场监管局移送·t3', 'CriminalTransfer', [], ['handOver'], 7],
  ['反向衔接→县市场监管局', 'ReverseReferral', ['AGENCY_DECIDED'], [], 20],
  ['X-p2', 'Petition', ['HANDLING'], [], 30],
  ['县市场监管局移送·t6', 'CriminalTransfer', ['RECONSIDERATION'], [], 40],
  ['JJ-s2', 'Suggestion', [], ['reportProgress'], 60],
  ['预警a1', 'Alert', ['ACKNOWLEDGED', 'RESOLVED'], [], null],
  ['多元救助转介→县市场监管局', 'SupportReferral', ['ACCEPTED', 'DECLINED'], [], null],
];

/** What a supervisor sees besides: the approvals. */
export const SUPERVISOR_ONLY: readonly [string, string, string[], string[], number | null][] = [
  ['县市场监管局移送·t1', 'CriminalTransfer', ['APPROVED', 'REFUSED'], [], 1],
  // Taking it to the joint meeting (COORDINATION) is listed too: an option of either party beside the decision owed.
  ['共享申请 县生态环境分局→县市场监管局', 'DataRequest', ['GRANTED', 'DENIED', 'COORDINATION'], [], 2],
];

/** A supervisor's list: the officer's with the approvals in their places. */
export const SUPERVISOR_WORK = [...OFFICER_WORK.slice(0, 3), ...SUPERVISOR_ONLY, ...OFFICER_WORK.slice(3)];

/** The labels the joint office sees for SCJ, in order. */
export const JOINT_OFFICE_VIEW = ['JJ-s1', SUPERVISOR_ONLY[1][0], '任务w1', '县市场监管局移送·t3', '反向衔接→县市场监管局', '县市场监管局移送·t6', 'JJ-s2', '预警a1', '多元救助转介→县市场监管局'];

/** Per subgraph, the labels of SCJ's officer work it contributes. */
export const OFFICER_PARTS = {
  procuratorate: ['JJ-s1', '反向衔接→县市场监管局', 'JJ-s2'],
  enforcement: ['县市场监管局移送·t2', '县市场监管局移送·t3', '县市场监管局移送·t6'],
  petitions: ['X-p1', '12345-k1', 'X-p2'],
  assistance: ['多元救助转介→县市场监管局'],
  liaison: ['任务w1', '预警a1'],
} as const;

const due = <T extends object>(doc: T, n: number | null, field = 'nextDueAt') => ({ ...doc, [field]: n === null ? null : days(n) });

export async function seedProcuratorate(): Promise<void> {
  const s = (id: string, target: string, status: string, dueIn: number | null, dates: Record<string, Date>, more: Record<string, unknown> = {}) =>
    due(suggestions.prepare({
      _id: id, number: `JJ-${id}`, kind: 'CORRECT_VIOLATION', procuratorateCaseId: 'c1', agencyCode: JCY, targetAgencyCode: target, sealed: false,
      content: '建议', status, harmSpreading: false, issuedAt: days(-120), ...dates, ...more,
    } as never), dueIn);
  await SuggestionModel.insertMany([
    s('s1', SCJ, 'SERVED', -40, { approvedAt: days(-110), servedAt: days(-100) }),
    s('s2', SCJ, 'RECTIFYING', 60, { approvedAt: days(-110), servedAt: days(-100), repliedAt: days(-50), rectificationStartedAt: days(-49) }),
    s('s3', SCJ, 'DRAFT', null, {}),
    s('s4', SCJ, 'SERVED', -50, { approvedAt: days(-110), servedAt: days(-100) }, { procuratorateCaseId: 'c-sealed', sealed: true }),
    s('s5', HBJ, 'SERVED', -60, { approvedAt: days(-110), servedAt: days(-100) }),
    // Served 3 days ago: HBJ's reply is not due yet, so the procuratorate cannot escalate it (not its work).
    s('s6', HBJ, 'SERVED', 58, { approvedAt: days(-4), servedAt: days(-3) }),
  ]);
  const r = (id: string, competent: string, status: string, dueIn: number | null, dates: Record<string, Date>) =>
    due(reverseWorkflow.prepare({ _id: id, procuratorateCaseId: 'c1', agencyCode: JCY, competentAgencyCode: competent, status, pauses: [], sealed: false, ...dates } as never), dueIn);
  await ReverseReferralModel.insertMany([
    r('r1', SCJ, 'OPINION_ISSUED', 20, { nonProsecutedAt: days(-30), referredAt: days(-29), reviewStartedAt: days(-28), opinionIssuedAt: days(-10) }),
  ]);
}

export async function seedEnforcement(): Promise<void> {
  const t = (id: string, agencyCode: string, status: string, dueIn: number | null, dates: Record<string, Date>) =>
    due(transfers.prepare({
      _id: id, enforcementCaseId: `e-${id}`, agencyCode, policeAgencyCode: GAJ, procuratorateCopyCode: JCY, suspectedCharge: id, status, reportedAt: days(-20), ...dates,
    } as never), dueIn);
  const sent = { approvedAt: days(-19), sentAt: days(-19) };
  const reviewed = { ...sent, receiptedAt: days(-18), reviewStartedAt: days(-18) };
  await CriminalTransferModel.insertMany([
    t('t1', SCJ, 'REPORTED', 1, {}),
    t('t2', SCJ, 'APPROVED', -5, { approvedAt: days(-19) }),
    t('t3', SCJ, 'FILED', 7, { ...reviewed, filedAt: days(-2) }),
    t('t4', SCJ, 'FILED', null, { ...reviewed, filedAt: days(-3), exhibitsHandedOverAt: days(-2) }),
    t('t5', SCJ, 'SENT', -30, sent),
    t('t6', SCJ, 'NOT_FILED', 40, { ...reviewed, notFiledAt: days(-10) }),
    t('t7', SCJ, 'NOT_FILED', -20, { ...reviewed, notFiledAt: days(-15), reconsiderationRequestedAt: days(-14), reconsiderationDecidedAt: days(-12) }),
    t('t8', HBJ, 'REPORTED', -60, {}),
  ]);
}

export async function seedPetitions(): Promise<void> {
  const p = (id: string, agency: string, status: string, dueIn: number | null, dates: Record<string, Date>) =>
    due(petitions.prepare({
      _id: id, number: `X-${id}`, channel: 'LETTER', petitionerId: null, subject: '事项', summary: '诉求', handlingAgencyCode: agency, status,
      procuratorateHandled: false, hearings: [], relatedCaseRefs: [], repeatOfId: null, receivedAt: days(-20), ...dates,
    } as never), dueIn);
  await PetitionModel.insertMany([
    p('p1', SCJ, 'HANDLING', -2, { acceptedAt: days(-19), handlingStartedAt: days(-18) }),
    p('p2', SCJ, 'ACCEPTED', 30, { acceptedAt: days(-1) }),
    p('p3', HBJ, 'HANDLING', -60, { acceptedAt: days(-19), handlingStartedAt: days(-18) }),
  ]);
  const k = (id: string, agency: string, status: string, dueIn: number | null) =>
    due(hotlineTickets.prepare({ _id: id, number: `12345-${id}`, line: 'L12345', callerId: null, subject: '事项', dispatchedToCode: agency, status, returns: [], dispatchedAt: days(-1) } as never), dueIn);
  await HotlineTicketModel.insertMany([k('k1', SCJ, 'DISPATCHED', 5), k('k2', HBJ, 'DISPATCHED', -60)]);
}

export async function seedAssistance(): Promise<void> {
  // The application the referrals come from (followed up: no step left).
  await RescueApplicationModel.create(rescueWorkflow.prepare({
    _id: 'ra1', number: 'JZ-ra1', applicantId: 'pA', procuratorateCaseId: 'c1', agencyCode: JCY, situation: 'VICTIM_SERIOUS_INJURY', exclusionChecks: [], groups: [],
    months: 3, monthlyWage: 6300, status: 'FOLLOW_UP', appliedAt: days(-90), reviewStartedAt: days(-89), decidedAt: days(-80), fundsRequestedAt: days(-79),
    fundsReceivedAt: days(-70), disbursedAt: days(-69), notifiedAt: days(-69), followedUpAt: days(-60), followUpNote: '回访',
  } as never));
  const f = (id: string, status: string, dates: Record<string, Date>) =>
    supportWorkflow.prepare({ _id: id, applicationId: 'ra1', agencyCode: JCY, kind: 'EMPLOYMENT', referringAgencyCode: JCY, receivingAgencyCode: SCJ, status, referredAt: days(-5), ...dates } as never);
  await SupportReferralModel.insertMany([f('f1', 'REFERRED', {}), f('f2', 'COMPLETED', { acceptedAt: days(-4), completedAt: days(-3) })]);
}

export async function seedLiaison(): Promise<void> {
  await syncAgencies();
  const d = (id: string, requester: string, provider: string, status: string, dueIn: number | null, dates: Record<string, Date>) =>
    due(dataRequests.prepare({
      _id: id, requesterCode: requester, providerCode: provider, resourceTypes: ['ENFORCEMENT_CASE'], purpose: '监督', legalBasis: '依据', wantsPersonalData: false,
      catalogued: true, periodFrom: days(-400), periodTo: days(-300), status, submittedAt: days(-6), ...dates,
    } as never), dueIn);
  await DataRequestModel.insertMany([
    d('d1', HBJ, SCJ, 'PROVIDER_REVIEW', 2, { complianceStartedAt: days(-6), providerReviewStartedAt: days(-5) }),
    d('d2', SCJ, HBJ, 'SUBMITTED', -10, {}),
  ]);
  const w = (id: string, lead: string, status: string, dueIn: number) =>
    workTasks.prepare({ _id: id, year: 2025, title: `任务${id}`, leadAgencyCode: lead, responsibleAgencyCodes: [], dueAt: days(dueIn), status } as never);
  await WorkTaskModel.insertMany([w('w1', SCJ, 'PLANNED', 3), w('w2', SCJ, 'DONE', -30)]);
  const a = (id: string, agencyCode: string, status: 'OPEN' | 'RESOLVED') =>
    alerts.prepare({ _id: id, rule: 'TRANSFER_OVERDUE', severity: 'WARNING', message: `预警${id}`, agencyCode, raisedAt: days(-3), status, subject: id, ...(status === 'RESOLVED' ? { resolvedAt: days(-1) } : {}) } as never);
  await AlertModel.insertMany([a('a1', SCJ, 'OPEN'), a('a2', SCJ, 'RESOLVED'), a('a3', HBJ, 'OPEN')]);
}

export async function seedAll(): Promise<void> {
  await Promise.all([seedProcuratorate(), seedEnforcement(), seedPetitions(), seedAssistance(), seedLiaison()]);
}

/**
 * Records that are nobody's work now (finished ones) or other agencies' work, `n` of each kind: adding them must
 * change neither SCJ's list nor the MongoDB commands that find it.
 */
export async function seedMore(n: number, prefix: string): Promise<void> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  await SuggestionModel.insertMany(ids.map((id) => suggestions.prepare({
    _id: `s-${id}`, number: `JJ-${id}`, kind: 'CORRECT_VIOLATION', procuratorateCaseId: 'c1', agencyCode: JCY, targetAgencyCode: SCJ, sealed: false, content: '建议',
    status: 'CLOSED', harmSpreading: false, issuedAt: days(-300), approvedAt: days(-299), servedAt: days(-298), repliedAt: days(-290), rectificationStartedAt: days(-289),
    verifiedAt: days(-200), closedAt: days(-199),
  } as never)));
  await CriminalTransferModel.insertMany(ids.map((id) => transfers.prepare({
    _id: `t-${id}`, enforcementCaseId: `e-${id}`, agencyCode: SCJ, policeAgencyCode: GAJ, procuratorateCopyCode: JCY, suspectedCharge: id, status: 'FILED',
    reportedAt: days(-30), approvedAt: days(-29), sentAt: days(-29), receiptedAt: days(-28), reviewStartedAt: days(-28), filedAt: days(-20), exhibitsHandedOverAt: days(-19),
  } as never)));
  await PetitionModel.insertMany(ids.map((id) => petitions.prepare({
    _id: `p-${id}`, number: `X-${id}`, channel: 'LETTER', petitionerId: null, subject: '事项', summary: '诉求', handlingAgencyCode: HBJ, status: 'HANDLING',
    procuratorateHandled: false, hearings: [], relatedCaseRefs: [], repeatOfId: null, receivedAt: days(-20), acceptedAt: days(-19), handlingStartedAt: days(-18),
  } as never)));
  await SupportReferralModel.insertMany(ids.map((id) => supportWorkflow.prepare({
    _id: `f-${id}`, applicationId: 'ra1', agencyCode: JCY, kind: 'MEDICAL', referringAgencyCode: JCY, receivingAgencyCode: SCJ, status: 'DECLINED', referredAt: days(-9), declinedAt: days(-8),
  } as never)));
  await WorkTaskModel.insertMany(ids.map((id) => workTasks.prepare({ _id: `w-${id}`, year: 2025, title: id, leadAgencyCode: HBJ, responsibleAgencyCodes: [SCJ], dueAt: days(10), status: 'PLANNED' } as never)));
}
