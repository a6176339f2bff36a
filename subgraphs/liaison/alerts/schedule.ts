import { hubFetch } from '../../../lib/http-client';
import { logger } from '../../../lib/logger';
import { runAlertRules } from './runner';
import { alertSettings, gatewayUrl } from './settings';

/** Until the gateway first answers (it starts after the joint office), it is asked this often. */
const STARTUP_POLL_MS = 5_000;
/** A run that could read nothing (the gateway down) is tried again this soon, not an interval later. */
const RETRY_MS = 60_000;

/** Whether the gateway answers its liveness probe. */
async function gatewayUp(): Promise<boolean> {
  try {
    return (await hubFetch(new URL('/healthz', gatewayUrl()).href, { method: 'GET' }, 2_000)).ok;
  } catch {
    return false;
  }
}

/**
 * Runs the rules every ALERT_RULES.intervalMinutes in this (liaison) process: the first run as soon as the gateway
 * answers after start (so a freshly seeded hub shows its alerts within seconds), then one interval after the end of
 * each run, or a minute after a run that could read nothing. Off when the interval is 0 (the default under
 * NODE_ENV=test). The timer never keeps the process alive; several liaison processes may each run it (the unique open
 * key keeps one alert per condition).
 */
export function scheduleAlertRules(): { stop: () => void } {
  const intervalMs = alertSettings().intervalMinutes * 60_000;
  if (!intervalMs) {
    logger.info('alert rules: no schedule (ALERT_RULES.intervalMinutes is 0); runAlertRules runs them on demand');
    return { stop: () => undefined };
  }
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let started = false;
  const next = (ms: number) => {
    if (!stopped) timer = setTimeout(() => void tick(), ms).unref();
  };
  const tick = async () => {
    if (!started && !(await gatewayUp())) return next(STARTUP_POLL_MS);
    started = true;
    let readNothing = true;
    try {
      const report = await runAlertRules();
      readNothing = report.rules.length > 0 && report.rules.every((r) => !r.ok);
    } catch (e) {
      logger.error({ err: (e as Error).message }, 'alert rules: the scheduled run failed');
    }
    next(readNothing ? Math.min(RETRY_MS, intervalMs) : intervalMs);
  };
  next(STARTUP_POLL_MS);
  logger.info({ intervalMinutes: intervalMs / 60_000 }, 'alert rules scheduled');
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
