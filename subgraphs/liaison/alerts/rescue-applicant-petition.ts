import { defineRule, OPEN_PETITION_STATUSES, PAGE_INFO, type Finding } from './rule';

interface Application {
  id: string;
  number: string | null;
  agency: { code: string };
}

interface Node {
  id: string;
  number: string;
  petitioner: { id: string; rescueApplications: { nodes: Application[] } } | null;
}

/**
 * 救助申请人仍在信访: a rescue applicant (any status) who has open petitions, so that the procuratorate handling the
 * application and the petition's handlers act together (司法救助与信访化解衔接). Read from the open petitions, each
 * petitioner's applications through federation (Person.rescueApplications of the assistance subgraph). One alert per
 * application, owned by its procuratorate; INFO.
 */
export default defineRule<Node>({
  rule: 'RESCUE_APPLICANT_OPEN_PETITION',
  title: '救助申请人仍在信访',
  describe: () => '司法救助申请人仍有未办结信访(未终结且非不予受理), 由办理救助的检察院会同信访承办单位处理。',
  query: `query($status: PetitionStatus, $first: Int = 50, $after: String) {
    petitions(filter: { status: $status }, first: $first, after: $after) {
      nodes { id number petitioner { id rescueApplications(first: 10) { nodes { id number agency { code } } } } } ${PAGE_INFO}
    }
  }`,
  // 50 petitions with up to 10 applications each stay under the gateway's cost limit (the estimate reads $first's default).
  pageSize: 50,
  variables: () => OPEN_PETITION_STATUSES.map((status) => ({ status })),
  findings: (nodes) => {
    const byApplication = new Map<string, { application: Application; petitions: Node[] }>();
    for (const n of nodes) {
      for (const application of n.petitioner?.rescueApplications.nodes ?? []) {
        const entry = byApplication.get(application.id) ?? { application, petitions: [] };
        entry.petitions.push(n);
        byApplication.set(application.id, entry);
      }
    }
    return [...byApplication.values()].map(({ application, petitions }): Finding => {
      petitions.sort((a, b) => a.number.localeCompare(b.number));
      return {
        subject: application.id,
        agencyCode: application.agency.code,
        severity: 'INFO',
        message: `司法救助申请${application.number ?? '(已告知, 未申请)'}的申请人有${petitions.length}件信访未办结: ${petitions.map((p) => p.number).join('、')}`,
        records: [{ typename: 'RescueApplication', id: application.id }, ...petitions.map((p) => ({ typename: 'Petition' as const, id: p.id }))],
      };
    });
  },
});
