/** PupilPageState: one pupil's figures from the app's data, following the pupil shown and the data loaded. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PupilPageState } from './pupil-page.svelte';
import { app } from './app.svelte';
import { PUPILS, YEARS } from '../../test/unit/views-fixture';
import { BAND_LABEL } from '../views/risk';

// No model or database in Node: the app keeps the register rule and says so in a warning, silenced here.
beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));

describe('PupilPageState', () => {
  it("shows the pupil asked for, with the rule's risk, their sessions and absences", () => {
    app.setSchool(PUPILS, YEARS);
    let id = 'B';
    const page = new PupilPageState(() => id);
    expect(page.row?.name).toContain('Ben');
    expect(page.risk?.band).toBe('pa'); // 6 of 60 sessions: exactly 10%
    expect(page.risk?.source).toBe('rule');
    expect(page.absences.map((c) => c.kind)).toEqual(Array(6).fill('authorised'));
    expect(page.codes.find((c) => c.code === 'I')?.count).toBe(6);
    expect(page.caseRecord.actions).toEqual([]);
    // The last half term so far is today's band; nothing is asked of a model that has not scored.
    expect(page.bandAt(page.school.halfTermsSoFar.length - 1)).toBe(BAND_LABEL.pa);
    id = 'D';
    expect(page.row?.name).toContain('Dee');
    expect(page.risk?.band).toBe('sa');
    id = 'nobody';
    expect(page.row).toBeUndefined();
    expect(page.risk).toBeNull();
    expect(page.bandAt(0)).toBe('–');
  });

  it('follows the data: a new load replaces the figures', () => {
    app.setSchool(PUPILS, YEARS);
    const page = new PupilPageState(() => 'A');
    expect(page.risk?.band).toBe('low');
    const ill = YEARS.map((y) => (y.pupilId === 'A' ? { ...y, marks: YEARS[3].marks } : y));
    app.setSchool(PUPILS, ill);
    expect(page.risk?.band).toBe('sa');
  });

  it("draws the pupil's heat map and attendance chart from their own figures, and says the chance by half term", () => {
    app.setSchool(PUPILS, YEARS);
    const page = new PupilPageState(() => 'B');
    // Ben's 6 absent sessions (illness, 7–9 Oct) are named in the heat map's label and drawn as cells.
    expect(page.heatSvg).toContain('Register heat map for Ben Ill: 6 absent sessions');
    expect(page.cumulativeChart).toContain('Cumulative attendance by week, now 90.0%');
    // The rule's risk has no chance of PA: shown as a dash, never as 0%.
    expect(page.chanceAt(page.school.halfTermsSoFar.length - 1)).toBe('–');
    const other = new PupilPageState(() => 'A');
    expect(other.heatSvg).toContain('Ada Present: 0 absent sessions');
    expect(new PupilPageState(() => 'nobody').heatSvg).toBe('');
  });
});
