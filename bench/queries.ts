/** The README's first curl example: 3 enforcement cases with person, transfer and procuratorate case (3 subgraphs). */
export const README_QUERY = `{ enforcementCases(first: 3) { totalCount nodes { caseNumber person { name idNumberMasked } transfer { status procuratorateCase { caseNumber } } } } }`;
