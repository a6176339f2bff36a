import { defineRule, OPEN_PETITION_STATUSES, PAGE_INFO, PETITION_BUREAU, type Finding } from './rule';

interface Node {
  id: string;
  number: string;
  receivedAt: string;
  handlingAgency: { code: string };
  petitioner: { id: string } | null;
}

/**
 * 重复信访: one petitioner with at least `repeatPetitionerMinOpen` open petitions (neither FINAL nor NOT_ACCEPTED),
 * whatever their subjects. One alert per petitioner (the subject is the person's pseudonym, never shown); owned by
 * the handling agency when one handles them all, else by 信访局. Anonymous letters are not counted.
 */
export default defineRule<Node>({
  rule: 'REPEAT_PETITIONER_OPEN_CASE',
  title: '重复信访',
  describe: (s) => `同一信访人有${s.repeatPetitionerMinOpen}件及以上未办结信访(未终结且非不予受理), 由承办单位处理, 多个单位承办的由信访局统筹。`,
  query: `query($status: PetitionStatus, $first: Int, $after: String) {
    petitions(filter: { status: $status }, first: $first, after: $after) {
      nodes { id number receivedAt handlingAgency { code } petitioner { id } } ${PAGE_INFO}
    }
  }`,
  variables: () => OPEN_PETITION_STATUSES.map((status) => ({ status })),
  findings: (nodes, s) => {
    const byPetitioner = new Map<string, Node[]>();
    for (const n of nodes) {
      if (!n.petitioner) continue;
      byPetitioner.set(n.petitioner.id, [...(byPetitioner.get(n.petitioner.id) ?? []), n]);
    }
    const findings: Finding[] = [];
    for (const [petitioner, open] of byPetitioner) {
      if (open.length < s.repeatPetitionerMinOpen) continue;
      open.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
      const handlers = new Set(open.map((p) => p.handlingAgency.code));
      findings.push({
        subject: petitioner,
        agencyCode: handlers.size === 1 ? [...handlers][0] : PETITION_BUREAU,
        severity: 'WARNING',
        message: `同一信访人有${open.length}件信访未办结: ${open.map((p) => p.number).join('、')}`,
        records: open.map((p) => ({ typename: 'Petition' as const, id: p.id })),
      });
    }
    return findings;
  },
});
