import { AGENCIES } from '../lib/agencies';
import { parsePeriod } from '../lib/period';
import { syncAgencies } from '../subgraphs/liaison/agencies';
import {
  CampaignModel, ConsultationModel, DataRequestModel, EnterpriseModel, JointMeetingModel, PersonModel, PublishedCaseModel,
  ReportModel, SharingGrantModel, SpecialAssistantModel, TrainingSessionModel, VolunteerModel, WorkTaskModel, type ReportDoc,
} from '../subgraphs/liaison/models';
import { personFromInput } from '../subgraphs/liaison/people';
import { JOINT_OFFICE_CODE } from '../subgraphs/liaison/policies';
import { liaisonIndicators } from '../subgraphs/liaison/resolvers/Dashboard';
import { seedJointOffice, seedMeetings, seedTasks, seedTraining } from './liaison-office';
import { seedRequests } from './liaison-requests';
import { addDays, seedId } from './random';
import type { SeedWorld } from './world';

/** Agencies, people (validated and encrypted exactly as registerPerson does) and enterprises. */
export async function seedLiaison(world: SeedWorld): Promise<void> {
  await syncAgencies();
  const people = world.people.map((p) => ({ ...personFromInput({ name: p.name, idNumber: p.idNumber, phone: p.phone, address: p.address }), sealed: p.sealed }));
  await PersonModel.insertMany(people);
  await EnterpriseModel.insertMany(world.enterprises.map((e) => ({ _id: e.creditCode, name: e.name, legalRepresentativeId: e.legalRepresentativeId, address: e.address, industry: e.industry })));
  world.counts.agencies = AGENCIES.length;
  world.counts.persons = people.length;
  world.counts.enterprises = world.enterprises.length;
}

/**
 * The joint office's records: meetings whose decisions became tasks, data requests in every status
 * with grants, half-yearly reports (indicators frozen from the data above), consultations,
 * published cases, a campaign, special assistants, volunteers and joint training sessions. Histories obey the machines.
 *
 * No alerts: an alert is what a rule concludes from the records (subgraphs/liaison/alerts/), and the rules read the
 * graph through the gateway, which the seed does not run. The liaison process runs them as soon as the gateway
 * answers (then every ALERT_RULES.intervalMinutes), or the joint office with `runAlertRules`; the seeded records
 * hold what they find (overdue suggestions and transfers, fines above thresholds, repeat petitioners, …).
 */
export async function seedLiaisonWorkflows(world: SeedWorld): Promise<void> {
  const { today } = world;
  const meetings = seedMeetings(world);
  const { requests, grants } = seedRequests(world, meetings);
  const tasks = seedTasks(world, meetings);
  const office = seedJointOffice(world);
  const training = seedTraining(world);

  await JointMeetingModel.insertMany(meetings);
  await DataRequestModel.insertMany(requests);
  await SharingGrantModel.insertMany(grants);
  await WorkTaskModel.insertMany(tasks);
  await TrainingSessionModel.insertMany(training); // before the reports, which count the sessions of their half-year

  // 半年通报 of each half-year that ended since the data set began, built from the records above.
  const reports: ReportDoc[] = [];
  for (let year = world.start.getUTCFullYear(); year <= today.getUTCFullYear(); year++) {
    for (const half of ['H1', 'H2'] as const) {
      const period = parsePeriod(`${year}-${half}`);
      const publishedAt = addDays(period.to, 10);
      if (period.from < world.start || publishedAt > today) continue;
      reports.push({
        _id: seedId(publishedAt, 965_000 + year * 10 + (half === 'H1' ? 1 : 2)), period: period.period, year, title: `${year}年${half === 'H1' ? '上' : '下'}半年府检联动工作情况通报`,
        summary: '通报府检联动工作开展情况、重点任务完成情况及存在的问题，请各责任单位积极整改、及时反馈。',
        publishedAt, publishedByCode: JOINT_OFFICE_CODE, indicators: JSON.stringify(await liaisonIndicators(period, publishedAt)),
      });
    }
  }
  await ReportModel.insertMany(reports);
  await ConsultationModel.insertMany(office.consultations);
  await PublishedCaseModel.insertMany(office.publishedCases);
  await CampaignModel.insertMany(office.campaigns);
  await SpecialAssistantModel.insertMany(office.assistants);
  await VolunteerModel.insertMany(office.volunteers);
  Object.assign(world.counts, {
    dataRequests: requests.length, sharingGrants: grants.length, workTasks: tasks.length, jointMeetings: meetings.length,
    reports: reports.length, consultations: office.consultations.length, publishedCases: office.publishedCases.length,
    campaigns: office.campaigns.length, specialAssistants: office.assistants.length, volunteers: office.volunteers.length,
    trainingSessions: training.length,
  });
}
