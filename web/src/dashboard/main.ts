// 联合看板: sign-in with a token, the period picker, and the views: 待办 (the landing view of those who take
// steps), the period's picture (指标看板) and one record. Routes live in the hash: #/work?agency=<code>,
// #/?period=2025-H1 and #/record/<Type>/<id>?alert=<id>|work=<agency>|me&period=…; a bare #/ lands on 待办 or on
// the indicators (a viewer or an auditor has no work).
import './style.css';
import { h } from '../shared/dom';
import { cleanToken, readClaims, RequestFailed, storedToken, storeToken, tokenExpired } from '../shared/session';
import { disposeCharts } from './charts';
import { roleLabel } from './labels';
import { renderOverview } from './overview';
import { defaultPeriod, formatPeriod, KIND_LABELS, parsePeriod, partLabel, partsOf, type PeriodKind, type PeriodParts } from './period';
import { fetchMe, type Me } from './queries';
import { renderRecord } from './record-view';
import { landsOnWork, renderWork, workHref } from './work-view';

const view = document.getElementById('view')!;
const userBox = document.getElementById('user')!;
const picker = document.getElementById('period-picker')!;
const nav = document.getElementById('nav')!;

let token = storedToken();
let me: Me | null = null;

interface Route {
  name: 'overview' | 'record' | 'work' | 'landing';
  period: string;
  typename?: string;
  id?: string;
  alert?: string;
  /** work: the agency whose 待办 (joint office); record: the work list it was opened from */
  work?: string;
}

function route(): Route {
  const [path, search = ''] = location.hash.replace(/^#/, '').split('?');
  const q = new URLSearchParams(search);
  const requested = q.get('period') ?? '';
  const period = parsePeriod(requested) ? requested : defaultPeriod();
  const m = /^\/record\/([^/]+)\/([^/]+)$/.exec(path);
  if (m) {
    const [typename, id] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
    return { name: 'record', period, typename, id, alert: q.get('alert') ?? undefined, work: q.get('work') ?? undefined };
  }
  if (path === '/work') return { name: 'work', period, work: q.get('agency') ?? undefined };
  if ((path === '/' || path === '') && !q.has('period')) return { name: 'landing', period };
  return { name: 'overview', period };
}

const overviewHref = (period: string) => `#/?period=${encodeURIComponent(period)}`;

function setState(state: 'signed-out' | 'loading' | 'ready' | 'error'): void {
  document.body.dataset.state = state;
}

// ─── sign-in ─────────────────────────────────────────────────────────────────────────────────────
function signOut(message?: string): void {
  token = '';
  me = null;
  storeToken('');
  renderSignIn(message);
}

function renderSignIn(message?: string): void {
  disposeCharts(view);
  userBox.replaceChildren();
  picker.replaceChildren();
  nav.replaceChildren();
  const input = h('textarea', { id: 'token-input', rows: 4, placeholder: '粘贴令牌（npm start 打印的演示令牌，或本单位签发的令牌）', spellcheck: 'false', autocomplete: 'off' });
  const form = h('form', { class: 'panel sign-in', id: 'sign-in-form' },
    h('h2', {}, '登录'),
    h('p', {}, '请粘贴您的访问令牌。看板只显示该用户有权查看的数据；令牌只保存在本浏览器中。'),
    message ? h('p', { class: 'error', role: 'alert' }, message) : '',
    input,
    h('div', {}, h('button', { type: 'submit', id: 'sign-in' }, '登录')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const t = cleanToken(input.value);
    if (!t) return;
    if (tokenExpired(t)) return renderSignIn('该令牌已过期，请重新获取。');
    token = t;
    storeToken(t);
    void start();
  });
  view.replaceChildren(form);
  setState('signed-out');
  input.focus();
}

// ─── period picker ───────────────────────────────────────────────────────────────────────────────
function renderPicker(period: string): void {
  const current = parsePeriod(period)!;
  const thisYear = Number(defaultPeriod());
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  if (!years.includes(current.year)) years.push(current.year);
  const kind = h('select', { id: 'period-kind', 'aria-label': '期间类型' },
    (Object.keys(KIND_LABELS) as PeriodKind[]).map((k) => h('option', { value: k, selected: k === current.kind }, KIND_LABELS[k])));
  const year = h('select', { id: 'period-year', 'aria-label': '年度' }, years.map((y) => h('option', { value: y, selected: y === current.year }, `${y}年`)));
  const part = h('select', { id: 'period-part', 'aria-label': '期间' });
  const fillParts = (k: PeriodKind, selected: number) => {
    part.replaceChildren(...Array.from({ length: partsOf(k) }, (_, i) => h('option', { value: i + 1, selected: i + 1 === selected }, partLabel(k, i + 1))));
    part.hidden = partsOf(k) === 0;
  };
  fillParts(current.kind, current.part);
  const go = () => {
    const k = kind.value as PeriodKind;
    const next: PeriodParts = { kind: k, year: Number(year.value), part: partsOf(k) ? Number(part.value) || 1 : 0 };
    location.hash = overviewHref(formatPeriod(next));
  };
  kind.addEventListener('change', () => {
    fillParts(kind.value as PeriodKind, 1);
    go();
  });
  year.addEventListener('change', go);
  part.addEventListener('change', go);
  picker.replaceChildren(h('span', { class: 'muted' }, '统计期间'), kind, year, part);
}

// ─── views ───────────────────────────────────────────────────────────────────────────────────────
function renderUser(m: Me): void {
  userBox.replaceChildren(
    h('span', { 'data-testid': 'user', 'data-agency': m.agency.code }, `${m.agency.shortName} · ${m.roles.map(roleLabel).join('、')}`),
    h('a', { href: '/', class: 'explorer-link', title: 'GraphQL 浏览器' }, 'GraphQL'),
    h('button', { type: 'button', id: 'sign-out', onclick: () => signOut() }, '退出'),
  );
}

function renderNav(current: 'work' | 'overview', period: string): void {
  const tab = (key: typeof current, href: string, text: string) =>
    h('a', { href, class: 'nav-tab', id: `nav-${key}`, 'aria-current': key === current ? 'page' : 'false' }, text);
  nav.replaceChildren(tab('work', workHref(), '待办'), tab('overview', overviewHref(period), '指标看板'));
}

let rendering = 0;

async function render(): Promise<void> {
  if (!token || !me) return;
  const mine = ++rendering;
  const r = route();
  const name = r.name === 'landing' ? (landsOnWork(me) ? 'work' : 'overview') : r.name;
  disposeCharts(view);
  setState('loading');
  renderNav(name === 'work' || (name === 'record' && r.work !== undefined) ? 'work' : 'overview', r.period);
  if (name === 'work') picker.replaceChildren();
  else renderPicker(r.period);
  const done =
    name === 'record'
      ? r.work !== undefined && !r.alert
        ? renderRecord(view, token, r.typename!, r.id!, { work: r.work }, workHref(r.work === 'me' ? undefined : r.work), '← 返回待办')
        : renderRecord(view, token, r.typename!, r.id!, { alert: r.alert }, overviewHref(r.period))
      : name === 'work'
        ? renderWork(view, token, me, r.work)
        : renderOverview(view, token, r.period).done;
  await done;
  if (mine === rendering) setState('ready');
}

async function start(): Promise<void> {
  if (!token) return renderSignIn();
  if (tokenExpired(token)) return signOut('令牌已过期，请重新登录。');
  setState('loading');
  view.replaceChildren(h('p', { class: 'muted pending' }, '正在验证令牌…'));
  try {
    me = await fetchMe(token);
  } catch (e) {
    if (e instanceof RequestFailed && e.code === 'UNAUTHENTICATED') return signOut(`令牌无效：${e.message}`);
    view.replaceChildren(h('p', { class: 'error', role: 'alert' }, `无法连接数据枢纽：${(e as Error).message}`));
    return setState('error');
  }
  renderUser(me);
  await render();
}

window.addEventListener('hashchange', () => void render());
// A record link opened in the same tab keeps the period the user was looking at.
view.addEventListener('click', (e) => {
  const a = (e.target as HTMLElement).closest('a.record-link') as HTMLAnchorElement | null;
  if (!a || a.href.includes('period=')) return;
  a.href += `${a.href.includes('?') ? '&' : '?'}period=${encodeURIComponent(route().period)}`;
});

if (readClaims(token) === null) token = '';
void start();
