import {
  canonicalGradingScales,
  canonicalSchoolCategories,
  canonicalSchoolResults,
  canonicalSchools,
  canonicalStudentResults,
  fisOkoSchoolDirectory,
} from './canonical.ts';
import { fisOko2021 } from './fisoko-2021.ts';
import type { Layout } from './types.ts';

/** Every layout the importer tries, in no particular order: the header decides. */
export const LAYOUTS: readonly Layout[] = [
  canonicalStudentResults,
  canonicalSchoolResults,
  canonicalSchools,
  canonicalSchoolCategories,
  canonicalGradingScales,
  fisOko2021,
  fisOkoSchoolDirectory,
];
