// Example operations of the explorer, one tab per subgraph (GraphiQL defaultTabs). Each stays within the
// gateway's limits (docs/gateway.md) and asks only for what the caller's token may read.

export interface Example {
  query: string;
  variables?: Record<string, unknown>;
}

export const EXAMPLES: Example[] = [
  {
    query: `# 联席办 liaison：当前用户、成员单位、未处理预警
# 左上角填入令牌后按 ▶ 运行（Ctrl-Enter）；Ctrl-Space 自动补全，左侧“文档”查看全部类型。
query Liaison {
  me { userId roles agency { code name } }
  agencies(first: 5) { totalCount nodes { code name type } }
  alerts(filter: { open: true }, first: 5) {
    totalCount
    nodes { rule severity message agency { shortName } resourceType resourceId raisedAt }
  }
}
`,
  },
  {
    query: `# 检察院 procuratorate：受理案件与逾期未回复的检察建议
query Procuratorate {
  procuratorateCases(first: 5) {
    totalCount
    nodes { caseNumber type status acceptedAt agency { shortName } }
  }
  suggestions(filter: { overdue: true }, first: 5) {
    totalCount
    nodes { number status replyDueAt targetAgency { shortName } }
  }
}
`,
  },
  {
    query: `# 行政执法 enforcement：执法案件 → 移送 → 检察案件（跨三个子图）
query Enforcement($field: EnforcementField) {
  enforcementCases(first: 5, filter: { field: $field }) {
    totalCount
    nodes {
      caseNumber field status filedAt agency { shortName }
      transfer { status suspectedCharge procuratorateCase { caseNumber status } }
    }
  }
}
`,
    variables: { field: 'FOOD_DRUG' },
  },
  {
    query: `# 信访 petitions：逾期信访件与热线工单
query Petitions {
  petitions(filter: { overdue: true }, first: 5) {
    totalCount
    nodes { number channel subject status dueAt handlingAgency { shortName } }
  }
  hotlineTickets(first: 5) {
    totalCount
    nodes { number line status handlingDueAt dispatchedTo { shortName } }
  }
}
`,
  },
  {
    query: `# 司法救助 assistance：救助申请及其检察案件
query Assistance {
  rescueApplications(first: 5) {
    totalCount
    nodes { number status appliedAt amount procuratorateCase { caseNumber } }
  }
}
`,
  },
  {
    query: `# 联合看板 dashboard：一个期间（2025、2025-H1、2025-Q3、2025-07）各子图的指标、比率与按单位分布；
# dashboardTrend 一次取连续多个期间（趋势）
query Dashboard($period: String!) {
  dashboard(period: $period) {
    period from to
    procuratorate { casesAccepted suggestionsServed replyRate { numerator denominator value } }
    enforcement { casesFiled transfersSent transferRate { value } byAgency { agency { shortName } casesFiled transfersOverdue } }
    petitions { received onTimeAnswerRate { value } }
    assistance { applications amountDisbursed disbursementRate { value } }
    liaison { openAlerts workTasksOverdue }
  }
  trend: dashboardTrend(from: "2025-01", to: "2025-12") { period enforcement { casesFiled transfersSent } }
}
`,
    variables: { period: '2025' },
  },
];
