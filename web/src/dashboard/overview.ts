// The joint picture of one period: indicator cards, the 12-month trend, breakdowns, open alerts and the
// overdue lists, each filled as its request answers (a slow or refused part does not hold up the others).
import { formatDate, formatDateTime, formatMoney, formatNumber, formatRate, h } from '../shared/dom';
import { barChart, lineChart, pieChart } from './charts';
import { AGENCY_COLUMNS, AGENCY_OVERDUE, BREAKDOWNS, CARD_GROUPS, FIELD_BREAKDOWNS, TREND_LINES, type Card } from './indicators';
import { label } from './labels';
import { describePeriod, lastMonth, monthsEndingAt } from './period';
import type { Rate, StatusCount } from './queries';
import { fetchDashboard, fetchTrend, SECTION_NAMES, type AgencyRow, type Dashboard } from './queries-overview';
import { exportButton } from './export';
import { ALERTS_EXPORT, fetchAlerts, fetchOverdue, overdueQuery, type Alert, type OverdueResult } from './queries-records';
import { TYPENAME_RESOURCE, valueAt } from './records';

export const recordHref = (typename: string, id: string, alertId?: string) =>
  `#/record/${encodeURIComponent(typename)}/${encodeURIComponent(id)}${alertId ? `?alert=${encodeURIComponent(alertId)}` : ''}`;

const isRate = (v: unknown): v is Rate => !!v && typeof v === 'object' && 'denominator' in v;

function panel(title: string, id: string, ...body: (Node | string)[]): HTMLElement {
  return h('section', { class: 'panel', id }, h('h2', {}, title), ...body);
}

function pending(text = '加载中…'): HTMLElement {
  return h('p', { class: 'muted pending' }, text);
}

function failed(what: string, e: unknown): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, `${what}读取失败：${(e as Error).message}`);
}

// ─── cards ───────────────────────────────────────────────────────────────────────────────────────
function cardValue(card: Card, v: unknown): { text: string; sub?: string; raw: string } | null {
  if (typeof v === 'number') return { text: card.money ? formatMoney(v) : formatNumber(v), raw: String(v) };
  if (isRate(v)) return { text: formatRate(v.value), sub: `${formatNumber(v.numerator)} / ${formatNumber(v.denominator)}`, raw: JSON.stringify(v) };
  return null;
}

function renderCards(d: Dashboard): HTMLElement {
  return h(
    'div',
    { class: 'card-groups' },
    CARD_GROUPS.map((g) => {
      const cards = g.cards
        .map((c) => ({ c, v: cardValue(c, valueAt(d, c.path)) }))
        .filter((x) => x.v !== null)
        .map(({ c, v }) =>
          h('div', { class: `card${c.warn && v!.raw !== '0' && !v!.sub ? ' warn' : ''}`, 'data-path': c.path, 'data-value': v!.raw },
            h('div', { class: 'card-label' }, c.label),
            h('div', { class: 'card-value' }, h('span', { class: 'value' }, v!.text), c.unit ? h('span', { class: 'unit' }, c.unit) : null),
            v!.sub ? h('div', { class: 'card-sub' }, v!.sub) : null,
          ),
        );
      return h('div', { class: 'card-group', 'data-section': g.section }, h('h3', {}, g.title), h('div', { class: 'cards' }, cards));
    }),
  );
}

// ─── breakdowns ──────────────────────────────────────────────────────────────────────────────────
function renderBreakdowns(d: Dashboard, into: HTMLElement): void {
  into.replaceChildren();
  for (const b of BREAKDOWNS) {
    const rows = (valueAt(d, b.path) as StatusCount[] | undefined) ?? [];
    const chart = h('div', { class: 'chart small', 'data-breakdown': b.path });
    const box = h('div', { class: 'breakdown' }, h('h3', {}, b.title), rows.length ? chart : h('p', { class: 'muted' }, '本期无数据'));
    into.append(box);
    if (!rows.length) continue;
    const items = rows.map((r) => ({ key: r.status, name: label(b.enumType, r.status), value: r.count }));
    if (b.kind === 'pie') pieChart(chart, items.map(({ name, value }) => ({ name, value })));
    else {
      const sorted = [...items].sort((x, y) => y.value - x.value);
      barChart(chart, sorted.map((i) => i.name), [{ name: b.title, data: sorted.map((i) => i.value) }], { horizontal: true });
    }
    chart.dataset.counts = JSON.stringify(Object.fromEntries(items.map((i) => [i.key, i.value])));
  }
  // RICH: rows by field with several numbers each, drawn as grouped bars.
  for (const f of FIELD_BREAKDOWNS) {
    const rows = valueAt(d, f.path) as Record<string, unknown>[] | undefined;
    if (!rows?.length) continue;
    const chart = h('div', { class: 'chart small', 'data-chart': f.path });
    into.append(h('div', { class: 'breakdown' }, h('h3', {}, f.title), chart));
    const names = rows.map((r) => (f.enumType ? label(f.enumType, String(r[f.key])) : String(r[f.key] ?? '未记录')));
    barChart(chart, names, f.series.map(([field, name]) => ({ name, data: rows.map((r) => Number(r[field] ?? 0)) })), { horizontal: true });
  }
}

/** RICH: one row per agency over every section's byAgency. */
function renderAgencies(d: Dashboard, into: HTMLElement): void {
  const rows = new Map<string, { name: string; cells: Map<string, number | Rate> }>();
  for (const section of SECTION_NAMES) {
    for (const r of (d[section].byAgency ?? []) as AgencyRow[]) {
      const row = rows.get(r.agency.code) ?? { name: r.agency.shortName, cells: new Map() };
      for (const [k, v] of Object.entries(r)) if (k !== 'agency') row.cells.set(`${section}.${k}`, v as number | Rate);
      rows.set(r.agency.code, row);
    }
  }
  if (rows.size === 0) {
    into.hidden = true;
    return;
  }
  into.hidden = false;
  // Overdue in the period, stacked by kind, for agencies that have any.
  // Agencies with something to show in the table or the overdue chart.
  const shown = (code: string) => {
    const cells = rows.get(code)!.cells;
    const keys = [...AGENCY_COLUMNS, ...AGENCY_OVERDUE].map((c) => `${c.section}.${c.field}`);
    return keys.some((k) => { const v = cells.get(k); return isRate(v) ? v.denominator > 0 : Number(v ?? 0) > 0; });
  };
  const codes = [...rows.keys()].filter(shown).sort();
  const overdue = AGENCY_OVERDUE.map((o) => ({ name: o.label, data: codes.map((c) => Number(rows.get(c)!.cells.get(`${o.section}.${o.field}`) ?? 0)) }));
  const withOverdue = codes.filter((_, i) => overdue.some((s) => s.data[i] > 0));
  const chart = h('div', { class: 'chart', 'data-chart': 'agency-overdue' });
  const cell = (v: number | Rate | undefined) => (v === undefined ? '—' : isRate(v) ? formatRate(v.value) : formatNumber(v));
  const table = h('table', { class: 'data agencies' },
    h('thead', {}, h('tr', {}, h('th', {}, '单位'), AGENCY_COLUMNS.map((c) => h('th', {}, c.label)))),
    h('tbody', {}, codes.map((code) => {
      const r = rows.get(code)!;
      return h('tr', { 'data-agency': code }, h('td', {}, r.name), AGENCY_COLUMNS.map((c) => h('td', { class: 'num', 'data-field': `${c.section}.${c.field}` }, cell(r.cells.get(`${c.section}.${c.field}`)))));
    })),
  );
  into.replaceChildren(h('h2', {}, '各单位情况（本期）'), withOverdue.length ? h('h3', {}, '本期到期未办结（超期）按单位') : '', withOverdue.length ? chart : '', h('div', { class: 'scroll' }, table));
  if (withOverdue.length) {
    const idx = withOverdue.map((c) => codes.indexOf(c));
    barChart(chart, withOverdue.map((c) => rows.get(c)!.name), overdue.map((s) => ({ name: s.name, data: idx.map((i) => s.data[i]) })).filter((s) => s.data.some((n) => n > 0)), { stack: true, horizontal: true });
    chart.style.height = `${Math.max(180, withOverdue.length * 30 + 60)}px`;
  }
}

// ─── alerts ──────────────────────────────────────────────────────────────────────────────────────
function renderAlerts(result: { totalCount: number; nodes: Alert[] }): Node[] {
  if (result.nodes.length === 0) return [h('p', { class: 'muted', 'data-alerts-total': 0 }, '当前没有未处理的预警')];
  return [
    h('p', { class: 'muted', 'data-alerts-total': result.totalCount }, `共 ${result.totalCount} 条未处理预警${result.totalCount > result.nodes.length ? `，显示最新 ${result.nodes.length} 条` : ''}`),
    h('div', { class: 'scroll' }, h('table', { class: 'data alerts' },
      h('thead', {}, h('tr', {}, ['级别', '规则', '内容', '需处理单位', '发现时间', '所涉记录'].map((t) => h('th', {}, t)))),
      h('tbody', {}, result.nodes.map((a) =>
        h('tr', { 'data-alert-id': a.id, class: `sev-${a.severity.toLowerCase()}` },
          h('td', {}, h('span', { class: `badge ${a.severity.toLowerCase()}` }, label('AlertSeverity', a.severity))),
          h('td', {}, label('AlertRule', a.rule)),
          h('td', {}, a.message),
          h('td', {}, a.agency?.shortName ?? '—'),
          h('td', { class: 'nowrap' }, formatDateTime(a.raisedAt)),
          h('td', {}, a.records.length
            ? a.records.map((r, i) => h('a', { class: 'record-link', href: recordHref(r.typename, r.id, a.id), 'data-typename': r.typename, 'data-id': r.id }, i === 0 ? `查看${label('ResourceType', typenameResource(r.typename))}` : `关联${i}`))
            : '—'),
        ))),
    )),
  ];
}

const typenameResource = (t: string) => TYPENAME_RESOURCE[t] ?? t;

// ─── overdue ─────────────────────────────────────────────────────────────────────────────────────
const LINKABLE = new Set(['CriminalTransfer', 'ProcuratorateCase', 'Petition', 'HotlineTicket', 'RescueApplication', 'EnforcementCase']);

function renderOverdue(lists: OverdueResult[], into: HTMLElement): void {
  const total = lists.reduce((n, l) => n + l.totalCount, 0);
  let active = lists.find((l) => l.totalCount > 0) ?? lists[0];
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const body = h('div', { class: 'tab-body' });
  const show = (l: OverdueResult) => {
    active = l;
    for (const t of tabs.children) t.setAttribute('aria-selected', String((t as HTMLElement).dataset.overdue === l.list.field));
    if (l.error) return body.replaceChildren(h('p', { class: 'error' }, `无法读取：${l.error}`));
    if (l.rows.length === 0) return body.replaceChildren(h('p', { class: 'muted' }, '没有逾期事项'));
    const shown = l.rows.slice(0, 10);
    body.replaceChildren(
      h('div', { class: 'list-actions' }, exportButton(l.list.field, () => ({ query: overdueQuery(l.list), variables: { after: null }, filename: `逾期${l.list.title}` }))),
      h('table', { class: 'data overdue-rows' },
        h('thead', {}, h('tr', {}, ['事项', '单位', '状态', '期限', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, shown.map((r) => h('tr', { 'data-id': r.id },
          h('td', {}, r.title), h('td', {}, r.agency?.shortName ?? '—'), h('td', {}, label(l.list.statusEnum, r.status)),
          h('td', { class: 'nowrap overdue-date' }, formatDate(r.dueAt)),
          h('td', {}, LINKABLE.has(l.list.typename) ? h('a', { class: 'record-link', href: recordHref(l.list.typename, r.id) }, '查看') : ''),
        ))),
      ),
      l.totalCount > shown.length ? h('p', { class: 'muted' }, `最紧迫的 ${shown.length} 件，共 ${l.totalCount} 件`) : '',
    );
  };
  for (const l of lists) {
    tabs.append(h('button', { class: 'tab', role: 'tab', 'data-overdue': l.list.field, 'data-total': l.error ? 'error' : l.totalCount, onclick: () => show(l) },
      l.list.title, h('span', { class: `count${l.totalCount ? ' warn' : ''}` }, l.error ? '!' : formatNumber(l.totalCount))));
  }
  // Current overdue records by agency, counted from the lists themselves (every record the caller may see).
  const byAgency = new Map<string, { name: string; counts: Record<string, number> }>();
  for (const l of lists) for (const r of l.rows) {
    const key = r.agency?.code ?? '—';
    const entry = byAgency.get(key) ?? { name: r.agency?.shortName ?? '未知单位', counts: {} };
    entry.counts[l.list.title] = (entry.counts[l.list.title] ?? 0) + 1;
    byAgency.set(key, entry);
  }
  const agencies = [...byAgency.values()].sort((x, y) => Object.values(y.counts).reduce((a, b) => a + b, 0) - Object.values(x.counts).reduce((a, b) => a + b, 0));
  const chart = h('div', { class: 'chart', 'data-chart': 'overdue-by-agency' });
  into.replaceChildren(
    h('h2', {}, '当前逾期事项', h('span', { class: 'count warn', 'data-overdue-total': total }, formatNumber(total))),
    h('div', { class: 'overdue-layout' }, h('div', {}, tabs, body), agencies.length ? h('div', {}, h('h3', {}, '按单位'), chart) : ''),
  );
  show(active);
  if (agencies.length) {
    chart.style.height = `${Math.max(200, agencies.length * 28 + 70)}px`;
    const kinds = lists.filter((l) => l.rows.length).map((l) => l.list.title);
    barChart(chart, agencies.map((a) => a.name), kinds.map((k) => ({ name: k, data: agencies.map((a) => a.counts[k] ?? 0) })), { stack: true, horizontal: true });
  }
}

// ─── the view ────────────────────────────────────────────────────────────────────────────────────
export interface ViewState {
  done: Promise<unknown>;
}

export function renderOverview(root: HTMLElement, token: string, period: string): ViewState {
  const summary = h('p', { class: 'period-summary', 'data-testid': 'period', 'data-period': period }, `${describePeriod(period)}`);
  const cards = h('div', { id: 'cards' }, pending());
  const trendChart = h('div', { class: 'chart', 'data-chart': 'trend' });
  const trend = panel('近12个月趋势', 'trend', pending());
  const breakdowns = h('div', { class: 'breakdowns' }, pending());
  const agencies = h('section', { class: 'panel', id: 'agencies', hidden: true });
  const alerts = panel('未处理预警', 'alerts', pending());
  const overdue = h('section', { class: 'panel', id: 'overdue' }, h('h2', {}, '当前逾期事项'), pending());
  root.replaceChildren(
    summary,
    cards,
    h('div', { class: 'row' }, alerts, overdue),
    h('div', { class: 'row' }, trend, panel('本期分布', 'breakdowns', breakdowns)),
    agencies,
  );

  const months = monthsEndingAt(lastMonth(period));
  const parts = [
    fetchDashboard(token, period).then(
      ({ data }) => {
        const end = new Date(new Date(data.to).getTime() - 1).toISOString();
        summary.replaceChildren(h('strong', {}, describePeriod(data.period)), `（${formatDate(data.from)} 至 ${formatDate(end)}）`, h('span', { class: 'note' }, '指标与分布为全县汇总（不含个人信息）；预警与逾期清单为当前用户有权查看的记录'));
        cards.replaceChildren(renderCards(data));
        renderBreakdowns(data, breakdowns);
        renderAgencies(data, agencies);
      },
      (e) => (cards.replaceChildren(failed('指标', e)), breakdowns.replaceChildren()),
    ),
    fetchTrend(token, months).then(
      (points) => {
        trend.replaceChildren(h('h2', {}, `近12个月趋势（${months[0]} 至 ${months[months.length - 1]}）`), trendChart);
        lineChart(trendChart, points.map((p) => p.period), TREND_LINES.map((l) => ({ name: l.label, data: points.map((p) => Number(valueAt(p, l.path) ?? 0)) })));
      },
      (e) => trend.replaceChildren(h('h2', {}, '近12个月趋势'), failed('趋势', e)),
    ),
    fetchAlerts(token).then(
      (r) => alerts.replaceChildren(
        h('h2', {}, '未处理预警', r.nodes.length ? exportButton('alerts', () => ({ query: ALERTS_EXPORT, variables: { after: null }, filename: '未处理预警' })) : ''),
        ...renderAlerts(r),
      ),
      (e) => alerts.replaceChildren(h('h2', {}, '未处理预警'), failed('预警', e)),
    ),
    fetchOverdue(token).then((lists) => renderOverdue(lists, overdue)),
  ];
  return { done: Promise.allSettled(parts) };
}

