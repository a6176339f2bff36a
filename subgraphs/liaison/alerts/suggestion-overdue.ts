import { defineRule, eachNode, overdueSeverity, overdueText, PAGE_INFO } from './rule';

interface Node {
  id: string;
  number: string;
  overdue: boolean;
  dueAt: string | null;
  targetAgency: { code: string };
}

/** 检察建议逾期未回复: the reply a target agency owes is past its due date (procuratorate's `overdue`). */
export default defineRule<Node>({
  rule: 'SUGGESTION_OVERDUE',
  title: '检察建议逾期未回复',
  describe: (s) => `被建议单位超过回复期限(送达后两个月; 损害持续扩大的诉前检察建议十五日)仍未回复的检察建议, 由被建议单位处理; 逾期${s.criticalAfterDays}日起为严重。`,
  query: `query($first: Int, $after: String) {
    suggestions(filter: { overdue: true }, first: $first, after: $after) { nodes { id number overdue dueAt targetAgency { code } } ${PAGE_INFO} }
  }`,
  findings: eachNode((n, s, now) =>
    n.overdue && n.dueAt
      ? {
          subject: n.id,
          agencyCode: n.targetAgency.code,
          severity: overdueSeverity(n.dueAt, s, now),
          message: `检察建议${n.number}的回复${overdueText(n.dueAt, now)}`,
          records: [{ typename: 'Suggestion', id: n.id }],
        }
      : null,
  ),
});
