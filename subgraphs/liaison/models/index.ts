import type { Identity } from '../../../lib/identity';
import type { Connection } from '../../../lib/pagination';
import type { Period } from '../../../lib/period';
import type { AgencyDoc } from './agency.model';
import type { AlertDoc } from './alert.model';
import type { AuditEventDoc } from './auditEvent.model';
import type { DataRequestDoc } from './dataRequest.model';
import type { WorkTaskDoc } from './workTask.model';

export * from './agency.model';
export * from './person.model';
export * from './enterprise.model';
export * from './dataRequest.model';
export * from './sharingGrant.model';
export * from './workTask.model';
export * from './alert.model';
export * from './auditEvent.model';

/** Parent types of the resolvers (codegen mappers, see mappers.json). */
export type AgencyConnectionDoc = Connection<AgencyDoc>;
export type DataRequestConnectionDoc = Connection<DataRequestDoc>;
export type WorkTaskConnectionDoc = Connection<WorkTaskDoc>;
export type AlertConnectionDoc = Connection<AlertDoc>;
export type AuditEventConnectionDoc = Connection<AuditEventDoc>;
export type MeDoc = Identity;
export type { Period };
