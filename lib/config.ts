import { z } from 'zod';
import { ROLES } from './access/roles';

/** The five subgraphs, in the order they are started and composed. */
export const SUBGRAPHS = ['procuratorate', 'enforcement', 'petitions', 'assistance', 'liaison'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

// Development defaults: well known, so production refuses them (see superRefine below).
const DEV = {
  JWT_SECRET: 'dev-jwt-secret-not-for-production-0000000000',
  INTERNAL_SECRET: 'dev-internal-secret-not-for-production-000',
  PSEUDONYM_KEY: 'dev-pseudonym-key-not-for-production-00000',
  PII_KEY: '00112233445566778899aabbccddeeff',
} as const;

const port = z.coerce.number().int().min(0).max(65535);


const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    GATEWAY_PORT: port.default(4000),
    PROCURATORATE_PORT: port.default(4001),
    ENFORCEMENT_PORT: port.default(4002),
    PETITIONS_PORT: port.default(4003),
    ASSISTANCE_PORT: port.default(4004),
    LIAISON_PORT: port.default(4005),
    PROCURATORATE_URL: z.url().optional(),
    ENFORCEMENT_URL: z.url().optional(),
    PETITIONS_URL: z.url().optional(),
    ASSISTANCE_URL: z.url().optional(),
    LIAISON_URL: z.url().optional(),
    MONGODB_URI: z.string().startsWith('mongodb').optional(),
    DB_PREFIX: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _').default('hub'),
    DATA_DIR: z.string().default('.data'),
    JWT_SECRET: z.string().min(32, 'at least 32 characters').default(DEV.JWT_SECRET),
    JWT_ISSUER: z.string().default('fujian-hub-dev'),
    JWT_AUDIENCE: z.string().default('fujian-hub'),
    JWT_JWKS_URL: z.url().optional(),
    JWT_PUBLIC_KEY_FILE: z.string().optional(),
    JWT_ALGORITHMS: z.string().regex(/^(RS256|ES256|PS256|EdDSA)(,(RS256|ES256|PS256|EdDSA))*$/, 'a comma list of RS256, ES256, PS256, EdDSA').default('RS256,ES256'),
    INTERNAL_SECRET: z.string().min(32, 'at least 32 characters').default(DEV.INTERNAL_SECRET),
    PSEUDONYM_KEY: z.string().min(32, 'at least 32 characters').default(DEV.PSEUDONYM_KEY),
    PII_KEY: z.string().regex(/^[0-9a-f]{32}$/i, '32 hex characters (an SM4 key)').default(DEV.PII_KEY),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    // On SIGTERM/SIGINT: how long requests already received may take to finish before they are cut (lib/run.ts).
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    // Gateway limits (docs/gateway.md gives each default and the measurements behind it).
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(10),
    GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(5000),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
    GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(20),
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(10).max(100_000).default(1000),
    INTROSPECTION_ROLES: z
      .string()
      .default('liaison_admin,service')
      .transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean))
      .pipe(z.array(z.enum(ROLES, `a comma-separated list of roles (${ROLES.join(', ')})`))),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(256 * 1024),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    // Local overrides of the official calendar (chinese-days, lib/calendar.ts): rest days added to the State Council's
    // holidays, and dates worked (调休, or a dataset holiday worked here). A date may not be in both.
    HOLIDAYS: z.string().regex(/^(\d{4}-\d{2}-\d{2})?(,\s*\d{4}-\d{2}-\d{2})*$/, 'comma-separated YYYY-MM-DD dates').default(''),
    MAKEUP_WORKDAYS: z.string().regex(/^(\d{4}-\d{2}-\d{2})?(,\s*\d{4}-\d{2}-\d{2})*$/, 'comma-separated YYYY-MM-DD dates').default(''),
    // 河南省 上一年度职工月平均工资 (yuan), the base of judicial rescue amounts; the default is a development figure.
    ASSISTANCE_MONTHLY_WAGE: z.coerce.number('a positive number of yuan').positive('a positive number of yuan').default(6300),
    DEADLINE_RULES: z.string().refine((s) => { try { JSON.parse(s); return true; } catch { return false; } }, 'a JSON object of rule overrides').optional(),
    // 提前预警: thresholds and schedule of the joint office's alert rules, a JSON object over the defaults of
    // subgraphs/liaison/alerts/settings.ts, e.g. {"intervalMinutes":30,"penaltyThresholds":{"FOOD_DRUG":30000}} (validated at start).
    ALERT_RULES: z.string().refine((s) => { try { JSON.parse(s); return true; } catch { return false; } }, 'a JSON object of alert rule settings').optional(),
  })
  .superRefine((env, ctx) => {
    const holidays = new Set(env.HOLIDAYS.split(',').map((d) => d.trim()));
    const both = env.MAKEUP_WORKDAYS.split(',').map((d) => d.trim()).filter((d) => d && holidays.has(d));
    if (both.length) ctx.addIssue({ code: 'custom', path: ['MAKEUP_WORKDAYS'], message: `${both.join(', ')} also in HOLIDAYS: a date is a rest day or a working day, not both` });
    if (env.NODE_ENV !== 'production') return;
    // Production verifies users' tokens with the agency sign-on's public keys, never a shared secret.
    if (!env.JWT_JWKS_URL && !env.JWT_PUBLIC_KEY_FILE) {
      ctx.addIssue({ code: 'custom', path: ['JWT_JWKS_URL'], message: 'production needs JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE (RS256/ES256 keys of the sign-on)' });
    }
    for (const [name, value] of Object.entries(DEV)) {
      if (name === 'JWT_SECRET') continue; // not used in production
      if (env[name as keyof typeof DEV] === value) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'the development default is refused in production; set a secret' });
      }
    }
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Parses and validates configuration from `env`; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

let cached: Config | undefined;

/** The process configuration, validated once on first use. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

/** Forget the cached configuration (tests change the environment between suites). */
export function resetConfig(): void {
  cached = undefined;
}

/** Port a subgraph listens on. */
export function subgraphPort(name: SubgraphName, c: Config = config()): number {
  return c[`${name.toUpperCase()}_PORT` as `${Uppercase<SubgraphName>}_PORT`];
}

/** URL the gateway uses for a subgraph: `<NAME>_URL` when set, else the local default. */
export function subgraphUrl(name: SubgraphName, c: Config = config()): string {
  return c[`${name.toUpperCase()}_URL` as `${Uppercase<SubgraphName>}_URL`] ?? `http://127.0.0.1:${subgraphPort(name, c)}/graphql`;
}

/** MongoDB database name of a subgraph: each agency's data lives in its own database. */
export function databaseName(name: SubgraphName, c: Config = config()): string {
  return `${c.DB_PREFIX}_${name}`;
}
