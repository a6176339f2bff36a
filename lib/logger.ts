import pino from 'pino';
import { config } from './config';

/**
 * The process logger. Secrets and personal data are redacted by path, so that a careless
 * `log.info({ input })` cannot leak a 身份证号, a phone number or a token.
 */
export const logger = pino({
  level: config().LOG_LEVEL,
  // A person at a terminal reads lines (pino-pretty); everything else (files, collectors, CI) gets JSON.
  ...(process.stdout.isTTY && config().NODE_ENV !== 'production'
    ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
    : {}),
  base: { service: process.env.HUB_SERVICE ?? 'hub' },
  redact: {
    paths: [
      'req.headers.authorization',
      'headers.authorization',
      '*.authorization',
      '*["x-hub-identity"]',
      '*.idNumber',
      '*.*.idNumber',
      '*.phone',
      '*.address',
      '*.*.address',
      '*.*.phone',
      'idNumber',
      'phone',
      'token',
      '*.token',
    ],
    censor: '[redacted]',
  },
});

export type Logger = pino.Logger;

/** A child logger whose every line carries the request id. */
export function requestLogger(requestId: string, extra: Record<string, unknown> = {}): Logger {
  return logger.child({ reqId: requestId, ...extra });
}
