/**
 * What the store keeps, apart from the shared register types (Pupil, PupilYear in src/domain/register.ts).
 * Plain data only: every record must survive structured clone into IndexedDB and JSON into a backup.
 */
import { ACTION_KINDS, type ActionKind } from '../domain/actions';
import type { Pupil, PupilYear } from '../domain/register';
import type { NamedPeriodTotals } from '../domain/summary';

/** One summary-layout row as stored: the domain's totals, always with its named period (e.g. "Autumn 1") and dates. */
export type PupilPeriodTotals = NamedPeriodTotals;

export type ImportLayout = 'long' | 'wide' | 'summary' | 'start-date' | 'details';
export const IMPORT_LAYOUTS: readonly ImportLayout[] = ['long', 'wide', 'summary', 'start-date', 'details'];

/** What the importer knows about a file; the store adds id, time and counts. */
export interface ImportMeta {
  fileName: string;
  layout: ImportLayout;
  /** First and last date the file covered (ISO). */
  dateRange: [string, string];
  rowCounts: { read: number; imported: number; skipped: number };
  /** One line per kind of problem, already summarised by the importer. */
  warnings: string[];
  /**
   * Absent for register and totals imports. 'details': a pupil details file (FSM, SEN…), no marks; views that
   * compare imports ("newly at risk") skip it. 'restore', 'demo-removal': not a file import but a replacement of
   * what was stored; its undo puts back the safety copy `safetyCopy` (replace.ts) taken just before.
   */
  kind?: 'details' | 'restore' | 'demo-removal';
}

/** One line of the imports log. */
export interface ImportLogEntry extends ImportMeta {
  id: number;
  importedAt: string;
  /** Distinct pupils the file touched. */
  pupils: number;
  /** School years (start years) the file touched. */
  years: number[];
  undone?: boolean;
  /** The safety copy a restore or demo removal (kind) puts back on undo. */
  safetyCopy?: string;
}

/**
 * What an import writes. `years[i].marks` holds marks only for the slots the file covered; 0 = the file said nothing.
 * `coveredSlots[startYear]` (optional) says which slots the file covered, either one byte per slot (1 = covered)
 * or a bitmask (bit s of byte s>>3). A covered slot takes the file's value even when it is 0 (a mark removed in the MIS);
 * without it, only non-zero marks overwrite.
 */
export interface ImportBatch {
  pupils: Pupil[];
  years: PupilYear[];
  coveredSlots?: Record<number, Uint8Array>;
  /**
   * Per pupil-year, in the order of `years`: the slots the file had a row for (same forms as coveredSlots).
   * When given it replaces coveredSlots for that pupil-year: one pupil's rows never decide another's merge.
   */
  yearCoverage?: Uint8Array[];
  totals: PupilPeriodTotals[];
}

/** The previous attributes of a pupil-year, without its marks. */
export type PupilYearAttributes = Omit<PupilYear, 'pupilId' | 'startYear' | 'marks'>;

/**
 * The state before an import, in blocks of up to 500 records, so undo restores exactly.
 * For pupil-years the previous marks are packed end to end: block.marks.length = keys.length × slotCount.
 */
export type UndoBlock =
  | {
      seq?: number;
      importId: number;
      kind: 'years';
      startYear: number;
      keys: string[];
      /** 1 when the pupil-year existed before the import. */
      existed: Uint8Array;
      attributes: (PupilYearAttributes | null)[];
      marks: Uint8Array;
    }
  | { seq?: number; importId: number; kind: 'pupils'; keys: string[]; before: (Pupil | null)[] }
  | {
      seq?: number;
      importId: number;
      kind: 'totals';
      keys: [string, number, string][];
      before: (PupilPeriodTotals | null)[];
    };

/** A multi-chunk import waiting for finishImport. seq 0 holds the meta, 1… the chunks. */
export interface StagedRecord {
  stagingId: string;
  seq: number;
  meta?: ImportMeta;
  startedAt?: string;
  batch?: ImportBatch;
}

/** A remembered column mapping, keyed by a signature of the file's header row. */
export interface ColumnMapping {
  signature: string;
  layout: ImportLayout;
  /** Our field name → the file's column header. */
  columns: Record<string, string>;
  savedAt: string;
}

/** An action's kind: the guidance's stages (src/domain/actions.ts). Old records' five kinds are mapped on read. */
export type InterventionKind = ActionKind;
export const INTERVENTION_KINDS: readonly InterventionKind[] = ACTION_KINDS;

/** One action in a pupil's case record. */
export interface Intervention {
  id: number;
  pupilId: string;
  /** ISO date. */
  date: string;
  kind: InterventionKind;
  note: string;
  /** Who is responsible (initials or a name), as the school writes it. */
  owner?: string;
  /** ISO date to look at the pupil again; due from that day on. */
  followUp?: string;
  /** What came of it, written when known. */
  outcome?: string;
}

export interface Setting {
  key: string;
  value: unknown;
}

/**
 * A school-trained model, shaped like tfjs io.ModelArtifacts so the model module can wrap it in an IOHandler
 * without the store importing tfjs. Weights are kept as one ArrayBuffer.
 */
export interface StoredModelArtifacts {
  modelTopology: object | ArrayBuffer;
  weightSpecs: { name: string; shape: number[]; dtype: string; [k: string]: unknown }[];
  weightData: ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: object;
  userDefinedMetadata?: Record<string, unknown>;
}

export interface StoredModel {
  id: string;
  savedAt: string;
  artifacts: StoredModelArtifacts;
  /** Anything the model module wants to keep with it: inputs, version, measured accuracy… */
  meta: Record<string, unknown>;
}

/** Risk of persistent absence per pupil at one point, so "newly at risk since the last import" can be found. */
export interface RiskSnapshot {
  id: number;
  /** ISO date the register was scored up to. */
  asOf: string;
  createdAt: string;
  importId?: number;
  modelId?: string;
  /** pupilId → probability of ending the year persistently absent (0–1). */
  pPa: Record<string, number>;
}

/** A value read back that needed fixing, or could not be used. */
export interface RestoreProblem {
  table: string;
  key: string;
  message: string;
}
