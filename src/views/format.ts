/** Number formatting shared by screens and CSV exports, so the same figure reads the same everywhere. */
export function pct(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || Number.isNaN(v) ? '–' : `${v.toFixed(digits)}%`;
}

export function signed(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const s = v.toFixed(digits);
  return v > 0 ? `+${s}` : s;
}

export function pupilName(p: { forename?: string; surname?: string; id: string }): string {
  const name = [p.forename, p.surname].filter(Boolean).join(' ');
  return name || p.id;
}
