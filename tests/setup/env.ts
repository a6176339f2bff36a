// Test workers: quiet logs and their own database names, so tests never touch demo data.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.DB_PREFIX = 'test';
process.env.APOLLO_TELEMETRY_DISABLED = '1';
