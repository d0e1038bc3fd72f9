import { describe, expect, it } from 'vitest';
import { groupBarsSvg, GROUP_ROW } from '../../src/charts/group-bars';
import type { GroupBar } from '../../src/views/group-compare';
import { normaliseSvg } from './svg-snapshot';

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
const widths = (svg: string) =>
  [...svg.matchAll(/<rect class="pa" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[2]));

const data: GroupBar[] = [
  { name: 'Year 7', pupils: 180, paRate: 10, nationalPa: 14.9, lastYearPa: 12.5 },
  { name: 'Year 8', pupils: 175, paRate: 20, nationalPa: 19.2, lastYearPa: null },
  { name: 'Year <9>', pupils: 170, paRate: 30, nationalPa: null, lastYearPa: 27 },
  { name: 'Year 10', pupils: 0, paRate: null, nationalPa: 24.1, lastYearPa: null },
];
const svg = groupBarsSvg(data, { width: 460, title: 'PA by year group' });

describe('groupBarsSvg', () => {
  it('draws a bar per group with sessions, its length in proportion to the PA rate', () => {
    const w = widths(svg);
    expect(w).toHaveLength(3);
    expect(w[1] / w[0]).toBeCloseTo(2, 1);
    expect(w[2] / w[0]).toBeCloseTo(3, 1);
    expect(svg).toContain('Year 7: 10.0% PA so far (180 pupils)');
    expect(svg).toContain('>no sessions</text>');
  });
  it('marks the national figure and last year only where they are known', () => {
    expect(count(svg, /<line class="national"/g)).toBe(3);
    expect(count(svg, /<path class="last-year"/g)).toBe(2);
    expect(svg).toContain('Year 7: 12.5% PA at the same point last year');
    expect(svg).toContain('Year 10: national 24.1%');
  });
  it('grows a row per group, escapes names, and labels its axis', () => {
    const height = Number(/viewBox="0 0 460 ([\d.]+)"/.exec(svg)![1]);
    const one = Number(
      /viewBox="0 0 460 ([\d.]+)"/.exec(groupBarsSvg(data.slice(0, 1), { width: 460, title: 't' }))![1],
    );
    expect(height - one).toBe(3 * GROUP_ROW);
    expect(svg).toContain('Year &lt;9&gt;');
    expect(svg).not.toContain('Year <9>');
    expect(svg).toContain('aria-label="PA by year group"');
    expect(svg).toContain('% of the group persistently absent so far');
    expect(svg).toContain('>30%</text>'); // the axis reaches the highest figure
  });
  it('matches its committed, normalised SVG', async () => {
    await expect(normaliseSvg(svg)).toMatchFileSnapshot('../snapshots/group-bars.svg');
  });
});
