// 待办 (#/work[?agency=<code>]): what the signed-in user's agency must do next, most urgent first; the joint office
// (liaison_admin of the joint office) picks any member agency and sees that agency's work.
import { formatDate, h } from '../shared/dom';
import { label } from './labels';
import { fetchAgencyNames, type Me } from './queries';
import { exportButton } from './export';
import { fetchMyWork, mergeParts, MY_WORK_EXPORT, type WorkItem } from './queries-work';
import { RECORD_KINDS } from './records';

/** Kinds of work the record page does not describe (records.ts): their title and status enum. */
const OTHER_KINDS: Record<string, [string, string]> = {
  DataRequest: ['共享申请', 'DataRequestStatus'],
  Alert: ['预警', 'AlertStatus'],
  SupportReferral: ['多元救助转介', 'SupportReferralStatus'],
};

/** The duties (WorkItem.acts) by name. */
const ACTS: Record<string, string> = {
  explain: '说明不立案理由', order: '通知立案', handOver: '移交涉案物品', decideReview: '作出复查决定',
  reportProgress: '报告整改进展', issueNotice: '送达终结通知', extend: '延期办理', proceduralReply: '程序性答复',
};

const kindTitle = (t: string) => RECORD_KINDS[t]?.title ?? OTHER_KINDS[t]?.[0] ?? t;

function statusLabel(typename: string, value: string): string {
  const format = RECORD_KINDS[typename]?.fields.find(([, path]) => path === 'status')?.[2];
  const enumName = format?.startsWith('enum:') ? format.slice(5) : OTHER_KINDS[typename]?.[1];
  return enumName ? label(enumName, value) : value;
}

export const isJointOfficeAdmin = (me: Me) => me.agency.isJointOffice && me.roles.includes('liaison_admin');

/** Those who take steps land on 待办; a viewer or an auditor has none and lands on the indicators. */
export const landsOnWork = (me: Me) => me.roles.some((r) => r === 'officer' || r === 'supervisor' || r === 'liaison_admin');

export const workHref = (agency?: string) => `#/work${agency ? `?agency=${encodeURIComponent(agency)}` : ''}`;

function itemRow(item: WorkItem, via: string): HTMLElement {
  const next = [...item.steps.map((s) => `→ ${statusLabel(item.recordType, s)}`), ...item.acts.map((a) => ACTS[a] ?? a)];
  const href = `#/record/${encodeURIComponent(item.recordType)}/${encodeURIComponent(item.recordId)}?work=${encodeURIComponent(via)}`;
  return h('tr', { class: item.overdue ? 'overdue' : '', 'data-work-item': '', 'data-typename': item.recordType, 'data-id': item.recordId, 'data-overdue': String(item.overdue) },
    h('td', { class: 'work-label' }, item.label),
    h('td', { class: 'nowrap' }, kindTitle(item.recordType)),
    h('td', {}, statusLabel(item.recordType, item.status)),
    h('td', { class: 'work-next' }, next.join('；') || '—'),
    h('td', { class: 'nowrap' }, item.dueAt ? formatDate(item.dueAt) : '—', item.overdue ? h('span', { class: 'badge critical overdue-badge' }, '逾期') : ''),
    h('td', {}, h('a', { href, class: 'record-link', 'data-typename': item.recordType, 'data-id': item.recordId }, '查看')),
  );
}

export async function renderWork(root: HTMLElement, token: string, me: Me, agency: string | undefined): Promise<void> {
  const joint = isJointOfficeAdmin(me);
  const chosen = joint && agency && agency !== me.agency.code ? agency : undefined;
  const box = h('section', { class: 'panel work', id: 'work', 'data-testid': 'work' }, h('p', { class: 'muted pending' }, '加载中…'));
  const heading = h('h2', {}, '待办');
  const controls = h('div', { class: 'work-controls' });
  root.replaceChildren(h('div', { class: 'panel work-head' }, heading, controls), box);
  if (joint) {
    const names = await fetchAgencyNames(token);
    const select = h('select', { id: 'work-agency', 'aria-label': '查看单位' },
      h('option', { value: '', selected: !chosen }, `${me.agency.shortName}（本单位）`),
      [...names].filter(([code]) => code !== me.agency.code).map(([code, name]) => h('option', { value: code, selected: code === chosen }, name)));
    select.addEventListener('change', () => (location.hash = workHref(select.value || undefined)));
    controls.replaceChildren(h('span', { class: 'muted' }, '查看单位'), select);
  }
  try {
    const list = await fetchMyWork(token, chosen);
    const items = list.items ?? mergeParts(list);
    const agencyName = chosen ? ((await fetchAgencyNames(token)).get(chosen) ?? chosen) : me.agency.shortName;
    const overdue = items.filter((i) => i.overdue).length;
    heading.replaceChildren('待办 · ', agencyName,
      h('span', { class: 'count', 'data-testid': 'work-count' }, `${items.length} 件`),
      overdue ? h('span', { class: 'badge critical' }, `逾期 ${overdue}`) : '');
    Object.assign(box.dataset, { agency: list.agency, count: String(items.length), loaded: 'true' });
    if (items.length) controls.append(exportButton('work', () => ({ query: MY_WORK_EXPORT, variables: { agency: chosen ?? null }, filename: `待办-${agencyName}` })));
    box.replaceChildren(
      list.items === null ? h('p', { class: 'error', role: 'alert' }, `部分数据源暂不可用，以下为其余部分：${list.errors.map((e) => e.message).join('；')}`) : '',
      items.length
        ? h('div', { class: 'scroll' }, h('table', { class: 'data' },
            h('thead', {}, h('tr', {}, ['事项', '类型', '当前状态', '我方下一步', '期限', ''].map((t) => h('th', {}, t)))),
            h('tbody', {}, items.map((i) => itemRow(i, chosen ?? 'me')))))
        : h('p', { class: 'muted empty' }, '暂无待办事项。'),
      list.items !== null && list.errors.length ? h('p', { class: 'muted' }, `部分记录无权查看：${list.errors.map((e) => e.message).join('；')}`) : '',
    );
  } catch (e) {
    box.replaceChildren(h('p', { class: 'error', role: 'alert' }, `读取待办失败：${(e as Error).message}`));
  }
}
