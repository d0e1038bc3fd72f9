/**
 * src/ingest: any register export (bytes) → packed registers and a list of issues. Pure TypeScript, no DOM:
 * runs in the import worker and in Node tests. Rule: never throw on bad data, never drop a row silently.
 */
export { inspectSource, parseSource, previewRows, PERIOD_NEEDED } from './parse';
export type { InspectResult, ParseOptions, ParseSummary, ParsedImport } from './parse';
export { nothingToImport } from './verdict';
export { applyMapping, proposeMapping, headerSignature, normaliseHeader } from './columns';
export type { Field, Layout, Mapping, MappingProposal } from './columns';
export type { PreviewRow, RowCounts } from './context';
export type { Issue, IssueKind, Severity } from './issues';
export { blobSource, bytesSource, type ByteSource } from './source';
