import { describe, expect, it } from 'vitest';
import { riskBarsSvg } from '../../src/charts/risk-bars';
import { heatmapSvg } from '../../src/charts/heatmap';
import { cumulativeSvg } from '../../src/charts/cumulative';
import { sparkline, sparklineSvg, trendOf, trendWords } from '../../src/charts/sparkline';
import { buildSchool } from '../../src/views/school';
import { cumulativeAttendance, heatWeeks } from '../../src/views/pupil';
import type { BandCounts } from '../../src/views/overview';
import { fillMarks } from '../../src/domain/mark-by-date';
import { emptyMarks } from '../../src/domain/register';
import { PUPILS, YEARS } from './views-fixture';
import { normaliseSvg } from './svg-snapshot';

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
/** Each chart is compared with its committed, normalised SVG in test/snapshots: a change shows as a diff. */
const snapshot = (svg: string, name: string) =>
  expect(normaliseSvg(svg)).toMatchFileSnapshot(`../snapshots/${name}.svg`);

describe('riskBarsSvg', () => {
  const data: BandCounts[] = [
    {
      label: 'Autumn 1',
      counts: { low: 50, rising: 25, high: 0, pa: 20, sa: 5 },
      total: 100,
      current: false,
      date: '2024-10-25',
      paReached: 18,
      nationalPa: 22.84,
      nationalLabel: 'England, secondary schools, PA year to date at week 8 of 2024/25',
    },
    {
      label: 'Autumn 2',
      counts: { low: 40, rising: 30, high: 10, pa: 15, sa: 5 },
      total: 100,
      current: true,
      date: '2024-11-22',
      paReached: 20,
      nationalPa: 22.45,
      nationalLabel: 'England, secondary schools, PA year to date at week 12 of 2024/25',
    },
  ];
  const svg = riskBarsSvg(data, { width: 300, height: 200, id: 't', title: 'Risk by half term' });
  it('draws one segment per non-empty band, each with a pattern and a tooltip', () => {
    expect(count(svg, /<rect class="band-/g)).toBe(9);
    expect(count(svg, /<pattern /g)).toBe(5);
    expect(svg).toContain('fill="url(#t-sa)"');
    expect(svg).toContain('Autumn 2: High 10 pupils (10.0%)');
    expect(svg).toContain('aria-label="Risk by half term"');
  });
  it('stacks segments to the full height and marks the current period', () => {
    const heights = [...svg.matchAll(/band-\w+" x="([\d.]+)" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g)];
    const firstBar = heights.filter((h) => h[1] === heights[0][1]).reduce((s, h) => s + Number(h[2]), 0);
    expect(firstBar).toBeCloseTo(200 - 40 - 10, 1);
    expect(svg).toContain('Autumn 2 *');
  });
  it('draws the PA reached and the national figure for the same week beside each bar, labelled with its date', async () => {
    expect(svg).toContain('Autumn 1: 18 pupils PA by 2024-10-25 (18.0%)');
    expect(svg).toContain('PA year to date at week 8 of 2024/25: 22.8%');
    expect(svg).toContain('>2024-11-22</text>');
    await snapshot(svg, 'risk-bars');
  });
});

describe('heatmapSvg', () => {
  const school = buildSchool(PUPILS, YEARS)!;
  const weeks = heatWeeks(school.years.get('C')!, school.calendar, school.asOf);
  const svg = heatmapSvg(weeks);
  it('draws one cell per session with its kind, and a glyph for absences', () => {
    expect(count(svg, /<g class="cell-/g)).toBe(60);
    expect(count(svg, /class="cell-unauthorised"/g)).toBe(4);
    expect(count(svg, /class="cell-present"/g)).toBe(56);
    // Unauthorised cells carry a cross (two strokes), so they differ from present ones without colour.
    expect(count(svg, /stroke="#ffffff" stroke-width="1.8"/g)).toBe(4);
    expect(svg).toContain('2024-09-16 AM: O (Unauthorised absence)');
  });
  it('labels months and weeks, and shows a holiday as a gap', async () => {
    const marks = emptyMarks(2024);
    fillMarks(marks, 2024, '2024-09-02', '2024-10-25', '/');
    fillMarks(marks, 2024, '2024-11-04', '2024-11-15', '/');
    fillMarks(marks, 2024, '2024-09-16', '2024-09-16', 'I');
    const py = { pupilId: 'H', startYear: 2024, marks };
    const s = buildSchool([{ id: 'H' }], [py])!;
    const svg = heatmapSvg(heatWeeks(py, s.calendar, s.asOf), 12, 'Holiday test');
    expect(count(svg, /class="month"/g)).toBe(3); // Sep, Oct, Nov
    expect(svg).toContain('>Sep</text>');
    expect(count(svg, /class="week"/g)).toBe(10);
    expect(count(svg, /class="holiday"/g)).toBe(1);
    expect(svg).toContain('No school: 1 week after the week of 2024-10-21');
    await snapshot(svg, 'heatmap');
  });
});

describe('cumulativeSvg and sparkline', () => {
  it('draws the attendance line, the 90% line and the forecast range', async () => {
    const school = buildSchool(PUPILS, YEARS)!;
    const pts = cumulativeAttendance(school.years.get('D')!, school.calendar, school.asOf);
    expect(pts.map((p) => Math.round(p.attendancePct!))).toEqual([0, 0, 0, 25, 40, 50]);
    const svg = cumulativeSvg(pts, {
      width: 600,
      height: 240,
      yearStart: '2024-09-02',
      yearEnd: '2025-07-22',
      forecast: { low: 60, expected: 70, high: 80 },
      title: 't',
    });
    expect(count(svg, /class="pa-line"/g)).toBe(1);
    expect(count(svg, /class="forecast"/g)).toBe(1);
    // A date axis: a tick at the first of each month from October to July.
    expect(count(svg, /class="tick"/g)).toBe(10);
    expect(svg).toContain('>Jan</text>');
    expect(svg).toContain('70.0% expected');
    expect(svg).toContain('range 60.0–80.0%');
    await snapshot(svg, 'cumulative');
  });
  it('breaks the sparkline at missing values and words the trend', () => {
    expect(sparklineSvg([5, null, 8])).toContain('d="M2,');
    expect(trendWords([2, 8])).toBe('absence rising');
    expect(trendWords([8, 8.5])).toBe('steady');
    expect(trendWords([null])).toBe('no trend yet');
    // The line is absence: going up is worse, and the visible mark says so.
    expect(trendOf([2, 8])).toMatchObject({ direction: 'worse', mark: '▲ absence up' });
    expect(trendOf([8, 2])).toMatchObject({ direction: 'better', mark: '▼ absence down' });
  });
  it('gives the sparkline geometry the watch list draws: the PA line at 10% of a 0–20% scale', () => {
    // 80×20 with 2px margins: y runs 18 (0%) to 2 (20%), so 10% is at 10; 0% and 20% sit on the margins.
    const s = sparkline([0, 20])!;
    expect(s.paY).toBe(10);
    expect(s.path).toBe('M2,18L78,2');
    // A worse half term stretches the scale: 10% then sits higher than the middle.
    expect(sparkline([0, 40])!.paY).toBe(14);
    expect(sparkline([])).toBeNull();
    expect(sparklineSvg([0, 20])).toContain(`y1="${s.paY}"`);
    return snapshot(sparklineSvg([3, 6, null, 12, 9]), 'sparkline');
  });
});
