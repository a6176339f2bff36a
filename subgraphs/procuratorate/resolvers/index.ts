import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Dashboard, ProcuratorateStats } from './Dashboard';
import { Mutation } from './Mutation';
import { CriminalTransfer, Enterprise, Person } from './parties';
import { ProcuratorateCase } from './ProcuratorateCase';
import { Query } from './Query';
import { SharingGrant } from './SharingGrant';
import { ReverseReferral } from './ReverseReferral';
import { Suggestion } from './Suggestion';
import { myWork } from './myWork';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  ProcuratorateCase,
  Suggestion,
  ReverseReferral,
  CriminalTransfer,
  Person,
  Enterprise,
  Dashboard,
  ProcuratorateStats,
  SharingGrant,
  ...myWork,
};
