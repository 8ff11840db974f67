// ISO weeks and months, and the key period that guards each cell.
import { describe, expect, it } from 'vitest';
import { dayToIso, monthLabel, monthOf, weekOf } from '../../analytics/cells.ts';

const at = (iso: string) => Date.parse(iso);

describe('weekOf', () => {
  it('names ISO weeks by the year of their Thursday', () => {
    expect(weekOf(at('2026-01-01T12:00:00Z')).isoWeek).toBe('2026-W01');
    expect(weekOf(at('2025-12-29T00:00:00Z')).isoWeek).toBe('2026-W01');
    expect(weekOf(at('2027-01-01T00:00:00Z')).isoWeek).toBe('2026-W53');
    expect(weekOf(at('2026-03-01T23:59:59Z')).isoWeek).toBe('2026-W09');
    expect(weekOf(at('2026-03-02T00:00:00Z')).isoWeek).toBe('2026-W10');
  });

  it('starts on Monday and is keyed by the month of its Thursday', () => {
    const week = weekOf(at('2025-12-31T08:00:00Z'));
    expect(dayToIso(week.startDay)).toBe('2025-12-29');
    expect(monthLabel(week.keyMonth)).toBe('2026-01');
    expect(monthLabel(weekOf(at('2026-01-31T08:00:00Z')).keyMonth)).toBe('2026-01');
  });
});

describe('monthOf', () => {
  it('gives the month and its first day', () => {
    const month = monthOf(at('2026-02-28T23:00:00Z'));
    expect(monthLabel(month.month)).toBe('2026-02');
    expect(dayToIso(month.startDay)).toBe('2026-02-01');
  });
});
