import type { AnyAlertRule } from './rule';
import suggestionOverdue from './suggestion-overdue';
import transferOverdue from './transfer-overdue';
import transferNotSent from './transfer-not-sent';
import penaltyInsteadOfProsecution from './penalty-instead-of-prosecution';
import repeatPetitioner from './repeat-petitioner';
import pendingCase from './pending-case';
import rescueApplicantPetition from './rescue-applicant-petition';
import workTaskOverdue from './work-task-overdue';

/** Every early-warning rule of the joint office (docs/domain.md#early-warning-rules), one file each. */
export const RULES: readonly AnyAlertRule[] = [
  suggestionOverdue, transferOverdue, transferNotSent, penaltyInsteadOfProsecution, repeatPetitioner, pendingCase, rescueApplicantPetition,
  workTaskOverdue,
];
