import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function toDate(value: unknown): Date {
  const d = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) {
    throw new GraphQLError('DateTime: use an ISO date such as 2025-03-01 or 2025-03-01T08:30:00+08:00', {
      extensions: { code: 'BAD_USER_INPUT', field: 'DateTime' },
    });
  }
  return d;
}

/** ISO-8601 date-time scalar; a plain date is read as midnight UTC. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (v) => toDate(v).toISOString(),
  parseValue: (v) => toDate(v),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return toDate(ast.value);
  },
});
