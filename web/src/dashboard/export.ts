// 导出 Excel: a list's own query sent to the gateway's POST /export with the signed-in user's token; the gateway runs
// it as that user (same access and masking as the page, every record audited as EXPORT) and answers the .xlsx, which
// is handed to the browser as a download. Nothing is computed here.
import { h } from '../shared/dom';
import { storedToken } from '../shared/session';

export const EXPORT_PATH = '/export';

export interface ExportQuery {
  query: string;
  variables?: Record<string, unknown>;
  /** the file's name without extension (the gateway adds .xlsx; default: the list's label and today's date) */
  filename?: string;
}

/** The file name of `content-disposition`: its RFC 5987 `filename*` (Chinese), else the plain one. */
export function dispositionName(header: string | null): string | undefined {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '')?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // a malformed name: fall back to the plain one
    }
  }
  return /filename="([^"]+)"/i.exec(header ?? '')?.[1];
}

/** Runs the export and saves the file; throws with the gateway's message when it refuses. */
export async function downloadExport(request: ExportQuery): Promise<{ name: string; rows: number }> {
  const token = storedToken();
  let res: Response;
  try {
    res = await fetch(EXPORT_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ ...request, format: 'xlsx' }),
    });
  } catch (e) {
    throw new Error(`无法连接数据枢纽：${(e as Error).message}`);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string; errors?: { message: string }[] };
    throw new Error(body.message ?? body.errors?.map((e) => e.message).join('；') ?? `HTTP ${res.status}`);
  }
  const name = dispositionName(res.headers.get('content-disposition')) ?? '导出.xlsx';
  const url = URL.createObjectURL(await res.blob());
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { name, rows: Number(res.headers.get('x-export-rows') ?? 0) };
}

/** The 导出 Excel button of a list (`id` names it for tests: data-export), with its own error line beside it. */
export function exportButton(id: string, request: () => ExportQuery): HTMLElement {
  const status = h('span', { class: 'export-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'export', 'data-export': id, title: '按当前用户的权限导出该清单的全部记录（导出行为记入审计）' }, '导出 Excel');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.setAttribute('role', 'status');
    status.className = 'export-status muted';
    status.textContent = '导出中…';
    try {
      const { rows } = await downloadExport(request());
      status.textContent = `已导出 ${rows} 条`;
    } catch (e) {
      status.className = 'export-status error';
      status.setAttribute('role', 'alert');
      status.textContent = `导出失败：${(e as Error).message}`;
    } finally {
      button.disabled = false;
    }
  });
  return h('span', { class: 'export-box' }, button, status);
}
