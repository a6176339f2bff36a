import type { Period } from '../../lib/period';
import { applications as rescueWorkflow, referrals as supportWorkflow } from '../../subgraphs/assistance/workflow';
import { RescueApplicationModel, SupportReferralModel } from '../../subgraphs/assistance/models';
import { CriminalTransferModel, EnforcementCaseModel } from '../../subgraphs/enforcement/models';
import { transfers } from '../../subgraphs/enforcement/workflow';
import { syncAgencies } from '../../subgraphs/liaison/agencies';
import { AlertModel, DataRequestModel, JointMeetingModel, TrainingSessionModel, WorkTaskModel } from '../../subgraphs/liaison/models';
import { dataRequests, workTasks } from '../../subgraphs/liaison/workflow';
import { HotlineTicketModel, PetitionModel } from '../../subgraphs/petitions/models';
import { hotlineTickets, petitions } from '../../subgraphs/petitions/workflow';
import { ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel } from '../../subgraphs/procuratorate/models';
import { publicInterestCases, referrals as reverseWorkflow, suggestions, type PublicInterestCaseDoc } from '../../subgraphs/procuratorate/workflow';

// A small data set of 2025 for the dashboard, stored through each workflow definition's `prepare` (as the seed does:
// the due dates and flags are derived, not written by hand), and every indicator of it counted by hand below.
// Dates are China time: cn('2025-05-06') is noon in Beijing. The boundary records are one hour after midnight China
// time on the first day of a month, so still the previous month in UTC: they test that periods are China time.
// Every due date named in a comment was counted by hand (periods of docs/domain.md#legal-periods, 2025 holidays).

export const cn = (day: string) => new Date(`${day}T12:00:00+08:00`);
/** 00:30 China time on 1 May 2025 … (the previous day in UTC). */
const MAY_1_0030 = new Date('2025-04-30T16:30:00Z');
const JUN_1_0030 = new Date('2025-05-31T16:30:00Z');
const JUN_1_0100 = new Date('2025-05-31T17:00:00Z');
const JUL_1_0030 = new Date('2025-06-30T16:30:00Z');
const JUL_1_0100 = new Date('2025-06-30T17:00:00Z');
const JUL_1_0200 = new Date('2025-06-30T18:00:00Z');
const APR_1_0100 = new Date('2025-03-31T17:00:00Z');
const JAN_1_0100 = new Date('2024-12-31T17:00:00Z');

export const JCY = '411221-JCY';
export const SCJ = '411221-SCJ';
export const HBJ = '411221-HBJ';
export const YJJ = '411221-YJJ';
export const ZRJ = '411221-ZRJ';
export const GAJ = '411221-GAJ';
export const RSJ = '411221-RSJ';
export const ZFB = '411221-ZFB';
export const MZJ = '411221-MZJ';
export const JYJ = '411221-JYJ';

/** The periods checked: a month, a quarter, a half, a year, and the months of the trend. */
export const PERIODS = ['2025-05', '2025-Q2', '2025-H1', '2025'] as const;
export const TREND = ['2025-04', '2025-05', '2025-06'] as const;
export type Key = (typeof PERIODS)[number] | (typeof TREND)[number];

export type Rate = { numerator: number; denominator: number; value: number | null };
export const rt = (numerator: number, denominator: number, value: number | null): Rate => ({ numerator, denominator, value });
const NONE = rt(0, 0, null);
const sc = (...pairs: [string, number][]) => pairs.map(([status, count]) => ({ status, count }));

// ── enforcement ──────────────────────────────────────────────────────────────────────────────────

export async function seedEnforcement(): Promise<void> {
  const cases = [
    { _id: 'e9', agencyCode: SCJ, field: 'FOOD_DRUG', filedAt: JAN_1_0100 }, // January in China (2024 in UTC)
    { _id: 'e7', agencyCode: SCJ, field: 'MARKET', filedAt: cn('2025-02-11') },
    { _id: 'e1', agencyCode: SCJ, field: 'FOOD_DRUG', filedAt: cn('2025-04-08') },
    { _id: 'e2', agencyCode: SCJ, field: 'FOOD_DRUG', filedAt: cn('2025-05-06') },
    { _id: 'e3', agencyCode: HBJ, field: 'ECOLOGY', filedAt: cn('2025-05-12') },
    { _id: 'e4', agencyCode: HBJ, field: 'ECOLOGY', filedAt: MAY_1_0030 }, // May in China, April in UTC
    { _id: 'e5', agencyCode: YJJ, field: 'WORK_SAFETY', filedAt: cn('2025-06-10') },
    { _id: 'e6', agencyCode: HBJ, field: 'ECOLOGY', filedAt: JUL_1_0100 }, // July in China, June in UTC
    { _id: 'e8', agencyCode: YJJ, field: 'WORK_SAFETY', filedAt: cn('2025-09-09') },
  ];
  await EnforcementCaseModel.insertMany(cases.map((c) => ({ ...c, caseNumber: `D-${c._id}`, facts: '事实', status: 'INVESTIGATING', creditCode: null })));
  const t = (id: string, agencyCode: string, status: string, dates: Record<string, Date>) =>
    transfers.prepare({ _id: `t-${id}`, enforcementCaseId: id, agencyCode, policeAgencyCode: GAJ, suspectedCharge: '涉嫌犯罪', status, ...dates } as never);
  await CriminalTransferModel.insertMany([
    // FILED in February, exhibits handed over: no clock.
    t('e7', SCJ, 'FILED', { reportedAt: cn('2025-02-12'), approvedAt: cn('2025-02-13'), sentAt: cn('2025-02-13'), receiptedAt: cn('2025-02-14'), reviewStartedAt: cn('2025-02-14'), filedAt: cn('2025-02-17'), exhibitsHandedOverAt: cn('2025-02-18') }),
    // Sent in April, not filed, reconsidered, FILED in May.
    t('e1', SCJ, 'FILED', {
      reportedAt: cn('2025-04-09'), approvedAt: cn('2025-04-10'), sentAt: cn('2025-04-10'), receiptedAt: cn('2025-04-11'), reviewStartedAt: cn('2025-04-11'),
      notFiledAt: cn('2025-04-14'), reconsiderationRequestedAt: cn('2025-04-15'), reconsiderationDecidedAt: cn('2025-05-06'), filedAt: cn('2025-05-06'), exhibitsHandedOverAt: cn('2025-05-07'),
    }),
    // Reported 7 May, never approved: approval due 12 May (10 May a Saturday) → overdue in May, owed by SCJ.
    t('e2', SCJ, 'REPORTED', { reportedAt: cn('2025-05-07') }),
    t('e3', HBJ, 'FILED', { reportedAt: cn('2025-05-13'), approvedAt: cn('2025-05-14'), sentAt: cn('2025-05-14'), receiptedAt: cn('2025-05-15'), reviewStartedAt: cn('2025-05-16'), filedAt: cn('2025-05-19'), exhibitsHandedOverAt: cn('2025-05-20') }),
    // Police review from the receipt on 9 May: due 12 May → overdue in May, owed by the police.
    t('e4', HBJ, 'POLICE_REVIEW', { reportedAt: cn('2025-05-06'), approvedAt: cn('2025-05-07'), sentAt: cn('2025-05-08'), receiptedAt: cn('2025-05-09'), reviewStartedAt: cn('2025-05-09') }),
    t('e5', YJJ, 'REFUSED', { reportedAt: cn('2025-06-11'), refusedAt: cn('2025-06-12') }),
    // Reported at 02:00 on 1 July China time: July; approval due 4 July → overdue in July, owed by HBJ.
    t('e6', HBJ, 'REPORTED', { reportedAt: JUL_1_0200 }),
    // Supervision from 16 September: the police's explanation due 23 September → overdue in September, owed by the police.
    t('e8', YJJ, 'PROCURATORATE_SUPERVISION', { reportedAt: cn('2025-09-10'), approvedAt: cn('2025-09-11'), sentAt: cn('2025-09-11'), receiptedAt: cn('2025-09-12'), reviewStartedAt: cn('2025-09-12'), notFiledAt: cn('2025-09-15'), supervisionStartedAt: cn('2025-09-16') }),
  ]);
}

const ea = (code: string, casesFiled: number, transfersReported: number, transfersSent: number, transfersFiled: number, transferRate: Rate, filingRate: Rate, transfersOverdue: number) =>
  ({ agency: { code }, casesFiled, transfersReported, transfersSent, transfersFiled, transferRate, filingRate, transfersOverdue });
const ef = (field: string, casesFiled: number, transfersReported: number, transfersSent: number, transfersFiled: number, transferRate: Rate, filingRate: Rate) =>
  ({ field, casesFiled, transfersReported, transfersSent, transfersFiled, transferRate, filingRate });

export const ENFORCEMENT: Record<Key, unknown> = {
  '2025-04': {
    casesFiled: 1, casesByField: sc(['FOOD_DRUG', 1]), transfersReported: 1, transfersSent: 1, transfersFiled: 0,
    transferRate: rt(1, 1, 1), filingRate: rt(1, 1, 1), transfersOverdue: 0,
    byAgency: [ea(SCJ, 1, 1, 1, 0, rt(1, 1, 1), rt(1, 1, 1), 0)],
    byField: [ef('FOOD_DRUG', 1, 1, 1, 0, rt(1, 1, 1), rt(1, 1, 1))],
  },
  '2025-05': {
    casesFiled: 3, casesByField: sc(['ECOLOGY', 2], ['FOOD_DRUG', 1]), transfersReported: 3, transfersSent: 2, transfersFiled: 2,
    transferRate: rt(2, 3, 0.6667), filingRate: rt(1, 2, 0.5), transfersOverdue: 2,
    byAgency: [
      ea(GAJ, 0, 0, 0, 0, NONE, NONE, 1),
      ea(HBJ, 2, 2, 2, 1, rt(2, 2, 1), rt(1, 2, 0.5), 0),
      ea(SCJ, 1, 1, 0, 1, rt(0, 1, 0), NONE, 1),
    ],
    byField: [ef('ECOLOGY', 2, 2, 2, 1, rt(2, 2, 1), rt(1, 2, 0.5)), ef('FOOD_DRUG', 1, 1, 0, 1, rt(0, 1, 0), NONE)],
  },
  '2025-06': {
    casesFiled: 1, casesByField: sc(['WORK_SAFETY', 1]), transfersReported: 1, transfersSent: 0, transfersFiled: 0,
    transferRate: rt(0, 1, 0), filingRate: NONE, transfersOverdue: 0,
    byAgency: [ea(YJJ, 1, 1, 0, 0, rt(0, 1, 0), NONE, 0)],
    byField: [ef('WORK_SAFETY', 1, 1, 0, 0, rt(0, 1, 0), NONE)],
  },
  '2025-Q2': {
    casesFiled: 5, casesByField: sc(['ECOLOGY', 2], ['FOOD_DRUG', 2], ['WORK_SAFETY', 1]), transfersReported: 5, transfersSent: 3, transfersFiled: 2,
    transferRate: rt(3, 5, 0.6), filingRate: rt(2, 3, 0.6667), transfersOverdue: 2,
    byAgency: [
      ea(GAJ, 0, 0, 0, 0, NONE, NONE, 1),
      ea(HBJ, 2, 2, 2, 1, rt(2, 2, 1), rt(1, 2, 0.5), 0),
      ea(SCJ, 2, 2, 1, 1, rt(1, 2, 0.5), rt(1, 1, 1), 1),
      ea(YJJ, 1, 1, 0, 0, rt(0, 1, 0), NONE, 0),
    ],
    byField: [
      ef('ECOLOGY', 2, 2, 2, 1, rt(2, 2, 1), rt(1, 2, 0.5)),
      ef('FOOD_DRUG', 2, 2, 1, 1, rt(1, 2, 0.5), rt(1, 1, 1)),
      ef('WORK_SAFETY', 1, 1, 0, 0, rt(0, 1, 0), NONE),
    ],
  },
  '2025-H1': {
    casesFiled: 7, casesByField: sc(['ECOLOGY', 2], ['FOOD_DRUG', 3], ['MARKET', 1], ['WORK_SAFETY', 1]), transfersReported: 6, transfersSent: 4, transfersFiled: 3,
    transferRate: rt(4, 6, 0.6667), filingRate: rt(3, 4, 0.75), transfersOverdue: 2,
    byAgency: [
      ea(GAJ, 0, 0, 0, 0, NONE, NONE, 1),
      ea(HBJ, 2, 2, 2, 1, rt(2, 2, 1), rt(1, 2, 0.5), 0),
      ea(SCJ, 4, 3, 2, 2, rt(2, 3, 0.6667), rt(2, 2, 1), 1),
      ea(YJJ, 1, 1, 0, 0, rt(0, 1, 0), NONE, 0),
    ],
    byField: [
      ef('ECOLOGY', 2, 2, 2, 1, rt(2, 2, 1), rt(1, 2, 0.5)),
      ef('FOOD_DRUG', 3, 2, 1, 1, rt(1, 2, 0.5), rt(1, 1, 1)),
      ef('MARKET', 1, 1, 1, 1, rt(1, 1, 1), rt(1, 1, 1)),
      ef('WORK_SAFETY', 1, 1, 0, 0, rt(0, 1, 0), NONE),
    ],
  },
  '2025': {
    casesFiled: 9, casesByField: sc(['ECOLOGY', 3], ['FOOD_DRUG', 3], ['MARKET', 1], ['WORK_SAFETY', 2]), transfersReported: 8, transfersSent: 5, transfersFiled: 3,
    transferRate: rt(5, 8, 0.625), filingRate: rt(3, 5, 0.6), transfersOverdue: 4,
    byAgency: [
      ea(GAJ, 0, 0, 0, 0, NONE, NONE, 2),
      ea(HBJ, 3, 3, 2, 1, rt(2, 3, 0.6667), rt(1, 2, 0.5), 1),
      ea(SCJ, 4, 3, 2, 2, rt(2, 3, 0.6667), rt(2, 2, 1), 1),
      ea(YJJ, 2, 2, 1, 0, rt(1, 2, 0.5), rt(0, 1, 0), 0),
    ],
    byField: [
      ef('ECOLOGY', 3, 3, 2, 1, rt(2, 3, 0.6667), rt(1, 2, 0.5)),
      ef('FOOD_DRUG', 3, 2, 1, 1, rt(1, 2, 0.5), rt(1, 1, 1)),
      ef('MARKET', 1, 1, 1, 1, rt(1, 1, 1), rt(1, 1, 1)),
      ef('WORK_SAFETY', 2, 2, 1, 0, rt(1, 2, 0.5), rt(0, 1, 0)),
    ],
  },
};

const R = 'numerator denominator value';
export const ENFORCEMENT_FIELDS = `enforcement { casesFiled casesByField { status count } transfersReported transfersSent transfersFiled
  transferRate { ${R} } filingRate { ${R} } transfersOverdue
  byAgency { agency { code } casesFiled transfersReported transfersSent transfersFiled transferRate { ${R} } filingRate { ${R} } transfersOverdue }
  byField { field casesFiled transfersReported transfersSent transfersFiled transferRate { ${R} } filingRate { ${R} } } }`;

// ── procuratorate ────────────────────────────────────────────────────────────────────────────────

export async function seedProcuratorate(): Promise<void> {
  const c = (id: string, type: string, status: string, acceptedAt: Date, more: Record<string, unknown> = {}) =>
    publicInterestCases.prepare({
      _id: id, caseNumber: `J-${id}`, type, title: '案由', agencyCode: JCY, personIds: [], victimIds: [], creditCodes: [], status, acceptedAt, sealed: false, ...more,
    } as unknown as PublicInterestCaseDoc);
  await ProcuratorateCaseModel.insertMany([
    c('c7', 'ADMINISTRATIVE_SUPERVISION', 'ACCEPTED', cn('2025-01-15'), { creditCodes: ['91411221MA0000007X'] }),
    c('c1', 'CRIMINAL_PROSECUTION', 'ACCEPTED', cn('2025-04-10')),
    // Filed 9 May: the decision is due 3 months later, 11 August (9 August a Saturday) → overdue in August.
    c('c2', 'PUBLIC_INTEREST', 'FILED', cn('2025-05-08'), { publicInterestField: '生态环境', filedAt: cn('2025-05-09') }),
    c('c3', 'PUBLIC_INTEREST', 'CLUE', cn('2025-05-20'), { publicInterestField: '食品药品' }),
    c('c6', 'CRIMINAL_PROSECUTION', 'ACCEPTED', cn('2025-05-12'), { sealed: true }), // never counted
    c('c4', 'CRIMINAL_PROSECUTION', 'ACCEPTED', JUN_1_0100), // June in China, May in UTC
    c('c5', 'PUBLIC_INTEREST', 'LITIGATED', cn('2025-06-05'), {
      publicInterestField: '生态环境', filedAt: cn('2025-06-06'), preSuitSuggestionAt: cn('2025-06-10'), preSuitReplyDueAt: cn('2025-08-11'),
      followUpAt: cn('2025-08-15'), litigatedAt: cn('2025-09-01'),
    }),
    c('c10', 'PUBLIC_INTEREST', 'CLUE', cn('2025-08-05')), // no field recorded
    // 挂案 (365 days): c8 as of the end of April (closed 20 May); c9 from the end of June on.
    c('c8', 'ADMINISTRATIVE_SUPERVISION', 'CLOSED', cn('2024-03-01'), { creditCodes: ['91411221MA0000008X'], closedAt: cn('2025-05-20') }),
    c('c9', 'CIVIL_SUPERVISION', 'ACCEPTED', cn('2024-06-10'), { creditCodes: ['91411221MA0000009X'] }),
  ]);
  const s = (id: string, target: string, status: string, dates: Record<string, Date>, more: Record<string, unknown> = {}) =>
    suggestions.prepare({
      _id: id, number: `JJ-${id}`, kind: 'CORRECT_VIOLATION', procuratorateCaseId: 'c1', agencyCode: JCY, targetAgencyCode: target, sealed: false,
      content: '建议', status, harmSpreading: false, ...dates, ...more,
    } as never);
  await SuggestionModel.insertMany([
    // Served 10 March, no reply: due 12 May (10 May a Saturday) → overdue in May, owed by SCJ.
    s('s1', SCJ, 'SERVED', { issuedAt: cn('2025-03-03'), approvedAt: cn('2025-03-05'), servedAt: cn('2025-03-10') }),
    s('s2', SCJ, 'REPLIED', { issuedAt: cn('2025-04-01'), approvedAt: cn('2025-04-02'), servedAt: cn('2025-04-07'), repliedAt: cn('2025-05-06') }),
    s('s3', HBJ, 'CLOSED', {
      issuedAt: cn('2025-04-14'), approvedAt: cn('2025-04-14'), servedAt: cn('2025-04-15'), repliedAt: cn('2025-05-20'), rectificationStartedAt: cn('2025-05-21'),
      verifiedAt: cn('2025-06-20'), closedAt: cn('2025-06-25'),
    }),
    // Served 22 April, escalated, no reply: due 23 June (22 June a Sunday) → overdue in June, owed by ZRJ.
    s('s10', ZRJ, 'ESCALATED', { issuedAt: cn('2025-04-20'), approvedAt: cn('2025-04-21'), servedAt: cn('2025-04-22'), escalatedAt: cn('2025-06-25') }),
    s('s4', HBJ, 'WITHDRAWN', { issuedAt: cn('2025-05-05'), approvedAt: cn('2025-05-05'), servedAt: cn('2025-05-06'), objectedAt: cn('2025-05-08'), withdrawnAt: cn('2025-05-09') }),
    s('s5', ZRJ, 'VERIFIED', { issuedAt: cn('2025-05-12'), approvedAt: cn('2025-05-12'), servedAt: cn('2025-05-13'), repliedAt: cn('2025-05-27'), rectificationStartedAt: cn('2025-05-28'), verifiedAt: cn('2025-06-10') }),
    s('s6', SCJ, 'VERIFIED', { issuedAt: cn('2025-05-14'), approvedAt: cn('2025-05-14'), servedAt: cn('2025-05-15'), repliedAt: cn('2025-06-03'), rectificationStartedAt: cn('2025-06-04'), verifiedAt: cn('2025-06-20') }),
    s('s7', SCJ, 'DISCARDED', { issuedAt: cn('2025-05-16'), discardedAt: cn('2025-05-17') }),
    // Served at 00:30 on 1 July China time: July; due 1 September → overdue in September, owed by ZRJ.
    s('s8', ZRJ, 'SERVED', { issuedAt: cn('2025-06-02'), approvedAt: cn('2025-06-02'), servedAt: JUL_1_0030 }),
    s('s9', SCJ, 'SERVED', { issuedAt: cn('2025-05-13'), approvedAt: cn('2025-05-13'), servedAt: cn('2025-05-14') }, { procuratorateCaseId: 'c6', sealed: true }),
  ]);
  const r = (id: string, competent: string, status: string, dates: Record<string, Date>, more: Record<string, unknown> = {}) =>
    reverseWorkflow.prepare({ _id: id, procuratorateCaseId: 'c1', agencyCode: JCY, competentAgencyCode: competent, status, pauses: [], sealed: false, ...dates, ...more } as never);
  await ReverseReferralModel.insertMany([
    // Opinion 6 May: the agency's decision is due 7 July (6 July a Sunday) → overdue in July, owed by SCJ.
    r('r1', SCJ, 'OPINION_ISSUED', { nonProsecutedAt: cn('2025-04-20'), referredAt: cn('2025-04-22'), reviewStartedAt: cn('2025-04-23'), opinionIssuedAt: cn('2025-05-06') }),
    r('r2', HBJ, 'RESULT_REPORTED', {
      nonProsecutedAt: cn('2025-05-05'), referredAt: cn('2025-05-07'), reviewStartedAt: cn('2025-05-08'), opinionIssuedAt: cn('2025-05-15'),
      agencyDecidedAt: cn('2025-06-10'), resultReportedAt: cn('2025-06-12'),
    }, { agencyDecisionKind: 'ADMINISTRATIVE_PENALTY', agencyDecision: '罚款', result: '已处罚' }),
    // Not referred: due 3 working days after 20 May, 23 May → overdue in May, owed by the procuratorate.
    r('r3', SCJ, 'NON_PROSECUTED', { nonProsecutedAt: cn('2025-05-20') }),
    // Referred 4 June: the review is due 10 working days later, 18 June → overdue in June, owed by the procuratorate.
    r('r4', HBJ, 'REFERRED', { nonProsecutedAt: cn('2025-06-02'), referredAt: cn('2025-06-04') }),
    r('r5', SCJ, 'REFERRED', { nonProsecutedAt: cn('2025-05-08'), referredAt: cn('2025-05-10') }, { procuratorateCaseId: 'c6', sealed: true }),
  ]);
}

const pa = (code: string, casesAccepted: number, suggestionsServed: number, replyRate: Rate, rectificationRate: Rate, suggestionsOverdue: number,
  reverseReferrals: number, resultsReported: number, reverseReferralsOverdue: number, publicInterestOverdue: number) =>
  ({ agency: { code }, casesAccepted, suggestionsServed, replyRate, rectificationRate, suggestionsOverdue, reverseReferrals, resultsReported, reverseReferralsOverdue, publicInterestOverdue });
const pf = (field: string | null, cases: number, filed: number, preSuitSuggestions: number, litigated: number) => ({ field, cases, filed, preSuitSuggestions, litigated });

export const PROCURATORATE: Record<Key, unknown> = {
  '2025-04': {
    casesAccepted: 1, casesByType: sc(['CRIMINAL_PROSECUTION', 1]), suggestionsIssued: 3, suggestionsServed: 3, suggestionsReplied: 0, suggestionsOverdue: 0,
    replyRate: rt(2, 3, 0.6667), rectificationRate: rt(1, 2, 0.5), reverseReferrals: 1, opinionsIssued: 0, resultsReported: 0,
    reverseReferralsOverdue: 0, publicInterestOverdue: 0, pendingTooLong: 1,
    byAgency: [
      pa(HBJ, 0, 1, rt(1, 1, 1), rt(1, 1, 1), 0, 0, 0, 0, 0),
      pa(JCY, 1, 0, NONE, NONE, 0, 0, 0, 0, 0),
      pa(SCJ, 0, 1, rt(1, 1, 1), rt(0, 1, 0), 0, 1, 0, 0, 0),
      pa(ZRJ, 0, 1, rt(0, 1, 0), NONE, 0, 0, 0, 0, 0),
    ],
    publicInterestByField: [],
  },
  '2025-05': {
    casesAccepted: 2, casesByType: sc(['PUBLIC_INTEREST', 2]), suggestionsIssued: 3, suggestionsServed: 3, suggestionsReplied: 3, suggestionsOverdue: 1,
    replyRate: rt(2, 2, 1), rectificationRate: rt(2, 2, 1), reverseReferrals: 1, opinionsIssued: 2, resultsReported: 0,
    reverseReferralsOverdue: 1, publicInterestOverdue: 0, pendingTooLong: 0,
    byAgency: [
      pa(HBJ, 0, 1, NONE, NONE, 0, 1, 0, 0, 0),
      pa(JCY, 2, 0, NONE, NONE, 0, 0, 0, 1, 0),
      pa(SCJ, 0, 1, rt(1, 1, 1), rt(1, 1, 1), 1, 0, 0, 0, 0),
      pa(ZRJ, 0, 1, rt(1, 1, 1), rt(1, 1, 1), 0, 0, 0, 0, 0),
    ],
    publicInterestByField: [pf('生态环境', 1, 1, 0, 0), pf('食品药品', 1, 0, 0, 0)],
  },
  '2025-06': {
    casesAccepted: 2, casesByType: sc(['CRIMINAL_PROSECUTION', 1], ['PUBLIC_INTEREST', 1]), suggestionsIssued: 1, suggestionsServed: 0, suggestionsReplied: 1,
    suggestionsOverdue: 1, replyRate: NONE, rectificationRate: NONE, reverseReferrals: 1, opinionsIssued: 0, resultsReported: 1,
    reverseReferralsOverdue: 1, publicInterestOverdue: 0, pendingTooLong: 1,
    byAgency: [
      pa(HBJ, 0, 0, NONE, NONE, 0, 1, 1, 0, 0),
      pa(JCY, 2, 0, NONE, NONE, 0, 0, 0, 1, 0),
      pa(ZRJ, 0, 0, NONE, NONE, 1, 0, 0, 0, 0),
    ],
    publicInterestByField: [pf('生态环境', 1, 1, 1, 1)],
  },
  '2025-Q2': {
    casesAccepted: 5, casesByType: sc(['CRIMINAL_PROSECUTION', 2], ['PUBLIC_INTEREST', 3]), suggestionsIssued: 7, suggestionsServed: 6, suggestionsReplied: 4,
    suggestionsOverdue: 2, replyRate: rt(4, 5, 0.8), rectificationRate: rt(3, 4, 0.75), reverseReferrals: 3, opinionsIssued: 2, resultsReported: 1,
    reverseReferralsOverdue: 2, publicInterestOverdue: 0, pendingTooLong: 1,
    byAgency: [
      pa(HBJ, 0, 2, rt(1, 1, 1), rt(1, 1, 1), 0, 2, 1, 0, 0),
      pa(JCY, 5, 0, NONE, NONE, 0, 0, 0, 2, 0),
      pa(SCJ, 0, 2, rt(2, 2, 1), rt(1, 2, 0.5), 1, 1, 0, 0, 0),
      pa(ZRJ, 0, 2, rt(1, 2, 0.5), rt(1, 1, 1), 1, 0, 0, 0, 0),
    ],
    publicInterestByField: [pf('生态环境', 2, 2, 1, 1), pf('食品药品', 1, 0, 0, 0)],
  },
  '2025-H1': {
    casesAccepted: 6, casesByType: sc(['ADMINISTRATIVE_SUPERVISION', 1], ['CRIMINAL_PROSECUTION', 2], ['PUBLIC_INTEREST', 3]), suggestionsIssued: 8,
    suggestionsServed: 7, suggestionsReplied: 4, suggestionsOverdue: 2, replyRate: rt(4, 6, 0.6667), rectificationRate: rt(3, 4, 0.75),
    reverseReferrals: 3, opinionsIssued: 2, resultsReported: 1, reverseReferralsOverdue: 2, publicInterestOverdue: 0, pendingTooLong: 1,
    byAgency: [
      pa(HBJ, 0, 2, rt(1, 1, 1), rt(1, 1, 1), 0, 2, 1, 0, 0),
      pa(JCY, 6, 0, NONE, NONE, 0, 0, 0, 2, 0),
      pa(SCJ, 0, 3, rt(2, 3, 0.6667), rt(1, 2, 0.5), 1, 1, 0, 0, 0),
      pa(ZRJ, 0, 2, rt(1, 2, 0.5), rt(1, 1, 1), 1, 0, 0, 0, 0),
    ],
    publicInterestByField: [pf('生态环境', 2, 2, 1, 1), pf('食品药品', 1, 0, 0, 0)],
  },
  '2025': {
    casesAccepted: 7, casesByType: sc(['ADMINISTRATIVE_SUPERVISION', 1], ['CRIMINAL_PROSECUTION', 2], ['PUBLIC_INTEREST', 4]), suggestionsIssued: 8,
    suggestionsServed: 8, suggestionsReplied: 4, suggestionsOverdue: 3, replyRate: rt(4, 7, 0.5714), rectificationRate: rt(3, 4, 0.75),
    reverseReferrals: 3, opinionsIssued: 2, resultsReported: 1, reverseReferralsOverdue: 3, publicInterestOverdue: 1, pendingTooLong: 1,
    byAgency: [
      pa(HBJ, 0, 2, rt(1, 1, 1), rt(1, 1, 1), 0, 2, 1, 0, 0),
      pa(JCY, 7, 0, NONE, NONE, 0, 0, 0, 2, 1),
      pa(SCJ, 0, 3, rt(2, 3, 0.6667), rt(1, 2, 0.5), 1, 1, 0, 1, 0),
      pa(ZRJ, 0, 3, rt(1, 3, 0.3333), rt(1, 1, 1), 2, 0, 0, 0, 0),
    ],
    publicInterestByField: [pf('生态环境', 2, 2, 1, 1), pf('食品药品', 1, 0, 0, 0), pf(null, 1, 0, 0, 0)],
  },
};

export const PROCURATORATE_FIELDS = `procuratorate { casesAccepted casesByType { status count } suggestionsIssued suggestionsServed suggestionsReplied
  suggestionsOverdue replyRate { ${R} } rectificationRate { ${R} } reverseReferrals opinionsIssued resultsReported reverseReferralsOverdue
  publicInterestOverdue pendingTooLong
  byAgency { agency { code } casesAccepted suggestionsServed replyRate { ${R} } rectificationRate { ${R} } suggestionsOverdue reverseReferrals
    resultsReported reverseReferralsOverdue publicInterestOverdue }
  publicInterestByField { field cases filed preSuitSuggestions litigated } }`;

// ── petitions ────────────────────────────────────────────────────────────────────────────────────

export async function seedPetitions(): Promise<void> {
  const p = (id: string, agency: string, channel: string, status: string, dates: Record<string, Date>, more: Record<string, unknown> = {}) =>
    petitions.prepare({
      _id: id, number: `X-${id}`, channel, petitionerId: null, subject: '事项', summary: '诉求', handlingAgencyCode: agency, status,
      procuratorateHandled: false, hearings: [], relatedCaseRefs: [], repeatOfId: null, ...dates, ...more,
    } as never);
  await PetitionModel.insertMany([
    // Accepted 12 February, due 14 April (13 April a Sunday), answered 12 May: late.
    p('p7', SCJ, 'LETTER', 'FINAL', { receivedAt: cn('2025-02-10'), acceptedAt: cn('2025-02-12'), handlingStartedAt: cn('2025-02-13'), answeredAt: cn('2025-05-12'), closedAt: cn('2025-06-20') }, { petitionerAccepted: true }),
    // Accepted 10 April, due 9 June, answered 20 May: in time.
    p('p1', SCJ, 'VISIT', 'ANSWERED', { receivedAt: cn('2025-04-07'), acceptedAt: cn('2025-04-10'), handlingStartedAt: cn('2025-04-11'), answeredAt: cn('2025-05-20') }),
    // In time, with a hearing; review applied 10 May: the decision is due 9 June → overdue in June, owed by 县政府办.
    p('p5', SCJ, 'VISIT', 'REVIEW', {
      receivedAt: cn('2025-04-14'), acceptedAt: cn('2025-04-15'), handlingStartedAt: cn('2025-04-16'), answeredAt: cn('2025-04-30'), reviewAppliedAt: cn('2025-05-10'),
    }, { hearings: [{ from: cn('2025-04-20'), to: cn('2025-04-21') }] }),
    // Accepted 8 May, due 7 July, answered 20 July: late.
    p('p2', SCJ, 'LETTER', 'ANSWERED', { receivedAt: cn('2025-05-06'), acceptedAt: cn('2025-05-08'), handlingStartedAt: cn('2025-05-09'), answeredAt: cn('2025-07-20') }),
    // Never accepted: due 27 May → overdue in May, owed by HBJ.
    p('p3', HBJ, 'ONLINE', 'RECEIVED', { receivedAt: cn('2025-05-12') }),
    // Received at 00:30 on 1 June China time: June; a repeat; accepted 3 June, due 4 August → overdue in August, owed by HBJ.
    p('p4', HBJ, 'VISIT', 'HANDLING', { receivedAt: JUN_1_0030, acceptedAt: cn('2025-06-03'), handlingStartedAt: cn('2025-06-04') }, { repeatOfId: 'p-earlier' }),
    p('p6', RSJ, 'HOTLINE_12345', 'FINAL', { receivedAt: cn('2025-06-10'), acceptedAt: cn('2025-06-11'), handlingStartedAt: cn('2025-06-12'), answeredAt: cn('2025-06-20'), closedAt: cn('2025-07-25') }, { petitionerAccepted: true }),
    // Never accepted: due 16 September → overdue in September, owed by RSJ.
    p('p8', RSJ, 'ONLINE', 'RECEIVED', { receivedAt: cn('2025-09-01') }),
  ]);
  const k = (id: string, agency: string, status: string, dates: Record<string, Date>, more: Record<string, unknown> = {}) =>
    hotlineTickets.prepare({ _id: id, number: `12345-2025-${id}`, line: 'L12345', callerId: null, subject: '事项', dispatchedToCode: agency, status, returns: [], ...dates, ...more } as never);
  await HotlineTicketModel.insertMany([
    k('k1', SCJ, 'FEEDBACK', { dispatchedAt: cn('2025-04-08'), acceptedAt: cn('2025-04-08'), feedbackAt: cn('2025-04-10') }, { feedback: '已办' }),
    // Handling due 5 working days after 6 May, 13 May → overdue in May, owed by SCJ.
    k('k2', SCJ, 'HANDLING', { dispatchedAt: cn('2025-05-06'), acceptedAt: cn('2025-05-06') }),
    k('k3', HBJ, 'RATED', { dispatchedAt: cn('2025-05-12'), acceptedAt: cn('2025-05-12'), feedbackAt: cn('2025-05-14'), revisitedAt: cn('2025-05-15'), ratedAt: cn('2025-05-16') }, { feedback: '已办', rating: 5 }),
    // Dispatched at 00:30 on 1 July China time: July; due 8 July → overdue in July, owed by HBJ.
    k('k4', HBJ, 'DISPATCHED', { dispatchedAt: JUL_1_0030 }),
    // Due 10 June, feedback 20 June: late.
    k('k5', RSJ, 'FEEDBACK', { dispatchedAt: cn('2025-06-03'), acceptedAt: cn('2025-06-03'), feedbackAt: cn('2025-06-20') }, { feedback: '已办' }),
  ]);
}

const qa = (code: string, received: number, answered: number, onTimeAnswerRate: Rate, petitionsOverdue: number, hotlineTickets: number, hotlineOnTime: number, hotlineOverdue: number) =>
  ({ agency: { code }, received, answered, onTimeAnswerRate, petitionsOverdue, hotlineTickets, hotlineOnTime, hotlineOverdue });

export const PETITIONS: Record<Key, unknown> = {
  '2025-04': {
    received: 2, acceptedInTime: 2, answeredInTime: 2, repeatPetitions: 0, hearings: 1, byChannel: sc(['VISIT', 2]),
    hotlineTicketsByStatus: sc(['FEEDBACK', 1]), hotlineOnTime: 1, answered: 1, onTimeAnswerRate: rt(1, 1, 1), petitionsOverdue: 0, hotlineOverdue: 0,
    byAgency: [qa(SCJ, 2, 1, rt(1, 1, 1), 0, 1, 1, 0)],
  },
  '2025-05': {
    received: 2, acceptedInTime: 1, answeredInTime: 0, repeatPetitions: 0, hearings: 0, byChannel: sc(['LETTER', 1], ['ONLINE', 1]),
    hotlineTicketsByStatus: sc(['HANDLING', 1], ['RATED', 1]), hotlineOnTime: 1, answered: 2, onTimeAnswerRate: rt(1, 2, 0.5), petitionsOverdue: 1, hotlineOverdue: 1,
    byAgency: [qa(HBJ, 1, 0, NONE, 1, 1, 1, 0), qa(SCJ, 1, 2, rt(1, 2, 0.5), 0, 1, 0, 1)],
  },
  '2025-06': {
    received: 2, acceptedInTime: 2, answeredInTime: 1, repeatPetitions: 1, hearings: 0, byChannel: sc(['HOTLINE_12345', 1], ['VISIT', 1]),
    hotlineTicketsByStatus: sc(['FEEDBACK', 1]), hotlineOnTime: 0, answered: 1, onTimeAnswerRate: rt(1, 1, 1), petitionsOverdue: 1, hotlineOverdue: 0,
    byAgency: [qa(HBJ, 1, 0, NONE, 0, 0, 0, 0), qa(RSJ, 1, 1, rt(1, 1, 1), 0, 1, 0, 0), qa(ZFB, 0, 0, NONE, 1, 0, 0, 0)],
  },
  '2025-Q2': {
    received: 6, acceptedInTime: 5, answeredInTime: 3, repeatPetitions: 1, hearings: 1, byChannel: sc(['HOTLINE_12345', 1], ['LETTER', 1], ['ONLINE', 1], ['VISIT', 3]),
    hotlineTicketsByStatus: sc(['FEEDBACK', 2], ['HANDLING', 1], ['RATED', 1]), hotlineOnTime: 2, answered: 4, onTimeAnswerRate: rt(3, 4, 0.75),
    petitionsOverdue: 2, hotlineOverdue: 1,
    byAgency: [qa(HBJ, 2, 0, NONE, 1, 1, 1, 0), qa(RSJ, 1, 1, rt(1, 1, 1), 0, 1, 0, 0), qa(SCJ, 3, 3, rt(2, 3, 0.6667), 0, 2, 1, 1), qa(ZFB, 0, 0, NONE, 1, 0, 0, 0)],
  },
  '2025-H1': {
    received: 7, acceptedInTime: 6, answeredInTime: 3, repeatPetitions: 1, hearings: 1, byChannel: sc(['HOTLINE_12345', 1], ['LETTER', 2], ['ONLINE', 1], ['VISIT', 3]),
    hotlineTicketsByStatus: sc(['FEEDBACK', 2], ['HANDLING', 1], ['RATED', 1]), hotlineOnTime: 2, answered: 4, onTimeAnswerRate: rt(3, 4, 0.75),
    petitionsOverdue: 2, hotlineOverdue: 1,
    byAgency: [qa(HBJ, 2, 0, NONE, 1, 1, 1, 0), qa(RSJ, 1, 1, rt(1, 1, 1), 0, 1, 0, 0), qa(SCJ, 4, 3, rt(2, 3, 0.6667), 0, 2, 1, 1), qa(ZFB, 0, 0, NONE, 1, 0, 0, 0)],
  },
  '2025': {
    received: 8, acceptedInTime: 6, answeredInTime: 3, repeatPetitions: 1, hearings: 1, byChannel: sc(['HOTLINE_12345', 1], ['LETTER', 2], ['ONLINE', 2], ['VISIT', 3]),
    hotlineTicketsByStatus: sc(['DISPATCHED', 1], ['FEEDBACK', 2], ['HANDLING', 1], ['RATED', 1]), hotlineOnTime: 2, answered: 5, onTimeAnswerRate: rt(3, 5, 0.6),
    petitionsOverdue: 4, hotlineOverdue: 2,
    byAgency: [qa(HBJ, 2, 0, NONE, 2, 2, 1, 1), qa(RSJ, 2, 1, rt(1, 1, 1), 1, 1, 0, 0), qa(SCJ, 4, 4, rt(2, 4, 0.5), 0, 2, 1, 1), qa(ZFB, 0, 0, NONE, 1, 0, 0, 0)],
  },
};

export const PETITIONS_FIELDS = `petitions { received acceptedInTime answeredInTime repeatPetitions hearings byChannel { status count }
  hotlineTicketsByStatus { status count } hotlineOnTime answered onTimeAnswerRate { ${R} } petitionsOverdue hotlineOverdue
  byAgency { agency { code } received answered onTimeAnswerRate { ${R} } petitionsOverdue hotlineTickets hotlineOnTime hotlineOverdue } }`;

// ── assistance ───────────────────────────────────────────────────────────────────────────────────

export async function seedAssistance(): Promise<void> {
  const a = (id: string, applicantId: string, groups: string[], months: number | null, status: string, dates: Record<string, Date>, more: Record<string, unknown> = {}) =>
    rescueWorkflow.prepare({
      _id: id, number: `JZ-${id}`, applicantId, procuratorateCaseId: `case-${id}`, agencyCode: JCY, situation: 'VICTIM_SERIOUS_INJURY', exclusionChecks: [],
      groups, months, monthlyWage: 6300, status, ...dates, ...more,
    } as never);
  await RescueApplicationModel.insertMany([
    a('a8', 'pD', [], 2, 'DISBURSED', { appliedAt: cn('2025-01-15'), reviewStartedAt: cn('2025-01-16'), decidedAt: cn('2025-02-10'), fundsRequestedAt: cn('2025-02-11'), fundsReceivedAt: cn('2025-02-18'), disbursedAt: cn('2025-02-20'), notifiedAt: cn('2025-02-21') }),
    // Decided at 01:00 on 1 April China time (approved in April, March in UTC); paid at 00:30 on 1 June China time (June).
    a('a6', 'pB', ['MINOR'], 10, 'FOLLOW_UP', {
      appliedAt: cn('2025-03-20'), reviewStartedAt: cn('2025-03-21'), decidedAt: APR_1_0100, fundsRequestedAt: cn('2025-04-02'), fundsReceivedAt: cn('2025-04-07'),
      disbursedAt: JUN_1_0030, notifiedAt: cn('2025-06-03'), followedUpAt: cn('2025-06-20'),
    }, { followUpNote: '回访' }),
    a('a1', 'pA', ['WOMAN'], 6, 'DISBURSED', { appliedAt: cn('2025-04-08'), reviewStartedAt: cn('2025-04-09'), decidedAt: cn('2025-04-15'), fundsRequestedAt: cn('2025-04-16'), fundsReceivedAt: cn('2025-04-20'), disbursedAt: cn('2025-04-22'), notifiedAt: cn('2025-04-23') }),
    a('a2', 'pE', [], 4, 'APPROVED', { appliedAt: cn('2025-05-06'), reviewStartedAt: cn('2025-05-07'), decidedAt: cn('2025-05-12') }),
    // Undecided: due 10 working days after 13 May, 27 May → overdue in May.
    a('a3', 'pF', [], null, 'UNDER_REVIEW', { appliedAt: cn('2025-05-13'), reviewStartedAt: cn('2025-05-14') }),
    // The same person as a1, paid again (a person is counted once).
    a('a4', 'pA', ['WOMAN', 'ELDERLY'], 3, 'DISBURSED', { appliedAt: cn('2025-05-20'), reviewStartedAt: cn('2025-05-21'), decidedAt: cn('2025-05-26'), fundsRequestedAt: cn('2025-05-27'), fundsReceivedAt: cn('2025-06-03'), disbursedAt: cn('2025-06-04'), notifiedAt: cn('2025-06-05') }),
    a('a5', 'pG', [], null, 'REJECTED', { appliedAt: cn('2025-06-03'), reviewStartedAt: cn('2025-06-04'), decidedAt: cn('2025-06-10') }, { rejectionReason: '不符合条件' }),
    // Funds arrived 1 August, applicant not notified: due 2 working days later, 5 August → overdue in August.
    a('a7', 'pC', ['DISABLED'], 5, 'DISBURSED', { appliedAt: cn('2025-07-10'), reviewStartedAt: cn('2025-07-11'), decidedAt: cn('2025-07-18'), fundsRequestedAt: cn('2025-07-20'), fundsReceivedAt: cn('2025-08-01'), disbursedAt: cn('2025-08-01') }),
  ]);
  const f = (id: string, applicationId: string, receiving: string, kind: string, status: string, dates: Record<string, Date>, more: Record<string, unknown> = {}) =>
    supportWorkflow.prepare({ _id: id, applicationId, agencyCode: JCY, kind, referringAgencyCode: JCY, receivingAgencyCode: receiving, status, ...dates, ...more } as never);
  await SupportReferralModel.insertMany([
    f('f1', 'a1', MZJ, 'SUBSISTENCE_ALLOWANCE', 'COMPLETED', { referredAt: cn('2025-04-25'), acceptedAt: cn('2025-04-28'), completedAt: cn('2025-05-20') }, { outcome: '已落实' }),
    f('f2', 'a4', RSJ, 'EMPLOYMENT', 'ACCEPTED', { referredAt: cn('2025-05-28'), acceptedAt: cn('2025-05-29') }),
    f('f3', 'a4', MZJ, 'MEDICAL', 'DECLINED', { referredAt: JUN_1_0100, declinedAt: cn('2025-06-03') }, { declineReason: '不属本单位' }), // June in China
    f('f4', 'a6', JYJ, 'EDUCATION', 'COMPLETED', { referredAt: cn('2025-06-15'), acceptedAt: cn('2025-06-16'), completedAt: cn('2025-06-30') }, { outcome: '已落实' }),
    f('f5', 'a7', RSJ, 'SKILLS_TRAINING', 'REFERRED', { referredAt: cn('2025-08-10') }),
  ]);
}

const aa = (code: string, applications: number, approved: number, disbursementRate: Rate, amountDisbursed: number, applicationsOverdue: number, referralsReceived: number, referralsCompleted: number) =>
  ({ agency: { code }, applications, approved, disbursementRate, amountDisbursed, applicationsOverdue, referralsReceived, referralsCompleted });
const ref = (code: string, received: number, completed: number) => aa(code, 0, 0, NONE, 0, 0, received, completed);

// Amounts: months × 6300 — a1 37800, a4 18900, a6 63000, a7 31500, a8 12600.
export const ASSISTANCE: Record<Key, unknown> = {
  '2025-04': {
    applications: 1, approved: 2, personsAssisted: 1, amountDisbursed: 37800, byGroup: sc(['WOMAN', 1]), referralsByKind: sc(['SUBSISTENCE_ALLOWANCE', 1]),
    referralsCompleted: 1, disbursementRate: rt(2, 2, 1), applicationsOverdue: 0,
    byAgency: [aa(JCY, 1, 2, rt(2, 2, 1), 37800, 0, 0, 0), ref(MZJ, 1, 1)],
  },
  '2025-05': {
    applications: 3, approved: 2, personsAssisted: 0, amountDisbursed: 0, byGroup: [], referralsByKind: sc(['EMPLOYMENT', 1]),
    referralsCompleted: 0, disbursementRate: rt(1, 2, 0.5), applicationsOverdue: 1,
    byAgency: [aa(JCY, 3, 2, rt(1, 2, 0.5), 0, 1, 0, 0), ref(RSJ, 1, 0)],
  },
  '2025-06': {
    applications: 1, approved: 0, personsAssisted: 2, amountDisbursed: 81900, byGroup: sc(['ELDERLY', 1], ['MINOR', 1], ['WOMAN', 1]),
    referralsByKind: sc(['EDUCATION', 1], ['MEDICAL', 1]), referralsCompleted: 1, disbursementRate: NONE, applicationsOverdue: 0,
    byAgency: [aa(JCY, 1, 0, NONE, 81900, 0, 0, 0), ref(JYJ, 1, 1), ref(MZJ, 1, 0)],
  },
  '2025-Q2': {
    applications: 5, approved: 4, personsAssisted: 2, amountDisbursed: 119700, byGroup: sc(['ELDERLY', 1], ['MINOR', 1], ['WOMAN', 1]),
    referralsByKind: sc(['EDUCATION', 1], ['EMPLOYMENT', 1], ['MEDICAL', 1], ['SUBSISTENCE_ALLOWANCE', 1]), referralsCompleted: 2,
    disbursementRate: rt(3, 4, 0.75), applicationsOverdue: 1,
    byAgency: [aa(JCY, 5, 4, rt(3, 4, 0.75), 119700, 1, 0, 0), ref(JYJ, 1, 1), ref(MZJ, 2, 1), ref(RSJ, 1, 0)],
  },
  '2025-H1': {
    applications: 7, approved: 5, personsAssisted: 3, amountDisbursed: 132300, byGroup: sc(['ELDERLY', 1], ['MINOR', 1], ['WOMAN', 1]),
    referralsByKind: sc(['EDUCATION', 1], ['EMPLOYMENT', 1], ['MEDICAL', 1], ['SUBSISTENCE_ALLOWANCE', 1]), referralsCompleted: 2,
    disbursementRate: rt(4, 5, 0.8), applicationsOverdue: 1,
    byAgency: [aa(JCY, 7, 5, rt(4, 5, 0.8), 132300, 1, 0, 0), ref(JYJ, 1, 1), ref(MZJ, 2, 1), ref(RSJ, 1, 0)],
  },
  '2025': {
    applications: 8, approved: 6, personsAssisted: 4, amountDisbursed: 163800, byGroup: sc(['DISABLED', 1], ['ELDERLY', 1], ['MINOR', 1], ['WOMAN', 1]),
    referralsByKind: sc(['EDUCATION', 1], ['EMPLOYMENT', 1], ['MEDICAL', 1], ['SKILLS_TRAINING', 1], ['SUBSISTENCE_ALLOWANCE', 1]), referralsCompleted: 2,
    disbursementRate: rt(5, 6, 0.8333), applicationsOverdue: 2,
    byAgency: [aa(JCY, 8, 6, rt(5, 6, 0.8333), 163800, 2, 0, 0), ref(JYJ, 1, 1), ref(MZJ, 2, 1), ref(RSJ, 2, 0)],
  },
};

export const ASSISTANCE_FIELDS = `assistance { applications approved personsAssisted amountDisbursed byGroup { status count } referralsByKind { status count }
  referralsCompleted disbursementRate { ${R} } applicationsOverdue
  byAgency { agency { code } applications approved disbursementRate { ${R} } amountDisbursed applicationsOverdue referralsReceived referralsCompleted } }`;

// ── liaison ──────────────────────────────────────────────────────────────────────────────────────

export async function seedLiaison(): Promise<void> {
  await syncAgencies();
  const d = (id: string, requester: string, provider: string, status: string, dates: Record<string, Date>) =>
    dataRequests.prepare({
      _id: id, requesterCode: requester, providerCode: provider, resourceTypes: ['ENFORCEMENT_CASE'], purpose: '监督', legalBasis: '依据', wantsPersonalData: false,
      catalogued: true, periodFrom: cn('2025-01-01'), periodTo: cn('2025-02-01'), status, ...dates,
    } as never);
  await DataRequestModel.insertMany([
    // Compliance check due 2 working days after 8 April, 10 April → overdue in April, owed by the joint office.
    d('d1', HBJ, SCJ, 'SUBMITTED', { submittedAt: cn('2025-04-08') }),
    // The provider's review from 7 May, due 14 May → overdue in May, owed by HBJ.
    d('d2', SCJ, HBJ, 'PROVIDER_REVIEW', { submittedAt: cn('2025-05-06'), complianceStartedAt: cn('2025-05-06'), providerReviewStartedAt: cn('2025-05-07') }),
    d('d3', HBJ, SCJ, 'GRANTED', { submittedAt: cn('2025-05-12'), complianceStartedAt: cn('2025-05-12'), providerReviewStartedAt: cn('2025-05-13'), decidedAt: cn('2025-05-16') }),
    d('d4', SCJ, RSJ, 'DENIED', { submittedAt: JUN_1_0030, complianceStartedAt: cn('2025-06-03'), providerReviewStartedAt: cn('2025-06-03'), decidedAt: cn('2025-06-05') }), // June in China
    // Submitted 7 July, compliance due 9 July → overdue in July, owed by the joint office.
    d('d5', HBJ, SCJ, 'COMPLIANCE_CHECK', { submittedAt: cn('2025-07-07'), complianceStartedAt: cn('2025-07-08') }),
  ]);
  const w = (id: string, lead: string, status: string, dueAt: Date) =>
    workTasks.prepare({ _id: id, year: 2025, title: `任务${id}`, leadAgencyCode: lead, responsibleAgencyCodes: [], dueAt, status } as never);
  await WorkTaskModel.insertMany([
    w('w7', SCJ, 'DONE', cn('2025-02-10')),
    w('w1', SCJ, 'DONE', cn('2025-04-30')),
    w('w2', SCJ, 'IN_PROGRESS', cn('2025-05-20')),
    w('w3', HBJ, 'DONE', cn('2025-05-25')),
    w('w5', JCY, 'PLANNED', cn('2025-06-15')),
    w('w4', HBJ, 'PLANNED', JUL_1_0100), // July in China
    w('w6', JCY, 'DONE', cn('2025-12-20')),
  ]);
  const alert = { rule: 'TRANSFER_OVERDUE' as const, severity: 'WARNING' as const, message: '预警', agencyCode: SCJ };
  await AlertModel.create([
    { ...alert, raisedAt: cn('2025-04-02') },
    { ...alert, raisedAt: cn('2025-05-10') },
    { ...alert, raisedAt: cn('2025-05-12'), resolvedAt: cn('2025-05-13'), status: 'RESOLVED' as const },
    { ...alert, raisedAt: cn('2025-06-20') },
    { ...alert, raisedAt: cn('2025-10-01') },
  ]);
  await JointMeetingModel.insertMany([
    { title: '联席会议一', date: cn('2025-02-20'), year: 2025, minutes: '纪要' },
    { title: '联席会议二', date: cn('2025-04-15'), year: 2025, minutes: '纪要' },
    { title: '联席会议三', date: JUL_1_0100, year: 2025, minutes: '纪要' }, // July in China
  ]);
  const ts = (topic: string, organiserCode: string, date: Date, participants: [string, number][]) =>
    ({ topic, organiserCode, date, participants: participants.map(([agencyCode, count]) => ({ agencyCode, count })), agencyCodes: [organiserCode, ...participants.map(([c]) => c)] });
  await TrainingSessionModel.insertMany([
    ts('同堂培训一', JCY, cn('2025-05-15'), [[JCY, 10], [SCJ, 5]]),
    ts('同堂培训二', HBJ, cn('2025-06-18'), [[JCY, 4], [HBJ, 12]]),
    ts('同堂培训三', JCY, cn('2025-09-10'), [[JCY, 3], [YJJ, 6]]),
  ]);
}

const la = (code: string, workTasksDue: number, workTasksDone: number, workTasksOverdue: number, dataRequestsOverdue: number, trainingParticipants: number) =>
  ({ agency: { code }, workTasksDue, workTasksDone, workTasksOverdue, dataRequestsOverdue, trainingParticipants });

export const LIAISON: Record<Key, unknown> = {
  '2025-04': {
    dataRequestsByStatus: sc(['SUBMITTED', 1]), workTasksDone: 1, workTasksOverdue: 0, openAlerts: 1, jointMeetings: 1, trainingSessions: 0, trainingParticipants: 0,
    workTaskCompletionRate: rt(1, 1, 1), dataRequestsOverdue: 1,
    byAgency: [la(JCY, 0, 0, 0, 1, 0), la(SCJ, 1, 1, 0, 0, 0)],
  },
  '2025-05': {
    dataRequestsByStatus: sc(['GRANTED', 1], ['PROVIDER_REVIEW', 1]), workTasksDone: 1, workTasksOverdue: 1, openAlerts: 1, jointMeetings: 0, trainingSessions: 1,
    trainingParticipants: 15, workTaskCompletionRate: rt(1, 2, 0.5), dataRequestsOverdue: 1,
    byAgency: [la(HBJ, 1, 1, 0, 1, 0), la(JCY, 0, 0, 0, 0, 10), la(SCJ, 1, 0, 1, 0, 5)],
  },
  '2025-06': {
    dataRequestsByStatus: sc(['DENIED', 1]), workTasksDone: 0, workTasksOverdue: 1, openAlerts: 1, jointMeetings: 0, trainingSessions: 1, trainingParticipants: 16,
    workTaskCompletionRate: rt(0, 1, 0), dataRequestsOverdue: 0,
    byAgency: [la(HBJ, 0, 0, 0, 0, 12), la(JCY, 1, 0, 1, 0, 4)],
  },
  '2025-Q2': {
    dataRequestsByStatus: sc(['DENIED', 1], ['GRANTED', 1], ['PROVIDER_REVIEW', 1], ['SUBMITTED', 1]), workTasksDone: 2, workTasksOverdue: 2, openAlerts: 3,
    jointMeetings: 1, trainingSessions: 2, trainingParticipants: 31, workTaskCompletionRate: rt(2, 4, 0.5), dataRequestsOverdue: 2,
    byAgency: [la(HBJ, 1, 1, 0, 1, 12), la(JCY, 1, 0, 1, 1, 14), la(SCJ, 2, 1, 1, 0, 5)],
  },
  '2025-H1': {
    dataRequestsByStatus: sc(['DENIED', 1], ['GRANTED', 1], ['PROVIDER_REVIEW', 1], ['SUBMITTED', 1]), workTasksDone: 3, workTasksOverdue: 2, openAlerts: 3,
    jointMeetings: 2, trainingSessions: 2, trainingParticipants: 31, workTaskCompletionRate: rt(3, 5, 0.6), dataRequestsOverdue: 2,
    byAgency: [la(HBJ, 1, 1, 0, 1, 12), la(JCY, 1, 0, 1, 1, 14), la(SCJ, 3, 2, 1, 0, 5)],
  },
  '2025': {
    dataRequestsByStatus: sc(['COMPLIANCE_CHECK', 1], ['DENIED', 1], ['GRANTED', 1], ['PROVIDER_REVIEW', 1], ['SUBMITTED', 1]), workTasksDone: 4, workTasksOverdue: 3,
    openAlerts: 4, jointMeetings: 3, trainingSessions: 3, trainingParticipants: 40, workTaskCompletionRate: rt(4, 7, 0.5714), dataRequestsOverdue: 3,
    byAgency: [la(HBJ, 2, 1, 1, 1, 12), la(JCY, 2, 1, 1, 2, 17), la(SCJ, 3, 2, 1, 0, 5), la(YJJ, 0, 0, 0, 0, 6)],
  },
};

export const LIAISON_FIELDS = `liaison { dataRequestsByStatus { status count } workTasksDone workTasksOverdue openAlerts jointMeetings trainingSessions
  trainingParticipants workTaskCompletionRate { ${R} } dataRequestsOverdue
  byAgency { agency { code } workTasksDue workTasksDone workTasksOverdue dataRequestsOverdue trainingParticipants } }`;

/** Seeds all five subgraphs' databases. */
export async function seedAll(): Promise<void> {
  await Promise.all([seedEnforcement(), seedProcuratorate(), seedPetitions(), seedAssistance(), seedLiaison()]);
}

/** The China-time bounds each period must have. */
export const BOUNDS: Record<Key, Pick<Period, 'from' | 'to'>> = {
  '2025-04': { from: new Date('2025-03-31T16:00:00Z'), to: new Date('2025-04-30T16:00:00Z') },
  '2025-05': { from: new Date('2025-04-30T16:00:00Z'), to: new Date('2025-05-31T16:00:00Z') },
  '2025-06': { from: new Date('2025-05-31T16:00:00Z'), to: new Date('2025-06-30T16:00:00Z') },
  '2025-Q2': { from: new Date('2025-03-31T16:00:00Z'), to: new Date('2025-06-30T16:00:00Z') },
  '2025-H1': { from: new Date('2024-12-31T16:00:00Z'), to: new Date('2025-06-30T16:00:00Z') },
  '2025': { from: new Date('2024-12-31T16:00:00Z'), to: new Date('2025-12-31T16:00:00Z') },
};
