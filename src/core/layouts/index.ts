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
  fisOkoSchoolDirectory,
  objectivityList,
  riskProfiles,
  riskIndicators,
  roadmapEvents,
];
