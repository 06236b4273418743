import { useState, type CSSProperties, type ReactNode } from 'react';
import { formatNumber, formatPct, formatPp } from '../../core/format.ts';
import {
  checkGoal,
  checkSchoolTarget,
  formatTarget,
  INTERPRETATION_NAMES,
  METRIC_NAMES,
  SCOPE_NAMES,
  SHNOR_SCHOOL_TARGET_RANGE,
  shnorRangeWarning,
  type GoalForm,
} from '../../core/goals/goal-checks.ts';
import { plural } from '../../core/import-problem.ts';
import {
  clearSchoolTargetSql,
  deleteGoalSql,
  goalListSql,
  goalSchoolsSql,
  insertGoalSql,
  schoolChoicesSql,
  setSchoolTargetSql,
  updateGoalSql,
  type GoalListRow,
  type GoalSchoolRow,
} from '../../core/sql/goal-queries.ts';
import { inTransaction } from '../../db/transaction.ts';
import { useAppData } from '../../state/app-data.tsx';
import { routeHref } from '../../state/route.ts';
import { useQuery } from '../../state/use-query.ts';
import { QueryStatus } from '../components/QueryStatus.tsx';

type R<T> = T & Record<string, unknown>;

const EMPTY_FORM: GoalForm = { title: '', scope: 'shnor', school_id: '', metric: 'vpr_quality', interpretation: 'pp', baseline_year: '', target_year: '', target: '' };

const FIELD_LABELS: Record<keyof GoalForm, string> = {
  title: 'Название',
  scope: 'Для каких школ',
  school_id: 'Школа',
  metric: 'Показатель',
  interpretation: 'Цель измеряется в',
  baseline_year: 'Базовый год',
  target_year: 'Год достижения',
  target: 'Целевое изменение',
};

function formOf(g: GoalListRow): GoalForm {
  return {
    title: g.title,
    scope: g.scope,
    school_id: g.school_id ?? '',
    metric: g.metric,
    interpretation: g.interpretation,
    baseline_year: g.baseline_year === null ? '' : String(g.baseline_year),
    target_year: String(g.target_year),
    target: String(g.target).replace('.', ','),
  };
}

// Styles of this page's small form parts; the shared stylesheet has none for them.
const FIELD: CSSProperties = { display: 'flex', flexDirection: 'column', gap: 2 };
const ERROR: CSSProperties = { color: 'var(--bad)', fontSize: '0.9rem' };
const WARNING: CSSProperties = { color: '#7a4b00', fontSize: '0.9rem' };
// 28 px high: touch targets of at least 24 px (WCAG 2.2 target size), with room around them.
const INPUT: CSSProperties = { font: 'inherit', minHeight: 28, padding: '2px 6px', boxSizing: 'border-box' };
const FIELDS: CSSProperties = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: '8px 16px', marginBottom: 8 };

const schoolsText = (n: number) => `${formatNumber(n)} ${plural(n, 'школы', 'школ', 'школ')}`;

/** «n из N школ (p %)» for a goal's summary row, or why there is none. */
function metText(schools: number | null, met: number | null, pct: number | null): string {
  if (!schools) return 'нет школ с данными за базовый и последующий год';
  return `${formatNumber(met)} из ${schoolsText(schools)} (${formatPct(pct, 0)})`;
}

/**
 * «Цели»: the coordinator lists, adds, edits and deletes goals (scope, metric, baseline and target
 * years, target in p.p. or %), sets per-school targets for the schools of a goal, and sees how
 * many schools meet each goal. Writes go through the engine, then `changed()` saves them.
 */
export function GoalsPage() {
  const { engine, readOnly, changed } = useAppData();
  const goals = useQuery<R<GoalListRow>>(goalListSql());
  const choices = useQuery<R<{ school_id: string; name: string | null }>>(schoolChoicesSql());
  const [editing, setEditing] = useState<{ goalId: number | null; form: GoalForm } | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof GoalForm, string>>>({});
  const [warnings, setWarnings] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const list = goals.data ?? [];
  const shown = list.find((g) => g.goal_id === selected) ?? list[0];

  async function write(statements: string[], done: string): Promise<boolean> {
    try {
      await inTransaction(engine, async () => {
        for (const s of statements) await engine.exec(s);
      });
      await changed();
      setMessage(done);
      return true;
    } catch (e) {
      setMessage(`Не получилось сохранить: ${e instanceof Error ? e.message : String(e)}. Данные не изменены.`);
      return false;
    }
  }

  function edit(goalId: number | null, form: GoalForm) {
    setEditing({ goalId, form });
    setErrors({});
    setWarnings([]);
    setMessage(null);
  }

  async function save() {
    if (!editing) return;
    const checked = checkGoal(editing.form, new Set((choices.data ?? []).map((c) => c.school_id)));
    setWarnings(checked.warnings);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const ok =
      editing.goalId === null
        ? await write([insertGoalSql(checked.value)], `Цель «${checked.value.title}» добавлена.`)
        : await write([updateGoalSql(editing.goalId, checked.value)], `Цель «${checked.value.title}» сохранена.`);
    if (ok) setEditing(null);
  }

  return (
    <section aria-labelledby="goals-page-title">
      <h1 id="goals-page-title">Цели</h1>
      <p className="muted">
        Цель — изменение качества знаний школ от базового года к году достижения: в процентных пунктах (п.п.) или в процентах от базового значения. Пустой
        базовый год — год вхождения школы в проект «500+». Статус: «достигнута» (изменение не меньше цели), «в пути» (растёт, и линия тренда к сроку даёт
        цель), «отстаёт», «ухудшение» (снижение).
      </p>
      {readOnly && (
        <p className="banner" role="status">
          Вкладка открыта только для просмотра: менять цели можно во вкладке, которая владеет рабочей областью.
        </p>
      )}
      {message && (
        <p className="notice" role="status" data-testid="goals-message">
          {message}
        </p>
      )}
      <QueryStatus state={goals} what="список целей" />
      {goals.data && list.length === 0 && <p className="empty">Целей нет. Добавьте первую.</p>}
      {list.length > 0 && (
        <table className="data" data-testid="goals-table">
          <thead>
            <tr>
              <th scope="col">Цель</th>
              <th scope="col">Школы</th>
              <th scope="col">Срок</th>
              <th scope="col">Целевое изменение</th>
              <th scope="col">Достигли: все школы</th>
              <th scope="col">Достигли: ШНОР</th>
              <th scope="col">
                <span className="visually-hidden">Действия</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((g) => (
              <tr key={g.goal_id} data-testid={`goal-${g.goal_id}`}>
                <th scope="row">
                  {g.title}
                  <div className="muted">{METRIC_NAMES[g.metric]}</div>
                </th>
                <td>{g.scope === 'school' ? `школа ${g.school_name ?? g.school_id}` : SCOPE_NAMES[g.scope]}</td>
                <td>
                  {g.baseline_year ?? 'год когорты «500+»'} → {g.target_year}
                </td>
                <td data-testid="goal-target">
                  {formatTarget(g.target, g.interpretation)}
                  {g.school_targets > 0 && <div className="muted">у {schoolsText(g.school_targets)} — своя цель</div>}
                </td>
                <td data-testid="goal-met-all">{metText(g.all_schools, g.all_met, g.all_met_pct)}</td>
                <td data-testid="goal-met-shnor">{metText(g.shnor_schools, g.shnor_met, g.shnor_met_pct)}</td>
                <td>
                  <div className="actions">
                    <button type="button" onClick={() => setSelected(g.goal_id)} aria-pressed={shown?.goal_id === g.goal_id}>
                      Школы
                    </button>
                    <button type="button" disabled={readOnly} onClick={() => edit(g.goal_id, formOf(g))}>
                      Изменить
                    </button>
                    {confirmDelete === g.goal_id ? (
                      <>
                        <button
                          type="button"
                          className="danger"
                          onClick={() => {
                            setConfirmDelete(null);
                            if (selected === g.goal_id) setSelected(null);
                            void write(deleteGoalSql(g.goal_id), `Цель «${g.title}» удалена вместе с целями школ.`);
                          }}
                        >
                          Да, удалить
                        </button>
                        <button type="button" onClick={() => setConfirmDelete(null)}>
                          Отмена
                        </button>
                      </>
                    ) : (
                      <button type="button" className="danger" disabled={readOnly} onClick={() => setConfirmDelete(g.goal_id)}>
                        Удалить
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!editing && (
        <p>
          <button type="button" disabled={readOnly} onClick={() => edit(null, EMPTY_FORM)} data-testid="goal-add">
            Добавить цель
          </button>
        </p>
      )}
      {editing && (
        <GoalEditor
          form={editing.form}
          isNew={editing.goalId === null}
          errors={errors}
          warnings={warnings}
          schools={choices.data ?? []}
          onChange={(form) => setEditing({ ...editing, form })}
          onSave={() => void save()}
          onCancel={() => setEditing(null)}
        />
      )}
      {shown && <GoalSchools key={shown.goal_id} goal={shown} readOnly={readOnly} write={write} />}
    </section>
  );
}

function GoalEditor(props: {
  form: GoalForm;
  isNew: boolean;
  errors: Partial<Record<keyof GoalForm, string>>;
  warnings: string[];
  schools: Array<{ school_id: string; name: string | null }>;
  onChange(form: GoalForm): void;
  onSave(): void;
  onCancel(): void;
}) {
  const { form, errors } = props;
  const set = (field: keyof GoalForm) => (e: { target: { value: string } }) => props.onChange({ ...form, [field]: e.target.value });
  const field = (name: keyof GoalForm, control: (describedBy: string | undefined) => ReactNode) => (
    <div style={name === 'title' ? { ...FIELD, gridColumn: '1 / -1' } : FIELD}>
      <label htmlFor={`goal-field-${name}`}>{FIELD_LABELS[name]}</label>
      {control(errors[name] ? `goal-error-${name}` : undefined)}
      {errors[name] && (
        <span style={ERROR} id={`goal-error-${name}`} role="alert" data-testid={`goal-error-${name}`}>
          {errors[name]}
        </span>
      )}
    </div>
  );
  return (
    <form
      className="panel"
      aria-labelledby="goal-editor-title"
      data-testid="goal-editor"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave();
      }}
    >
      <h2 id="goal-editor-title">{props.isNew ? 'Новая цель' : 'Изменить цель'}</h2>
      <div style={FIELDS}>
      {field('title', (d) => <input type="text" value={form.title} onChange={set('title')} aria-describedby={d} aria-invalid={!!d} size={60} style={INPUT} name="title" id="goal-field-title" />)}
      {field('scope', (d) => (
        <select value={form.scope} onChange={set('scope')} aria-describedby={d} style={INPUT} name="scope" id="goal-field-scope">
          <option value="shnor">ШНОР</option>
          <option value="all">все школы</option>
          <option value="school">одна школа</option>
        </select>
      ))}
      {form.scope === 'school' &&
        field('school_id', (d) => (
          <select value={form.school_id} onChange={set('school_id')} aria-describedby={d} aria-invalid={!!d} style={INPUT} name="school_id" id="goal-field-school_id">
            <option value="">— выберите школу —</option>
            {props.schools.map((s) => (
              <option key={s.school_id} value={s.school_id}>
                {s.name ?? s.school_id} ({s.school_id})
              </option>
            ))}
          </select>
        ))}
      {field('metric', (d) => (
        <select value={form.metric} onChange={set('metric')} aria-describedby={d} style={INPUT} name="metric" id="goal-field-metric">
          {Object.entries(METRIC_NAMES).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      ))}
      {field('interpretation', (d) => (
        <select value={form.interpretation} onChange={set('interpretation')} aria-describedby={d} style={INPUT} name="interpretation" id="goal-field-interpretation">
          {Object.entries(INTERPRETATION_NAMES).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      ))}
      {field('baseline_year', (d) => (
        <input type="text" inputMode="numeric" value={form.baseline_year} onChange={set('baseline_year')} aria-describedby={d} aria-invalid={!!d} placeholder="год когорты «500+»" size={18} style={INPUT} name="baseline_year" id="goal-field-baseline_year" />
      ))}
      {field('target_year', (d) => (
        <input type="text" inputMode="numeric" value={form.target_year} onChange={set('target_year')} aria-describedby={d} aria-invalid={!!d} size={6} style={INPUT} name="target_year" id="goal-field-target_year" />
      ))}
      {field('target', (d) => (
        <input type="text" inputMode="decimal" value={form.target} onChange={set('target')} aria-describedby={d} aria-invalid={!!d} size={6} style={INPUT} name="target" id="goal-field-target" />
      ))}
      </div>
      {props.warnings.map((w) => (
        <p key={w} className="banner" role="status" data-testid="goal-warning">
          {w}
        </p>
      ))}
      <div className="actions">
        <button type="submit">{props.isNew ? 'Добавить' : 'Сохранить'}</button>
        <button type="button" onClick={props.onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}

/** The schools of a goal with their progress; each may get its own target (in the goal's units). */
function GoalSchools({ goal, readOnly, write }: { goal: GoalListRow; readOnly: boolean; write(statements: string[], done: string): Promise<boolean> }) {
  const schools = useQuery<R<GoalSchoolRow>>(goalSchoolsSql(goal.goal_id));
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, { error?: string; warning?: string }>>({});
  const unit = goal.interpretation === 'pp' ? 'п.п.' : '%';
  const [lo, hi] = SHNOR_SCHOOL_TARGET_RANGE;

  async function saveTarget(s: GoalSchoolRow) {
    const text = drafts[s.school_id] ?? '';
    const checked = checkSchoolTarget(goal, text);
    if (!checked.ok) {
      setNotes((n) => ({ ...n, [s.school_id]: { error: checked.errors.target } }));
      return;
    }
    if (await write([setSchoolTargetSql(goal.goal_id, s.school_id, checked.value)], `Цель школы «${s.name ?? s.school_id}»: ${formatTarget(checked.value, goal.interpretation)}.`)) {
      setNotes((n) => ({ ...n, [s.school_id]: { warning: checked.warnings[0] } }));
      setDrafts((d) => ({ ...d, [s.school_id]: '' }));
    }
  }

  async function clearTarget(s: GoalSchoolRow) {
    if (await write([clearSchoolTargetSql(goal.goal_id, s.school_id)], `Для школы «${s.name ?? s.school_id}» снова действует цель ${formatTarget(goal.target, goal.interpretation)}.`)) {
      setNotes((n) => ({ ...n, [s.school_id]: {} }));
    }
  }

  return (
    <section aria-labelledby="goal-schools-title" data-testid="goal-schools">
      <h2 id="goal-schools-title">Школы цели «{goal.title}»</h2>
      <p className="muted">
        Общая цель — {formatTarget(goal.target, goal.interpretation)}; школе можно задать свою (в {unit}).
        {goal.scope === 'shnor' ? ` Документы проекта задают школам ШНОР цели от ${lo} до ${hi} ${unit} (в среднем +8): значения вне этого диапазона сохраняются с предупреждением.` : ''}
      </p>
      <QueryStatus state={schools} what="школы цели" />
      {schools.data && schools.data.length === 0 && <p className="empty">В загруженных данных нет школ этой цели с результатами.</p>}
      {schools.data && schools.data.length > 0 && (
        <table className="data compact" data-testid="goal-schools-table">
          <thead>
            <tr>
              <th scope="col">Школа</th>
              <th scope="col">База → последний год</th>
              <th scope="col">Изменение</th>
              <th scope="col">Цель школы</th>
              <th scope="col">Статус</th>
              {goal.scope !== 'school' && <th scope="col">Своя цель</th>}
            </tr>
          </thead>
          <tbody>
            {schools.data.map((s) => (
              <tr key={s.school_id} data-testid={`goal-school-${s.school_id}`}>
                <th scope="row">
                  <a href={routeHref({ page: 'school', schoolId: s.school_id })}>{s.name ?? s.school_id}</a>
                  {s.is_shnor && <span className="muted"> · ШНОР</span>}
                </th>
                <td>
                  {s.baseline_year ?? '—'}: {formatPct(s.baseline)} (n={formatNumber(s.baseline_n)}) → {s.latest_year ?? '—'}: {formatPct(s.latest)} (n={formatNumber(s.latest_n)})
                </td>
                <td>
                  {goal.interpretation === 'pp' ? formatPp(s.change_pp) : s.change_rel_pct === null ? '—' : `${s.change_rel_pct >= 0 ? '+' : '−'}${formatNumber(Math.abs(s.change_rel_pct), 1)} %`}
                  {s.significant !== null && <div className="muted">{s.significant ? 'больше случайных колебаний' : 'в пределах случайных колебаний'}</div>}
                </td>
                <td data-testid="school-target">
                  {formatTarget(s.target, goal.interpretation)} <span className="muted">{s.target_source === 'школа' ? '(своя)' : '(общая)'}</span>
                  {shnorRangeWarning(goal, s.target) && (
                    <div style={WARNING} title={shnorRangeWarning(goal, s.target)}>
                      ⚠ вне {lo}–{hi} {unit}
                    </div>
                  )}
                </td>
                <td data-testid="school-status">
                  <strong>{s.status ?? 'не оценить'}</strong>
                </td>
                {goal.scope !== 'school' && (
                  <td>
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        void saveTarget(s);
                      }}
                    >
                      <input
                        type="text"
                        inputMode="decimal"
                        size={5}
                        style={INPUT}
                        value={drafts[s.school_id] ?? ''}
                        placeholder={String(s.target).replace('.', ',')}
                        disabled={readOnly}
                        aria-label={`Своя цель школы ${s.name ?? s.school_id}, ${unit}`}
                        aria-invalid={!!notes[s.school_id]?.error}
                        onChange={(e) => setDrafts((d) => ({ ...d, [s.school_id]: e.target.value }))}
                        data-testid="school-target-input"
                      />{' '}
                      <button type="submit" disabled={readOnly}>
                        Задать
                      </button>
                      {s.target_source === 'школа' && (
                        <>
                          {' '}
                          <button type="button" disabled={readOnly} onClick={() => void clearTarget(s)}>
                            Как у цели
                          </button>
                        </>
                      )}
                    </form>
                    {notes[s.school_id]?.error && (
                      <div style={ERROR} role="alert">
                        {notes[s.school_id]!.error}
                      </div>
                    )}
                    {notes[s.school_id]?.warning && (
                      <div style={WARNING} role="status" data-testid="school-target-warning">
                        {notes[s.school_id]!.warning}
                      </div>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
