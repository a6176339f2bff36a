import { liaison, syncAgencies } from '../../subgraphs/liaison/server';
import { countCommands, useDatabase } from '../helpers/db';
import { replaceGrant } from '../helpers/grants';
import { execute, identity } from '../helpers/subgraph';

useDatabase();

const service = identity('411221-JCY', ['service']);
const grantsQuery = (agencyFields: string) =>
  `query($g: ID!) { sharingGrants(filter: { granteeCode: $g, activeOnly: true }, first: 100) { nodes { id grantee { ${agencyFields} } provider { ${agencyFields} } } } }`;

describe('the grant look-up that every provider makes', () => {
  beforeAll(async () => {
    await syncAgencies();
    await replaceGrant({ _id: 'g1', granteeCode: '411221-JCY', providerCode: '411221-SCJ', resourceTypes: ['ENFORCEMENT_CASE'], purpose: '监督', legalBasis: '意见第六条' });
  });

  it('answers the parties’ codes from the grant itself: no agency look-up', async () => {
    const { result, commands } = await countCommands(() => execute(liaison, service, grantsQuery('code'), { g: '411221-JCY' }));
    expect(result.data?.sharingGrants.nodes).toEqual([{ id: 'g1', grantee: { code: '411221-JCY' }, provider: { code: '411221-SCJ' } }]);
    expect(commands.filter((c) => c.endsWith('.find'))).toEqual(['test_liaison.find']);
  });

  it('still loads the agencies when more than their code is asked', async () => {
    const { result, commands } = await countCommands(() => execute(liaison, service, grantsQuery('code name'), { g: '411221-JCY' }));
    expect(result.data?.sharingGrants.nodes[0].provider).toEqual({ code: '411221-SCJ', name: expect.stringContaining('市场监督管理局') });
    expect(commands.filter((c) => c.endsWith('.find'))).toHaveLength(2);
  });
});
