import { GraphQLError } from 'graphql';
import { mongo } from 'mongoose';
import { createErrorFormatter } from '../../gateway/errors';
import { AccessControl, type Policy } from '../../lib/access';
import { auditRecorder } from '../../lib/audit';
import { formatError } from '../../lib/subgraph';

// A dependency that is down is named in a coded error a clerk can act on — never "internal error": the database of
// a member system, the audit log (fail closed) and the joint office's grant register.
const gatewayFormat = createErrorFormatter({ production: true });

describe('an unreachable dependency', () => {
  it('the database: SUBGRAPH_UNAVAILABLE / DATABASE_UNAVAILABLE, saying a write may have landed', () => {
    const cause = new mongo.MongoNetworkError('connection 3 to 127.0.0.1:27017 closed');
    const out = formatError({ message: 'connection 3 to 127.0.0.1:27017 closed', path: ['createPetition'] }, new GraphQLError(cause.message, { originalError: cause }));
    expect(out.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' });
    expect(out.message).toMatch(/read the record again before you retry/);
    expect(out.message).not.toContain('127.0.0.1');
  });

  it('other errors stay generic', () => {
    expect(formatError({ message: 'boom' }, new GraphQLError('boom', { originalError: new TypeError('boom') })).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('the grant register: a read that needs grants is refused with GRANTS_UNAVAILABLE; the owner’s own record still opens', async () => {
    const identity = { userId: 'u', agency: '411221-SCJ', roles: ['officer' as const], requestId: 'r' };
    const access = new AccessControl(identity, () => Promise.reject(new Error('fetch failed')), auditRecorder(identity, async () => undefined));
    const policy: Policy<{ _id: string; agencyCode: string }> = { resourceType: 'ENFORCEMENT_CASE', owner: (d) => d.agencyCode, fields: { owner: 'agencyCode' } };
    await expect(access.decide(policy, { _id: 'a', agencyCode: '411221-SCJ' })).resolves.toMatchObject({ basis: 'OWNER' });
    await expect(access.decide(policy, { _id: 'b', agencyCode: '411221-HBJ' })).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'GRANTS_UNAVAILABLE' } });
    await expect(access.filter(policy)).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'GRANTS_UNAVAILABLE' } });
  });

  it('through the gateway the subgraph’s reason and message stand, naming the subgraph; a plain outage keeps the generic text', () => {
    const audit = gatewayFormat(
      { message: 'the audit log cannot be written now, so this access is refused; try again later', extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'AUDIT_UNAVAILABLE', serviceName: 'enforcement' } },
      undefined,
    );
    expect(audit).toMatchObject({ message: expect.stringContaining('audit log'), extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'AUDIT_UNAVAILABLE', subgraph: 'enforcement' } });
    const down = gatewayFormat({ message: 'x', extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'petitions' } }, undefined);
    expect(down).toMatchObject({ message: 'a member system (petitions) is not answering now; try again later', extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'petitions' } });
  });
});
