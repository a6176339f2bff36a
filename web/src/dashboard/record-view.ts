// One record (#/record/<Type>/<id>[?alert=<alertId> | ?work=<agency>|me]), as the signed-in user may see it.
import { formatDate, formatDateTime, formatMoney, h } from '../shared/dom';
import { label } from './labels';
import { fetchAgencyNames } from './queries';
import { loadRecord } from './queries-records';
import { valueAt, type Format } from './records';

function show(v: unknown, format: Format = 'text'): string {
  if (v === null || v === undefined || v === '') return '—';
  if (format === 'date') return formatDate(String(v));
  if (format === 'bool') return v ? '是' : '否';
  if (format === 'money') return `${formatMoney(Number(v))}元`;
  if (format.startsWith('enum:')) return label(format.slice(5), String(v));
  return String(v);
}

type Step = { at: string; agency: string; from: string | null; to: string; note: string | null };
type Clock = { rule: string; dueAt: string; overdue: boolean };

export function renderRecord(root: HTMLElement, token: string, typename: string, id: string, via: { alert?: string; work?: string }, back: string, backLabel = '← 返回看板'): Promise<void> {
  const box = h('section', { class: 'panel record', 'data-testid': 'record', 'data-typename': typename, 'data-id': id }, h('p', { class: 'muted pending' }, '加载中…'));
  root.replaceChildren(h('p', {}, h('a', { href: back, class: 'back' }, backLabel)), box);
  return Promise.all([loadRecord(token, typename, id, via), fetchAgencyNames(token)]).then(
    ([r, agencies]) => {
      const title = h('h2', {}, r.kind.title, r.record ? ` ${show(valueAt(r.record, r.kind.heading))}` : '');
      if (!r.record) {
        box.replaceChildren(title, h('p', { class: 'error', role: 'alert' }, r.reason ?? '无法读取'), ...r.errors.map((e) => h('p', { class: 'muted' }, e.message)));
        return;
      }
      box.dataset.loaded = 'true';
      const fields = h('dl', { class: 'fields' }, r.kind.fields.flatMap(([name, path, format]) => [h('dt', {}, name), h('dd', { 'data-path': path }, show(valueAt(r.record, path), format))]));
      const clocks = (r.record.deadlines as Clock[] | undefined) ?? [];
      const history = (r.record.history as Step[] | undefined) ?? [];
      const next = (r.record.allowedNextSteps as string[] | undefined) ?? [];
      const statusFormat = r.kind.fields.find(([, path]) => path === 'status')?.[2];
      const status = (v: string | null) => (v ? show(v, statusFormat) : '—');
      box.replaceChildren(
        title,
        fields,
        clocks.length
          ? h('div', {}, h('h3', {}, '期限'), h('table', { class: 'data' },
              h('thead', {}, h('tr', {}, h('th', {}, '期限'), h('th', {}, '届满'), h('th', {}, '状态'))),
              h('tbody', {}, clocks.map((c) => h('tr', { class: c.overdue ? 'overdue' : '' }, h('td', {}, c.rule), h('td', {}, formatDate(c.dueAt)), h('td', {}, c.overdue ? '已逾期' : '未届满'))))))
          : '',
        next.length ? h('p', {}, '可办理的下一步：', next.map(status).join('、')) : '',
        history.length
          ? h('div', {}, h('h3', {}, '流转记录'), h('table', { class: 'data' },
              h('thead', {}, h('tr', {}, ['时间', '单位', '从', '到', '说明'].map((t) => h('th', {}, t)))),
              h('tbody', {}, history.map((s) => h('tr', {}, h('td', { class: 'nowrap' }, formatDateTime(s.at)), h('td', {}, agencies.get(s.agency) ?? s.agency), h('td', {}, status(s.from)), h('td', {}, status(s.to)), h('td', {}, s.note ?? ''))))))
          : '',
        r.errors.length ? h('p', { class: 'muted' }, `部分字段无权查看：${r.errors.map((e) => e.message).join('；')}`) : '',
      );
    },
    (e: Error) => box.replaceChildren(h('p', { class: 'error', role: 'alert' }, `读取失败：${e.message}`)),
  );
}
