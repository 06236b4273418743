import { sqlString } from '../text.ts';
import { peerComparisonSql } from './analytics/peer-comparison.ts';

/** One row of `peer_comparison` as the school page shows it. */
export interface PeerRow {
  year: number;
  procedure: string;
  subject: string;
  grade: number;
  marked: number;
  quality_pct: number;
  quality_low: number | null;
  quality_high: number | null;
  size_band: string;
  peer_group: string;
  peer_schools: number;
  peer_marked: number;
  peer_quality_pct: number | null;
  peer_low: number | null;
  peer_high: number | null;
  diff_pp: number | null;
  position: 'выше' | 'ниже' | 'в пределах' | null;
}

/**
 * A school's slices of one year against schools in similar conditions, ВПР first: the rows of
 * `peer_comparison`, computed only for the slices of that school and year (fast at region scale).
 */
export function schoolPeersSql(schoolId: string, year: number): string {
  return `SELECT year, procedure, subject, grade, marked, quality_pct, quality_low, quality_high, size_band, peer_group, peer_schools, peer_marked,
  peer_quality_pct, peer_low, peer_high, diff_pp, position
FROM (${peerComparisonSql({ schoolId, year })})
WHERE school_id = ${sqlString(schoolId)} AND year = ${year}
ORDER BY CASE procedure WHEN 'ВПР' THEN 1 WHEN 'ОГЭ' THEN 2 ELSE 3 END, grade, subject`;
}
