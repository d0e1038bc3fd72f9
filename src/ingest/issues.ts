/**
 * Problems found while reading a file, in words an attendance officer can act on.
 * Every row is either imported or counted here: nothing is dropped silently.
 * Only the first ISSUE_SAMPLE_LIMIT of each kind are kept in memory; the rest are counted.
 */
export type Severity = 'error' | 'warning' | 'notice';

export interface Issue {
  file: string;
  /** 1-based line in the file (0 when the issue is about the whole file). */
  row: number;
  /** Header name of the column, '' when not about one column. */
  column: string;
  /** Machine id of the kind of problem, e.g. 'unknown-code'. */
  code: string;
  /** Plain English: what is wrong and what to do. */
  message: string;
  severity: Severity;
}

export interface IssueKind {
  code: string;
  severity: Severity;
  count: number;
}

export const ISSUE_SAMPLE_LIMIT = 200;

export class IssueLog {
  readonly issues: Issue[] = [];
  private kinds = new Map<string, IssueKind>();

  constructor(readonly file: string) {}

  add(row: number, column: string, code: string, severity: Severity, message: string): void {
    let k = this.kinds.get(code);
    if (!k) this.kinds.set(code, (k = { code, severity, count: 0 }));
    k.count++;
    // Messages quote the file's text: a control character in it (a NUL byte in a name) is named, never echoed.
    if (k.count <= ISSUE_SAMPLE_LIMIT)
      this.issues.push({ file: this.file, row, column, code, message: shown(message, 2000), severity });
  }

  count(code: string): number {
    return this.kinds.get(code)?.count ?? 0;
  }

  /** Counts by kind, most severe first. */
  summary(): IssueKind[] {
    const order = { error: 0, warning: 1, notice: 2 };
    return [...this.kinds.values()].sort(
      (a, b) => order[a.severity] - order[b.severity] || b.count - a.count,
    );
  }

  get errorCount(): number {
    let n = 0;
    for (const k of this.kinds.values()) if (k.severity === 'error') n += k.count;
    return n;
  }
}

/** Control characters (a NUL byte among them) that must be named, never echoed, in a message. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * A cell or line as quoted in a message: cut to `max` characters, control characters named rather than echoed
 * (a NUL byte in a name showed as a blank; raw control bytes can move a terminal's cursor).
 */
export function shown(v: string, max: number): string {
  return v
    .slice(0, max)
    .replace(CONTROL, (c) =>
      c === '\u0000' ? '\\0 (NUL byte)' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
}
