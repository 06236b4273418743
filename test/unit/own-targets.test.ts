/**
 * The «Аналитическая справка» says when schools have their own goal targets: how many (numerals
 * agree: «у 1 школы», «у 2 школ», «у 21 школы»), the range in the goal's units, and the goal's
 * target for the others (the goals section itself: test/unit/report-text.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ownTargetsSentence } from '../../src/core/report/report-text.ts';

const plain = (s: string) => s.replace(/\u202f/g, ' ');

describe('own targets sentence', () => {
  it('counts schools with agreeing numerals and gives the range', () => {
    expect(plain(ownTargetsSentence([4], 5, 'pp', 8))).toBe('Своя цель задана у 1 школы из 5 — +4 п.п.; у остальных — цель +8 п.п.; статус такой школы оценён по её своей цели.');
    expect(plain(ownTargetsSentence([4, 12], 5, 'pp', 8))).toBe('Свои цели заданы у 2 школ из 5 — от +4 до +12 п.п.; у остальных — цель +8 п.п.; статус такой школы оценён по её своей цели.');
    expect(plain(ownTargetsSentence([6, 6, 6, 6, 6], 5, 'pp', 8))).toBe('Свои цели заданы у 5 школ из 5 — +6 п.п. у каждой; статус такой школы оценён по её своей цели.');
    const many = Array.from({ length: 21 }, (_, i) => 3 + (i % 8) * 0.5);
    expect(plain(ownTargetsSentence(many, 30, 'relative', 4))).toBe('Свои цели заданы у 21 школы из 30 — от +3 до +6,5 % от базы; у остальных — цель +4 % от базы; статус такой школы оценён по её своей цели.');
    expect(ownTargetsSentence([], 5, 'pp', 8)).toBe('');
  });
});
