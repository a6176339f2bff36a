// Who may do what, in one place: role rules (roles.ts) and who may read which record (records.ts).
// Each subgraph's policies.ts declares its records' rules as data for these two.
export * from './roles';
export * from './records';
