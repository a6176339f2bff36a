// Workflows: a record type's machine, step conditions, derived fields and audit name are written once
// as a definition (define.ts); the definition gives its resolvers move, act, create and next steps.
export * from './machine';
export * from './transition';
export * from './define';
export * from './fields';
export * from './recompute';
export * from './refresh';
