import {
  canonicalGradingScales,
  canonicalSchoolCategories,
  canonicalSchoolResults,
  canonicalSchools,
  canonicalStudentResults,
  fisOkoSchoolDirectory,
} from './canonical.ts';
import { fisOko2020 } from './fisoko-2020.ts';
import { fisOko2021 } from './fisoko-2021.ts';
import { fisOkoProtocol2022 } from './fisoko-protocol-2022.ts';
import { fisOkoIndividualResults } from './fisoko-individual-results.ts';
import { fisOkoContext } from './fisoko-context.ts';
import { fisOkoJournalReport } from './fisoko-journal-report.ts';
import { fisOkoMarksReport } from './fisoko-marks-report.ts';
import { fisOkoScoreDistribution } from './fisoko-score-distribution.ts';
import { rcoiGiaSchools } from './rcoi-gia-schools.ts';
import { rcoiStudentProtocol } from './rcoi-student-protocol.ts';
import { objectivityList } from './objectivity-list.ts';
import { riskIndicators, riskProfiles, roadmapEvents } from './monitoring.ts';
import type { Layout } from './types.ts';

/** Every layout the importer tries, in no particular order: the header decides. */
export const LAYOUTS: readonly Layout[] = [
  canonicalStudentResults,
  canonicalSchoolResults,
  canonicalSchools,
  canonicalSchoolCategories,
  canonicalGradingScales,
  fisOko2020,
  fisOko2021,
  fisOkoProtocol2022,
  fisOkoIndividualResults,
  fisOkoSchoolDirectory,
  objectivityList,
  riskProfiles,
  riskIndicators,
  roadmapEvents,
  fisOkoMarksReport,
  fisOkoJournalReport,
  fisOkoScoreDistribution,
  rcoiGiaSchools,
  rcoiStudentProtocol,
  fisOkoContext,
];
