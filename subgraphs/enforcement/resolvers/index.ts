import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { CriminalTransfer } from './CriminalTransfer';
import { Dashboard, EnforcementStats } from './Dashboard';
import { EnforcementCase } from './EnforcementCase';
import { Mutation } from './Mutation';
import { Enterprise, Person } from './parties';
import { Query } from './Query';
import { SharingGrant } from './SharingGrant';
import { myWork } from './myWork';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  EnforcementCase,
  CriminalTransfer,
  Person,
  Enterprise,
  Dashboard,
  EnforcementStats,
  SharingGrant,
  ...myWork,
};
