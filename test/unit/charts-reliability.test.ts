import { describe, expect, it } from 'vitest';
import { reliabilitySvg } from '../../src/charts/reliability';
import { reliability } from '../../src/model/metrics';
import { headlineBin, reliabilityRows, reliabilityWords } from '../../src/views/model-choice';
import { normaliseSvg } from './svg-snapshot';

// Ten pupils per band: the shipped model over-confident (fewer end PA than it said), the refit close to the line.
const probs: number[] = [];
const shippedPa: number[] = [];
const refitPa: number[] = [];
for (let b = 0; b < 10; b++)
  for (let i = 0; i < 10; i++) {
    probs.push(b / 10 + 0.05);
    shippedPa.push(i < b / 2 ? 1 : 0);
    refitPa.push(i < b ? 1 : 0);
  }
const before = reliability(probs, shippedPa);
const after = reliability(probs, refitPa);
const svg = reliabilitySvg(
  [
    { label: 'Shipped model', points: before },
    { label: 'Recalibrated', points: after },
  ],
  { width: 360, height: 300, title: 'Chance of PA given against the share who ended PA' },
);

describe('reliabilitySvg', () => {
  it('draws a marker per band and model at (predicted, observed), with the diagonal and both axes labelled', async () => {
    expect((svg.match(/<circle class="series-1"/g) ?? []).length).toBe(10);
    expect((svg.match(/<rect class="series-0"/g) ?? []).length).toBe(10);
    expect(svg).toContain('class="perfect"');
    expect(svg).toContain('Chance of PA we gave');
    expect(svg).toContain('Share who ended the year PA');
    expect(svg).toContain('Recalibrated: of pupils given 30%–40%, 30% ended PA');
    await expect(normaliseSvg(svg)).toMatchFileSnapshot('../snapshots/reliability.svg');
  });

  it('puts a perfectly calibrated band on the diagonal', () => {
    const one = reliabilitySvg(
      [{ label: 'x', points: [{ from: 0.5, to: 0.6, count: 4, predicted: 0.5, observed: 0.5 }] }],
      {
        width: 112,
        height: 100,
        title: 't',
      },
    );
    // x from 48 to 94, y from 56 down to 12: (0.5, 0.5) is at (71, 34).
    expect(one).toContain('x="67.5" y="30.5"');
  });
});

describe('reliability in words and as a table', () => {
  it('says what share of the pupils given each band ended PA', () => {
    expect(reliabilityWords({ from: 0.3, to: 0.4, count: 20, predicted: 0.35, observed: 0.36 })).toBe(
      'Of pupils we gave 30%–40%, 36% ended the year PA.',
    );
    const top = headlineBin([
      { from: 0, to: 0.1, count: 500, predicted: 0.02, observed: 0.01 },
      { from: 0.1, to: 0.2, count: 40, predicted: 0.15, observed: 0.2 },
      { from: 0.3, to: 0.4, count: 60, predicted: 0.35, observed: 0.36 },
    ]);
    expect(top?.from).toBe(0.3);
  });

  it('lines the two models up band by band, a band one of them left empty shown as missing', () => {
    const rows = reliabilityRows(before.slice(1), after);
    expect(rows.length).toBe(10);
    expect(rows[0]).toMatchObject({ band: '0%–10%', before: null });
    expect(rows[9].before?.observed).toBeCloseTo(0.5, 10);
    expect(rows[9].after?.observed).toBeCloseTo(0.9, 10);
  });
});
