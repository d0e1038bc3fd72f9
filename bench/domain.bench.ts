/**
 * npm run bench:domain — the domain core (calendar inference, pupil, group and half-term metrics) over
 * synthetic schools of 1,500 and 50,000 pupils in Node. Metrics are recomputed on every screen change,
 * so they must stay far below the views' 100 ms budget. Writes bench/out/domain.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { measureDomain, type DomainTimings } from '../src/domain/benchmark';

const results: DomainTimings[] = [1_500, 50_000].map((n) => measureDomain(n));
console.table(
  results.map((r) => ({
    pupils: r.pupils,
    'inferCalendar ms': r.inferCalendarMs.toFixed(1),
    'groupMetrics ms': r.groupMetricsMs.toFixed(1),
    'pupilMetrics ms': r.pupilMetricsMs.toFixed(1),
    'periodMetrics ms': r.periodMetricsMs.toFixed(1),
    'PA rate': r.paRate?.toFixed(3),
  })),
);
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/domain.json', JSON.stringify(results, null, 2));
console.log('wrote bench/out/domain.json');
