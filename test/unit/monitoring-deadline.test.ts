/** Roadmap deadlines (src/core/monitoring/deadline.ts): the last day a deadline text allows. */
import { describe, expect, it } from 'vitest';
import { DEADLINE_RULES, normalizeDeadlineText, parseDeadline } from '../../src/core/monitoring/deadline.ts';
import { DEADLINE_CASES } from './deadline-cases.ts';

describe('parseDeadline', () => {
  it.each(DEADLINE_CASES)('%j → %s', (text, expected) => {
    expect(parseDeadline(text)).toBe(expected);
  });

  it('null and undefined are unknown', () => {
    expect(parseDeadline(null)).toBeNull();
    expect(parseDeadline(undefined)).toBeNull();
  });

  it('normalises case, ё, dashes and spaces', () => {
    expect(normalizeDeadlineText('  Сентябрь\u00a0–  Октябрь 2025 ')).toBe('сентябрь - октябрь 2025');
    expect(normalizeDeadlineText('ЁЖ')).toBe('еж');
  });

  it('every rule is exercised by the cases', () => {
    // a case per rule: the rule alone finds a date in at least one case text
    for (const rule of DEADLINE_RULES) {
      const hit = DEADLINE_CASES.some(([t]) => new RegExp(rule.pattern).test(normalizeDeadlineText(t)));
      expect(hit, rule.name).toBe(true);
    }
  });
});
