import { defineRule, eachNode, overdueSeverity, overdueText, PAGE_INFO } from './rule';

interface Node {
  id: string;
  title: string;
  dueAt: string;
  overdue: boolean;
  leadAgency: { code: string };
}

/** 工作任务逾期: a task of the annual work list not done by its due date, owned by its lead unit. */
export default defineRule<Node>({
  rule: 'WORK_TASK_OVERDUE',
  title: '工作任务逾期',
  describe: (s) => `年度工作要点任务超过完成时限仍未完成, 由牵头单位处理; 逾期${s.criticalAfterDays}日起为严重。`,
  query: `query($first: Int, $after: String) {
    workTasks(filter: { overdue: true }, first: $first, after: $after) { nodes { id title dueAt overdue leadAgency { code } } ${PAGE_INFO} }
  }`,
  findings: eachNode((n, s, now) =>
    n.overdue
      ? {
          subject: n.id,
          agencyCode: n.leadAgency.code,
          severity: overdueSeverity(n.dueAt, s, now),
          message: `工作任务「${n.title}」${overdueText(n.dueAt, now)}, 尚未完成`,
          records: [{ typename: 'WorkTask', id: n.id }],
        }
      : null,
  ),
});
