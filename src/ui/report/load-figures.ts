import type { ReportFigures } from '../../core/report/build-report.ts';
import type { ReportOptions } from '../../core/report/report-model.ts';
import * as Q from '../../core/report/report-queries.ts';
import type { Engine, Row } from '../../db/engine.ts';

const rows = <T>(engine: Engine, sql: string) => engine.query<T & Row>(sql) as Promise<T[]>;

/** Runs the report's queries through the engine (browser worker or Node) and gathers its figures. */
export async function loadFigures(engine: Engine, options: ReportOptions): Promise<ReportFigures> {
  const [scope, procedureYears, subjects, schoolChanges, journalTotals, journalSchools, objectivityYears, flaggedSigns, groups, goals, goalProgress, monitoringStages, outcomes, roadmap, overdueEvents] =
    await Promise.all([
      rows<Q.ScopeRow>(engine, Q.scopeSql(options)),
      rows<Q.ProcedureYearRow>(engine, Q.procedureYearsSql(options)),
      rows<Q.SubjectRow>(engine, Q.subjectsSql(options)),
      rows<Q.SchoolChangeRow>(engine, Q.schoolChangesSql(options)),
      rows<Q.JournalTotalRow>(engine, Q.journalTotalsSql(options)),
      rows<Q.JournalSchoolRow>(engine, Q.journalSchoolsSql(options)),
      rows<Q.ObjectivityYearRow>(engine, Q.objectivityYearsSql(options)),
      rows<Q.FlaggedSignRow>(engine, Q.flaggedSignsSql(options)),
      rows<Q.GroupRow>(engine, Q.groupsSql(options)),
      rows<Q.GoalRow>(engine, Q.goalsSql()),
      rows<Q.GoalProgressRow>(engine, Q.goalProgressSql(options)),
      rows<Q.MonitoringStageRow>(engine, Q.monitoringStagesSql(options)),
      rows<Q.OutcomeRow>(engine, Q.outcomesSql(options)),
      rows<Q.RoadmapTotalsRow>(engine, Q.roadmapTotalsSql()),
      rows<Q.OverdueEventRow>(engine, Q.overdueEventsSql()),
    ]);
  return {
    options,
    scope: scope[0] ?? { schools: 0, shnor: 0, municipalities: 0, municipality_name: null, with_results: 0 },
    procedureYears,
    subjects,
    schoolChanges,
    journalTotals,
    journalSchools,
    objectivityYears,
    flaggedSigns,
    groups,
    goals,
    goalProgress,
    monitoringStages,
    outcomes,
    roadmap: roadmap[0] ?? null,
    overdueEvents,
  };
}
