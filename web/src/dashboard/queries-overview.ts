// The period's picture: the dashboard's indicator sections and the 12-month trend.
//
// A new indicator is a field added to its section below (and a card in indicators.ts, or a chart in overview.ts).
import { graphql, type GraphQLError } from '../shared/session';
import { AGENCY, RATE, withLevel, type AgencyRef, type Level, type Rate, type StatusCount } from './queries';

export const SECTIONS = {
  procuratorate: {
    base: 'casesAccepted casesByType { status count } suggestionsIssued suggestionsReplied suggestionsOverdue reverseReferrals opinionsIssued resultsReported pendingTooLong',
    rich: `suggestionsServed replyRate { ${RATE} } rectificationRate { ${RATE} } reverseReferralsOverdue publicInterestOverdue
      byAgency { ${AGENCY} casesAccepted suggestionsServed suggestionsOverdue reverseReferrals reverseReferralsOverdue publicInterestOverdue replyRate { ${RATE} } }
      publicInterestByField { field cases filed preSuitSuggestions litigated }`,
  },
  enforcement: {
    base: 'casesFiled casesByField { status count } transfersSent transfersFiled',
    rich: `transfersReported transferRate { ${RATE} } filingRate { ${RATE} } transfersOverdue
      byAgency { ${AGENCY} casesFiled transfersReported transfersSent transfersFiled transfersOverdue transferRate { ${RATE} } filingRate { ${RATE} } }
      byField { field casesFiled transfersReported transfersSent transfersFiled transferRate { ${RATE} } }`,
  },
  petitions: {
    base: 'received acceptedInTime answeredInTime repeatPetitions hearings byChannel { status count } hotlineTicketsByStatus { status count } hotlineOnTime',
    rich: `answered onTimeAnswerRate { ${RATE} } petitionsOverdue hotlineOverdue
      byAgency { ${AGENCY} received answered petitionsOverdue hotlineTickets hotlineOverdue onTimeAnswerRate { ${RATE} } }`,
  },
  assistance: {
    base: 'applications approved personsAssisted amountDisbursed byGroup { status count } referralsByKind { status count } referralsCompleted',
    rich: `disbursementRate { ${RATE} } applicationsOverdue byAgency { ${AGENCY} applications approved applicationsOverdue amountDisbursed }`,
  },
  liaison: {
    base: 'dataRequestsByStatus { status count } workTasksDone workTasksOverdue openAlerts jointMeetings trainingSessions trainingParticipants',
    rich: `workTaskCompletionRate { ${RATE} } dataRequestsOverdue byAgency { ${AGENCY} workTasksDue workTasksDone workTasksOverdue dataRequestsOverdue }`,
  },
} as const;

export type SectionName = keyof typeof SECTIONS;
export const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];

/** One agency's row of a section's byAgency (RICH): its numbers by field name. */
export type AgencyRow = { agency: AgencyRef } & Record<string, number | Rate | AgencyRef>;

/** A section as answered: numbers, rates and breakdowns by field name (RICH fields absent on an older hub). */
export type Section = Record<string, number | Rate | StatusCount[] | AgencyRow[] | Record<string, unknown>[] | undefined> & { byAgency?: AgencyRow[] };

export interface Dashboard {
  period: string;
  from: string;
  to: string;
  procuratorate: Section;
  enforcement: Section;
  petitions: Section;
  assistance: Section;
  liaison: Section;
}

/** The selection of a dashboard at `level`. */
export function dashboardSelection(level: Level, only?: Partial<Record<SectionName, string>>): string {
  return SECTION_NAMES.map((name) => {
    const s = SECTIONS[name];
    const fields = only ? only[name] : level === 'rich' ? `${s.base} ${s.rich}` : s.base;
    return fields ? `${name} { ${fields} }` : '';
  }).join('\n');
}

const DASHBOARD_QUERY = (level: Level) => `query Dashboard($period: String!) {
  dashboard(period: $period) { period from to ${dashboardSelection(level)} }
}`;

export async function fetchDashboard(token: string, period: string): Promise<{ data: Dashboard; errors: GraphQLError[] }> {
  const r = await withLevel(
    'dashboard',
    () => graphql<{ dashboard: Dashboard }>(token, DASHBOARD_QUERY('rich'), { period }),
    () => graphql<{ dashboard: Dashboard }>(token, DASHBOARD_QUERY('base'), { period }),
  );
  return { data: r.data.dashboard, errors: r.errors };
}

// ─── trend ───────────────────────────────────────────────────────────────────────────────────────
/** The indicators drawn as lines, by section. */
export const TREND_FIELDS: Partial<Record<SectionName, string>> = {
  enforcement: 'casesFiled transfersSent',
  procuratorate: 'casesAccepted suggestionsIssued',
  petitions: 'received',
  assistance: 'applications',
};

export type TrendPoint = Pick<Dashboard, 'period'> & Partial<Record<SectionName, Record<string, number>>>;

/** The dashboards of consecutive months, oldest first: one dashboardTrend (RICH), else one alias per month. */
export async function fetchTrend(token: string, months: string[]): Promise<TrendPoint[]> {
  const selection = `period ${dashboardSelection('base', TREND_FIELDS)}`;
  const rich = () =>
    graphql<{ dashboardTrend: TrendPoint[] }>(token, `query Trend($from: String!, $to: String!) { dashboardTrend(from: $from, to: $to) { ${selection} } }`, {
      from: months[0],
      to: months[months.length - 1],
    });
  const base = async () => {
    // The gateway allows 15 aliases: 12 months fit in one request.
    const fields = months.map((m, i) => `m${i}: dashboard(period: "${m}") { ${selection} }`).join('\n');
    const r = await graphql<Record<string, TrendPoint>>(token, `query Trend {\n${fields}\n}`);
    return { data: { dashboardTrend: months.map((_, i) => r.data[`m${i}`]) }, errors: r.errors };
  };
  return (await withLevel('trend', rich, base)).data.dashboardTrend;
}
