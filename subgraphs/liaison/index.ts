import { logger } from '../../lib/logger';
import { runSubgraph } from '../../lib/run';
import { scheduleAlertRules } from './alerts/schedule';
import { alertSettings } from './alerts/settings';
import { liaison } from './server';

// The joint office's process: the subgraph, then the early-warning rules on their schedule (ALERT_RULES, checked first).
try {
  alertSettings();
} catch (e) {
  logger.fatal({ err: (e as Error).message }, 'subgraph failed to start');
  process.exit(1);
}
void runSubgraph(liaison).then(() => scheduleAlertRules());
