/**
 * The 1,500-pupil school for the UI benchmark, written with the simulator's own export writers: last year complete
 * and this year up to the demo's date, as two long-layout files the officer would import one after the other.
 * Cached by name in bench/out/data (delete it to regenerate).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schoolYearOf } from '../src/domain/register';
import { demoThroughDate, simulateSchool } from '../src/sim';
import { writeExportBytes } from '../src/sim/writers';

export const UI_PUPILS = 1500;

export function writeUiSchool(dir: string, today = new Date().toISOString().slice(0, 10)): string[] {
  const through = demoThroughDate(today);
  const current = schoolYearOf(through);
  const files = [current - 1, current].map((y) => join(dir, `ui-${UI_PUPILS}-${y}-to-${through}.csv`));
  if (files.every((f) => existsSync(f))) return files;
  mkdirSync(dir, { recursive: true });
  const school = simulateSchool({
    seed: 515,
    phase: 'secondary',
    pupils: UI_PUPILS,
    years: 2,
    lastStartYear: current,
    throughDate: through,
  });
  writeFileSync(files[0], writeExportBytes('long', school, current - 1));
  writeFileSync(files[1], writeExportBytes('long', school, current));
  return files;
}
