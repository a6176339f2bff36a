import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Agency } from './Agency';
import { Alert } from './Alert';
import { Dashboard, LiaisonStats } from './Dashboard';
import { AuditEvent, Me } from './Me';
import { Mutation } from './Mutation';
import { Enterprise, Person } from './parties';
import { Query } from './Query';
import { DataRequest, SharingGrant } from './sharing';
import { WorkTask } from './WorkTask';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Agency,
  Person,
  Enterprise,
  DataRequest,
  SharingGrant,
  WorkTask,
  Alert,
  AuditEvent,
  Dashboard,
  LiaisonStats,
  Me,
};
