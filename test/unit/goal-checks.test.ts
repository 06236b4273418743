import { describe, expect, it } from 'vitest';
import { checkGoal, checkSchoolTarget, formatTarget, parseNumber, shnorRangeWarning, type GoalForm } from '../../src/core/goals/goal-checks.ts';

const SCHOOLS = new Set(['990101', '990105']);
const FORM: GoalForm = { title: 'Качество ВПР +8 п.п.', scope: 'shnor', school_id: '', metric: 'vpr_quality', interpretation: 'pp', baseline_year: '', target_year: '2025', target: '8' };

describe('goal editor checks', () => {
  it('reads numbers as typed in Russian', () => {
    expect([parseNumber('8'), parseNumber('7,5'), parseNumber(' 7.5 '), parseNumber('+4'), parseNumber('−2'), parseNumber('1 000')]).toEqual([8, 7.5, 7.5, 4, -2, 1000]);
    expect([parseNumber(''), parseNumber('abc'), parseNumber('8 п.п.'), parseNumber('1e3'), parseNumber('7,5,1')]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('accepts a valid goal; an empty baseline year means the «500+» cohort year; a one-school goal keeps its school', () => {
    expect(checkGoal(FORM, SCHOOLS)).toEqual({
      ok: true,
      value: { title: 'Качество ВПР +8 п.п.', scope: 'shnor', school_id: null, metric: 'vpr_quality', interpretation: 'pp', baseline_year: null, target_year: 2025, target: 8 },
      warnings: [],
    });
    const one = checkGoal({ ...FORM, scope: 'school', school_id: '990105', baseline_year: '2021', target: '2,5', interpretation: 'relative' }, SCHOOLS);
    expect(one).toMatchObject({ ok: true, value: { scope: 'school', school_id: '990105', baseline_year: 2021, target: 2.5, interpretation: 'relative' }, warnings: [] });
    // the school field is ignored for a goal of many schools
    expect(checkGoal({ ...FORM, scope: 'all', school_id: '990105' }, SCHOOLS)).toMatchObject({ ok: true, value: { school_id: null } });
  });

  it('says in Russian what to fix, field by field', () => {
    const r = checkGoal({ title: ' ', scope: 'region', school_id: '', metric: 'x', interpretation: 'y', baseline_year: '21', target_year: '', target: '-3' }, SCHOOLS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      title: 'Укажите название цели, например «Качество знаний по ВПР +8 п.п. к 2025 году».',
      scope: 'Выберите, для каких школ цель: все школы, ШНОР или одна школа.',
      metric: 'Выберите показатель цели.',
      interpretation: 'Выберите, в чём измеряется цель: в п.п. или в % от базы.',
      baseline_year: 'Базовый год — год из четырёх цифр (2000–2100), а не «21».',
      target_year: 'Укажите год, к которому цель должна быть достигнута.',
      target: 'Целевое изменение — положительное число не больше 100, а не «-3».',
    });
    const late = checkGoal({ ...FORM, baseline_year: '2025', target_year: '2024' }, SCHOOLS);
    expect(late).toMatchObject({ ok: false, errors: { target_year: 'Год достижения цели (2024) должен быть позже базового года (2025).' } });
    expect(checkGoal({ ...FORM, scope: 'school' }, SCHOOLS)).toMatchObject({ ok: false, errors: { school_id: 'Выберите школу, для которой ставится цель.' } });
    expect(checkGoal({ ...FORM, scope: 'school', school_id: '123' }, SCHOOLS)).toMatchObject({ ok: false, errors: { school_id: 'Школы с кодом 123 нет в загруженных данных.' } });
    expect(checkGoal({ ...FORM, target: '' }, SCHOOLS)).toMatchObject({ ok: false, errors: { target: 'Укажите целевое изменение, например 8.' } });
    expect(checkGoal({ ...FORM, title: 'я'.repeat(201) }, SCHOOLS)).toMatchObject({ ok: false, errors: { title: 'Название длиннее 200 знаков — сократите его.' } });
  });

  it('warns (but allows) a ШНОР target outside 3–10; other scopes are not warned', () => {
    const high = checkGoal({ ...FORM, target: '12' }, SCHOOLS);
    expect(high.ok).toBe(true);
    expect(high.warnings).toEqual([
      'Цель +12 п.п. вне диапазона 3–10 п.п., который документы проекта «500+» задают школам ШНОР по качеству знаний (в среднем +8). Сохранить можно, но проверьте значение.',
    ]);
    expect(checkGoal({ ...FORM, target: '2,5', interpretation: 'relative' }, SCHOOLS).warnings).toEqual([
      'Цель +2,5 % вне диапазона 3–10 %, который документы проекта «500+» задают школам ШНОР по качеству знаний (в среднем +8). Сохранить можно, но проверьте значение.',
    ]);
    for (const t of ['3', '10', '8']) expect(checkGoal({ ...FORM, target: t }, SCHOOLS).warnings).toEqual([]);
    expect(checkGoal({ ...FORM, scope: 'all', target: '12' }, SCHOOLS).warnings).toEqual([]);
    expect(shnorRangeWarning({ scope: 'shnor', interpretation: 'pp' }, 10.01)).toContain('+10,01 п.п.');
    expect(shnorRangeWarning({ scope: 'shnor', interpretation: 'pp' }, 2.99)).toContain('+2,99 п.п.');
  });

  it('checks a school’s own target', () => {
    const shnor = { scope: 'shnor' as const, interpretation: 'pp' as const };
    expect(checkSchoolTarget(shnor, '5')).toEqual({ ok: true, value: 5, warnings: [] });
    expect(checkSchoolTarget(shnor, '12')).toEqual({
      ok: true,
      value: 12,
      warnings: ['Цель школы +12 п.п. вне диапазона 3–10 п.п., который документы проекта «500+» задают школам ШНОР по качеству знаний (в среднем +8). Сохранить можно, но проверьте значение.'],
    });
    expect(checkSchoolTarget(shnor, '')).toEqual({ ok: false, errors: { target: 'Введите цель школы, например 5.' }, warnings: [] });
    expect(checkSchoolTarget(shnor, '0')).toEqual({ ok: false, errors: { target: 'Цель школы — положительное число не больше 100, а не «0».' }, warnings: [] });
    expect(checkSchoolTarget({ scope: 'school', interpretation: 'pp' }, '5')).toMatchObject({ ok: false });
    expect(checkSchoolTarget({ scope: 'all', interpretation: 'relative' }, '15')).toEqual({ ok: true, value: 15, warnings: [] });
  });

  it('writes targets as the app shows them', () => {
    expect([formatTarget(8, 'pp'), formatTarget(4, 'relative'), formatTarget(7.5, 'pp')]).toEqual(['+8 п.п.', '+4 %', '+7,5 п.п.']);
  });
});
