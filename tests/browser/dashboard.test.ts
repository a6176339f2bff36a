import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Types } from 'mongoose';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { SUPERGRAPH_PATH } from '../../gateway/server';
import { issueUserToken, type Role } from '../../lib/identity';
import { readTableFromBuffer } from '../../lib/sheets';
import { buildWeb, WEB_DIST } from '../../scripts/build-web';
import { seedDemo } from '../../seed';
import { AlertModel } from '../../subgraphs/liaison/models';
import { EXAMPLES } from '../../web/src/explorer/examples';
import { useDatabase } from '../helpers/db';
import { startHub, type Caller, type Hub } from '../helpers/hub';

// The dashboard (/dashboard/) and the explorer (/, and a browser's GET /graphql) in headless Chromium (Debian's
// `chromium`, driven by playwright-core; never a downloaded browser) against a seeded hub: what the pages show is
// what the GraphQL API answers the same user, and no request leaves 127.0.0.1. Screenshots: test-results/browser/.
useDatabase();

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve(__dirname, '../../test-results/browser');
const ADMIN: Caller & { roles: Role[]; userId: string } = { agency: '411221-JCY', roles: ['liaison_admin', 'supervisor'], userId: 'browser-admin' };
const OFFICER: Caller & { roles: Role[]; userId: string } = { agency: '411221-JCY', roles: ['officer'], userId: 'browser-officer' };

let hub: Hub;
let base: string;
let browser: Browser;
let adminToken: string;
let officerToken: string;
/** Every URL any page or worker asked for, and those that were not on 127.0.0.1 (aborted). */
const requested: string[] = [];
const offHub: string[] = [];
const pageErrors: string[] = [];
/** The page's word that the hub did not answer its newer fields (queries.ts falls back to the base set). */
const fallbacks: string[] = [];
const shots: string[] = [];

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requested.push(url);
    if (new URL(url).hostname !== '127.0.0.1') {
      offHub.push(url);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.hostname !== '127.0.0.1') offHub.push(r.url());
  });
  context.on('page', watch);
  return context;
}

function watch(page: Page): void {
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    // A refused load or a Content-Security-Policy violation is a bug of the page.
    if (m.type() === 'error') pageErrors.push(`${page.url()}: ${m.text()}`);
    if (m.text().includes('does not answer the newer')) fallbacks.push(m.text());
  });
}

async function shot(page: Page, name: string): Promise<void> {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  shots.push(path.relative(path.resolve(__dirname, '../..'), file));
}

/** Dotted paths → a selection (`a.b`, `a.c` → `a { b c }`); `rate` paths get the Rate's fields. */
function selectionOf(paths: string[], rates: Set<string>, prefix = ''): string {
  const tree = new Map<string, string[]>();
  for (const p of paths) {
    const [head, ...rest] = p.split('.');
    tree.set(head, [...(tree.get(head) ?? []), ...(rest.length ? [rest.join('.')] : [])]);
  }
  return [...tree]
    .map(([k, sub]) => (sub.length ? `${k} { ${selectionOf(sub, rates, `${prefix}${k}.`)} }` : rates.has(`${prefix}${k}`) ? `${k} { numerator denominator value }` : k))
    .join(' ');
}

const at = (o: unknown, p: string): unknown => p.split('.').reduce<any>((v, k) => v?.[k], o); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Retries `check` (jest expectations) until it passes or `timeoutMs` runs out: the page fills in as answers arrive. */
async function eventually(check: () => Promise<void>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

const attr = (loc: Locator, name: string, value: string, timeoutMs?: number) => eventually(async () => expect(await loc.first().getAttribute(name)).toBe(value), timeoutMs);
const text = (loc: Locator, expected: string | RegExp, timeoutMs?: number) =>
  eventually(async () => {
    const t = ((await loc.first().textContent()) ?? '').replace(/\u00a0/g, ' '); // Monaco renders spaces as NBSP
    if (typeof expected === 'string') expect(t).toContain(expected);
    else expect(t).toMatch(expected);
  }, timeoutMs);

async function signIn(page: Page, token: string, period: string): Promise<void> {
  await page.goto(`${base}/dashboard/#/?period=${period}`);
  await page.waitForSelector('#token-input');
  await page.fill('#token-input', token);
  await page.click('#sign-in');
  await page.waitForSelector('body[data-state="ready"]', { timeout: 45_000 });
}

/** Every indicator card and breakdown of the page equals the dashboard the API answers `token` for `period`. */
async function expectDashboardMatches(page: Page, token: string, period: string): Promise<number> {
  await attr(page.locator('[data-testid="period"]'), 'data-period', period);
  const cards = await page.locator('.card[data-path]').evaluateAll((els) =>
    els.map((e) => ({ path: e.getAttribute('data-path')!, raw: e.getAttribute('data-value')!, text: e.querySelector('.value')!.textContent! })),
  );
  expect(cards.length).toBeGreaterThanOrEqual(20);
  const breakdowns = await page.locator('[data-breakdown][data-counts]').evaluateAll((els) =>
    els.map((e) => ({ path: e.getAttribute('data-breakdown')!, counts: JSON.parse(e.getAttribute('data-counts')!) as Record<string, number> })),
  );
  const rates = new Set(cards.filter((c) => c.raw.startsWith('{')).map((c) => c.path));
  const breakdownPaths = breakdowns.map((b) => `${b.path}.status`).concat(breakdowns.map((b) => `${b.path}.count`));
  const selection = selectionOf([...cards.map((c) => c.path), ...breakdownPaths], rates);
  const r = await hub.query(token, `query($p: String!) { dashboard(period: $p) { ${selection} } }`, { p: period });
  expect(r.errors).toBeUndefined();
  const d = r.data!.dashboard;
  for (const c of cards) {
    const expected = at(d, c.path);
    if (rates.has(c.path)) expect({ path: c.path, value: JSON.parse(c.raw) }).toEqual({ path: c.path, value: expected });
    else {
      expect({ path: c.path, value: Number(c.raw) }).toEqual({ path: c.path, value: expected });
      if (!c.path.endsWith('amountDisbursed')) expect({ path: c.path, text: c.text.replace(/,/g, '') }).toEqual({ path: c.path, text: String(expected) });
    }
  }
  for (const b of breakdowns) {
    const rows = at(d, b.path) as { status: string; count: number }[];
    expect({ path: b.path, counts: b.counts }).toEqual({ path: b.path, counts: Object.fromEntries(rows.map((x) => [x.status, x.count])) });
  }
  return cards.length;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  if (!existsSync(path.join(WEB_DIST, 'dashboard', 'app.js')) || !existsSync(path.join(WEB_DIST, 'explorer', 'app.js'))) await buildWeb(); // npm test's pretest builds them
  mkdirSync(SHOTS, { recursive: true });
  await seedDemo({ scale: 0.5, today: new Date('2026-06-30') });
  hub = await startHub();
  base = hub.url.replace(/\/graphql$/, '');
  adminToken = await issueUserToken({ userId: ADMIN.userId, agency: ADMIN.agency, roles: ADMIN.roles });
  officerToken = await issueUserToken({ userId: OFFICER.userId, agency: OFFICER.agency, roles: OFFICER.roles });
  // One open alert on a transfer whatever the seed drew (seeded alerts are open or resolved by chance).
  const transfer = (await hub.ok(ADMIN, '{ criminalTransfers(first: 1) { nodes { id agency { code } } } }')).criminalTransfers.nodes[0];
  await AlertModel.create({
    _id: new Types.ObjectId().toHexString(), rule: 'TRANSFER_OVERDUE', severity: 'CRITICAL', message: '移送案件公安机关立案后超过3日未移交涉案物品',
    agencyCode: transfer.agency.code, resourceType: 'CRIMINAL_TRANSFER', resourceId: transfer.id, raisedAt: new Date('2025-05-01T02:00:00Z'), resolvedAt: null,
    records: [{ typename: 'CriminalTransfer', id: transfer.id }],
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'], timeout: 30_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  if (shots.length) console.log(`screenshots:\n  ${shots.join('\n  ')}`);
});

describe('the joint dashboard in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext();
    page = await context.newPage();
  });
  afterAll(() => context.close());

  it('asks for a token, then shows the indicators the API answers that user for 2025', async () => {
    await page.goto(`${base}/dashboard/`);
    await page.locator('#sign-in-form').waitFor({ state: 'visible' });
    await shot(page, 'dashboard-sign-in');
    await signIn(page, adminToken, '2025');
    await attr(page.locator('[data-testid="user"]'), 'data-agency', ADMIN.agency);
    await expectDashboardMatches(page, adminToken, '2025');
    // The trend: twelve months of 2025, each point as the API answers that month.
    const trend = JSON.parse((await page.locator('[data-chart="trend"]').getAttribute('data-series'))!) as { categories: string[]; lines: { name: string; data: number[] }[] };
    expect(trend.categories).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    const months = await hub.ok(ADMIN, `{ ${trend.categories.map((m, i) => `m${i}: dashboard(period: "${m}") { enforcement { casesFiled } petitions { received } }`).join(' ')} }`);
    expect(trend.lines.find((l) => l.name === '行政执法立案')!.data).toEqual(trend.categories.map((_, i) => months[`m${i}`].enforcement.casesFiled));
    expect(trend.lines.find((l) => l.name === '信访登记')!.data).toEqual(trend.categories.map((_, i) => months[`m${i}`].petitions.received));
    await shot(page, 'dashboard-2025-liaison-admin');
  }, 90_000);

  it('lists the open alerts and the overdue records this user may see', async () => {
    const alerts = (await hub.ok(ADMIN, '{ alerts(filter: { open: true }, first: 50) { totalCount nodes { id } } }')).alerts;
    expect(alerts.totalCount).toBeGreaterThan(0);
    await attr(page.locator('[data-alerts-total]'), 'data-alerts-total', String(alerts.totalCount));
    expect(await page.locator('tr[data-alert-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-alert-id')))).toEqual(alerts.nodes.map((n: { id: string }) => n.id));
    const lists = ['criminalTransfers', 'suggestions', 'reverseReferrals', 'procuratorateCases', 'petitions', 'hotlineTickets', 'rescueApplications', 'workTasks'];
    const counts = await hub.ok(ADMIN, `{ ${lists.map((l) => `${l}(filter: { overdue: true }, first: 0) { totalCount }`).join(' ')} }`);
    for (const l of lists) await attr(page.locator(`[data-overdue="${l}"]`), 'data-total', String(counts[l].totalCount));
  }, 60_000);

  it('exports the shown overdue list with 导出 Excel: every record the API gives the user, under Chinese headers', async () => {
    const button = page.locator('#overdue .list-actions button[data-export]').first();
    const field = (await button.getAttribute('data-export'))!;
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^逾期.+\.xlsx$/);
    const table = await readTableFromBuffer(readFileSync((await download.path())!), 'xlsx');
    const total = (await hub.ok(ADMIN, `{ ${field}(filter: { overdue: true }, first: 0) { totalCount } }`))[field].totalCount;
    expect(table.rows.length).toBeGreaterThan(0);
    expect(table.rows.length).toBe(total);
    expect(table.header.some((h) => /[\u4e00-\u9fff]/.test(h))).toBe(true);
    await text(page.locator('#overdue .export-status'), `已导出 ${total} 条`);
  }, 60_000);

  it('switches the period to a quarter and a month, and the numbers follow', async () => {
    await page.selectOption('#period-kind', 'quarter');
    await page.waitForSelector('[data-testid="period"][data-period="2025-Q1"]');
    await page.selectOption('#period-part', '3');
    await page.waitForSelector('[data-testid="period"][data-period="2025-Q3"]');
    await page.waitForSelector('body[data-state="ready"]', { timeout: 45_000 });
    expect(page.url()).toContain('period=2025-Q3');
    await expectDashboardMatches(page, adminToken, '2025-Q3');
    await shot(page, 'dashboard-2025-Q3');
    await page.selectOption('#period-kind', 'month');
    await page.selectOption('#period-part', '7');
    await page.waitForSelector('[data-testid="period"][data-period="2025-07"]');
    await page.waitForSelector('body[data-state="ready"]', { timeout: 45_000 });
    await expectDashboardMatches(page, adminToken, '2025-07');
  }, 90_000);

  it("opens an alert's record through its link", async () => {
    await page.goto(`${base}/dashboard/#/?period=2025`);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 45_000 });
    const link = page.locator('tr[data-alert-id] a.record-link[data-typename="CriminalTransfer"]').first();
    const id = (await link.getAttribute('data-id'))!;
    await link.click();
    await page.waitForSelector(`[data-testid="record"][data-id="${id}"][data-loaded="true"]`, { timeout: 30_000 });
    expect(page.url()).toMatch(new RegExp(`#/record/CriminalTransfer/${id}\\?alert=.+&period=2025$`));
    const t = (await hub.ok(ADMIN, 'query($id: ID!) { criminalTransfer(id: $id) { suspectedCharge agency { name } policeAgency { name } } }', { id })).criminalTransfer;
    await text(page.locator('[data-testid="record"] h2'), t.suspectedCharge);
    await text(page.locator('[data-testid="record"] dd[data-path="agency.name"]'), t.agency.name);
    await text(page.locator('[data-testid="record"] dd[data-path="policeAgency.name"]'), t.policeAgency.name);
    await shot(page, 'dashboard-alert-record');
    await page.click('a.back');
    await page.waitForSelector('[data-testid="period"][data-period="2025"]');
  }, 60_000);

  it('shows another user only what that user may see', async () => {
    await page.click('#sign-out');
    await page.locator('#sign-in-form').waitFor({ state: 'visible' });
    await signIn(page, officerToken, '2025');
    await text(page.locator('[data-testid="user"]'), /县检察院 · 承办人/);
    const mine = await hub.ok(OFFICER, '{ alerts(filter: { open: true }, first: 0) { totalCount } petitions(filter: { overdue: true }, first: 0) { totalCount } }');
    const all = await hub.ok(ADMIN, '{ alerts(filter: { open: true }, first: 0) { totalCount } }');
    expect(mine.alerts.totalCount).toBeLessThan(all.alerts.totalCount); // the officer sees only the procuratorate's alerts
    await attr(page.locator('[data-alerts-total]'), 'data-alerts-total', String(mine.alerts.totalCount));
    await attr(page.locator('[data-overdue="petitions"]'), 'data-total', String(mine.petitions.totalCount));
    await expectDashboardMatches(page, officerToken, '2025');
    await shot(page, 'dashboard-2025-officer');
  }, 90_000);
});

describe('待办 (my work) in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext();
    page = await context.newPage();
  });
  afterAll(() => context.close());

  type Work = { agency: string; items: { recordType: string; recordId: string; label: string; overdue: boolean }[] };
  const WORK = 'agency items { recordType recordId label overdue }';
  /** Kinds the record page shows (web/src/dashboard/records.ts). */
  const SHOWN = ['CriminalTransfer', 'ProcuratorateCase', 'Suggestion', 'Petition', 'HotlineTicket', 'RescueApplication', 'WorkTask', 'ReverseReferral'];

  async function agencyCodes(): Promise<string[]> {
    return (await hub.ok(ADMIN, '{ agencies(first: 100) { nodes { code } } }')).agencies.nodes.map((n: { code: string }) => n.code).filter((c: string) => c !== ADMIN.agency);
  }

  /** The list as the page shows it equals `expected` (myWork for the same token and agency). */
  async function expectWorkMatches(expected: Work): Promise<void> {
    await page.waitForSelector(`[data-testid="work"][data-agency="${expected.agency}"][data-loaded="true"]`, { timeout: 45_000 });
    await attr(page.locator('[data-testid="work"]'), 'data-count', String(expected.items.length));
    const rows = await page.locator('tr[data-work-item]').evaluateAll((els) =>
      els.map((e) => ({ typename: e.getAttribute('data-typename'), id: e.getAttribute('data-id'), overdue: e.getAttribute('data-overdue'), label: e.querySelector('.work-label')!.textContent, badge: !!e.querySelector('.overdue-badge') })),
    );
    expect(rows.map((r) => [r.typename, r.id])).toEqual(expected.items.map((i) => [i.recordType, i.recordId]));
    if (expected.items.length) expect(rows[0]).toMatchObject({ label: expected.items[0].label, overdue: String(expected.items[0].overdue), badge: expected.items[0].overdue });
    expect(rows.map((r) => r.badge)).toEqual(expected.items.map((i) => i.overdue));
  }

  it("lands a clerk on the agency's 待办, as myWork answers the same token, and opens an item's record", async () => {
    // a clerk (officer) of an agency that has work in the seeded data
    let clerk: { token: string; work: Work } | undefined;
    for (const code of await agencyCodes()) {
      const token = await issueUserToken({ userId: `browser-clerk-${code}`, agency: code, roles: ['officer'] });
      const r = await hub.query(token, `{ myWork(first: 50) { ${WORK} } }`);
      expect(r.errors).toBeUndefined();
      const work = r.data!.myWork as Work;
      if (work.items.some((i) => SHOWN.includes(i.recordType))) {
        clerk = { token, work };
        break;
      }
    }
    if (!clerk) throw new Error('no officer of the seeded agencies has work');
    await page.goto(`${base}/dashboard/`);
    await page.waitForSelector('#token-input');
    await page.fill('#token-input', clerk.token);
    await page.click('#sign-in');
    await page.waitForSelector('body[data-state="ready"]', { timeout: 45_000 });
    await expectWorkMatches(clerk.work);
    expect(await page.locator('#work-agency').count()).toBe(0); // only the joint office picks an agency
    expect(await page.locator('#nav-work').getAttribute('aria-current')).toBe('page');
    await shot(page, 'dashboard-my-work');
    // an item's record, and back
    const item = clerk.work.items.find((i) => SHOWN.includes(i.recordType))!;
    await page.locator(`tr[data-work-item][data-typename="${item.recordType}"][data-id="${item.recordId}"] a.record-link`).first().click();
    await page.waitForSelector(`[data-testid="record"][data-typename="${item.recordType}"][data-id="${item.recordId}"][data-loaded="true"]`, { timeout: 30_000 });
    expect(page.url()).toContain(`#/record/${item.recordType}/${encodeURIComponent(item.recordId)}?work=me`);
    await page.click('a.back');
    await expectWorkMatches(clerk.work);
    // the indicators stay one click away
    await page.click('#nav-overview');
    await page.waitForSelector('[data-testid="period"]', { timeout: 45_000 });
    await page.waitForSelector('body[data-state="ready"]', { timeout: 45_000 });
  }, 120_000);

  it("lets the joint office pick another agency and see that agency's 待办, as myWork(agency:) answers", async () => {
    let other: Work | undefined;
    for (const code of await agencyCodes()) {
      const work = (await hub.ok(ADMIN, `query($a: ID) { myWork(agency: $a, first: 50) { ${WORK} } }`, { a: code })).myWork as Work;
      if (work.items.length) {
        other = work;
        break;
      }
    }
    if (!other) throw new Error('the joint office sees no agency with work');
    await page.click('#sign-out');
    await page.locator('#sign-in-form').waitFor({ state: 'visible' });
    await page.goto(`${base}/dashboard/#/`);
    await page.fill('#token-input', adminToken);
    await page.click('#sign-in');
    await page.waitForSelector('body[data-state="ready"]', { timeout: 45_000 });
    await expectWorkMatches((await hub.ok(ADMIN, `{ myWork(first: 50) { ${WORK} } }`)).myWork);
    await page.selectOption('#work-agency', other.agency);
    await expectWorkMatches(other);
    expect(page.url()).toContain(`#/work?agency=${encodeURIComponent(other.agency)}`);
    await shot(page, 'dashboard-my-work-joint-office');
  }, 120_000);
});

describe('the GraphQL explorer in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext();
    page = await context.newPage();
  });
  afterAll(() => context.close());

  it('opens at the GraphQL URL, takes the token into the Authorization header and runs a query', async () => {
    await page.goto(hub.url); // GET /graphql from a browser (Accept: text/html)
    await page.waitForSelector('.graphiql-container', { timeout: 45_000 });
    await eventually(async () => expect(await page.locator('.graphiql-tab').count()).toBe(6)); // one example per subgraph, and the dashboard
    await page.fill('#token', adminToken);
    await text(page.locator('[data-testid="token-owner"]'), '411221-JCY');
    // the headers editor now carries the token
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    await text(page.locator('.graphiql-editor-tool .view-lines').last(), 'Authorization', 15_000);
    await page.locator('.graphiql-execute-button').click();
    await text(page.locator('.graphiql-response'), `"userId": "${ADMIN.userId}"`, 30_000);
    await text(page.locator('.graphiql-response'), '"totalCount"');
    await shot(page, 'explorer-query-result');
  }, 90_000);

  it('has the docs pane and autocompletion from the schema, with no request leaving the hub', async () => {
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    await text(page.locator('.graphiql-doc-explorer'), 'Query', 30_000);
    await page.locator('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name', { hasText: 'Query' }).first().click();
    await text(page.locator('.graphiql-doc-explorer'), 'dashboard');
    // Autocompletion: a new tab, a partial query, and Monaco's suggestions from the graphql worker.
    await page.locator('.graphiql-tab-add').click();
    const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ dashb');
    await page.keyboard.press('Control+Space');
    await text(page.locator('.suggest-widget .monaco-list-row'), 'dashboard', 20_000);
    await shot(page, 'explorer-docs-autocomplete');
    const workers = requested.filter((u) => u.includes('/explorer/workers/'));
    expect(workers.some((u) => u.endsWith('graphql.worker.js'))).toBe(true);
  }, 90_000);

  it('offers example operations that each answer without an error', async () => {
    for (const e of EXAMPLES) {
      const r = await hub.query(adminToken, e.query, e.variables ?? {});
      expect({ query: e.query.split('\n')[0], errors: r.errors }).toEqual({ query: e.query.split('\n')[0], errors: undefined });
    }
  }, 60_000);

  it('is also the page at /', async () => {
    const p = await context.newPage();
    await p.goto(`${base}/`);
    await p.waitForSelector('.graphiql-container', { timeout: 45_000 });
    await p.close();
  }, 60_000);
});

describe('how the gateway serves the pages', () => {
  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${base}${p}`, { redirect: 'manual', headers });

  it('serves the built pages with a policy that keeps the browser on the hub, and nothing outside web/dist', async () => {
    const page = await get('/dashboard/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'.*connect-src 'self'/);
    expect(await page.text()).toContain('/dashboard/app.js');
    expect((await get('/dashboard')).headers.get('location')).toBe('/dashboard/');
    // A request-target whose path is `//dashboard` (sent as is) is never redirected protocol-relative (to host "dashboard").
    const raw = await new Promise<string | undefined>((resolve, reject) =>
      http.get({ host: '127.0.0.1', port: new URL(base).port, path: '/.//dashboard', agent: false }, (res) => (res.resume(), resolve(res.headers.location))).on('error', reject),
    );
    expect(raw).toBe('/dashboard/');
    expect((await get('/explorer/app.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const p of ['/..%2fpackage.json', '/%2e%2e/package.json', '/dashboard/..%2f..%2fpackage.json', '/%E0%A4%A']) expect((await get(p)).status).toBe(404);
    // The GraphQL URL: the explorer for a browser, GraphQL for everyone else.
    expect(await (await get('/graphql', { accept: 'text/html,application/xhtml+xml' })).text()).toContain('/explorer/app.js');
    const api = await get('/graphql?query=%7B__typename%7D', { accept: 'text/html, application/json', 'apollo-require-preflight': '1', authorization: `Bearer ${adminToken}` });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the pages in the browser', () => {
  it('sent every request to 127.0.0.1 and logged no error', () => {
    expect(requested.length).toBeGreaterThan(20);
    expect(offHub).toEqual([]);
    expect([...new Set(requested.map((u) => new URL(u).host.split(':')[0]))]).toEqual(['127.0.0.1']);
    expect(pageErrors).toEqual([]);
  });

  it('used the newer dashboard fields wherever the supergraph has them (a mistake there would fall back silently)', () => {
    const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
    const expected = [
      /dashboardTrend\(/.test(sdl) ? null : 'trend',
      /transferRate: Rate!/.test(sdl) ? null : 'dashboard',
      /records: \[AlertRecord!\]!/.test(sdl) ? null : 'alerts',
    ].filter(Boolean);
    const fellBack = [...new Set(fallbacks.map((m) => /newer (\w+) fields/.exec(m)![1]))].sort();
    expect(fellBack).toEqual(expected.sort());
  });
});
