/**
 * src/sim: the seeded register simulator (demo school, fixtures, model training data) and the
 * export writers. Deterministic for a seed; never uses Math.random; pure TypeScript, no DOM.
 */
export {
  simulateSchool,
  type SimOptions,
  type SimSchool,
  type SimTruth,
  type Phase,
  type Variant,
} from './simulate';
export {
  schoolCalendar,
  openSlots,
  easterSunday,
  DAY,
  type SimCalendar,
  type SimTerm,
  type TermName,
} from './calendar';
export { demoSchool, demoThroughDate, DEMO_SEED, DEMO_DEFAULT_TODAY } from './demo';
export {
  longRows,
  wideRows,
  summaryRows,
  writeLong,
  writeWide,
  writeSummary,
  writeExportBytes,
  wideSeparator,
  ukDate,
  LONG_HEADER,
  WIDE_HEADER,
  SUMMARY_HEADER,
  type CsvQuirks,
  type WideOptions,
  type SummaryOptions,
  type Layout,
  type DateFormat,
} from './writers';
export {
  encodeText,
  encodeFile,
  bomFor,
  encodeWindows1252,
  encodeUtf16le,
  type ExportEncoding,
} from './encoding';
export { calibrationStats, type CalibrationStats } from './calibration';
export { NATIONAL, NATIONAL_PA_BY_YEAR_GROUP, NATIONAL_SHAPES, REFERENCE_YEAR } from './national';
export { makeUpn } from './people';
export { Rng } from './random';
export {
  DEFAULT_KNOBS,
  HELD_OUT_FAMILIES,
  TRAIN_RANGES,
  drawTrainingKnobs,
  resolveKnobs,
  type SimKnobs,
} from './knobs';
