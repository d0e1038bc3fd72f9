/** Whether a read file has anything to import (a module of its own: the page asks it without loading the parser). */
import type { ParseSummary } from './parse';

/**
 * Why a read file has nothing to import, or null when it has: no row was imported (every one was rejected, or
 * there were none). Such a file is never offered for import and the worker refuses it: nothing would change but an
 * empty entry in the imports log.
 */
export function nothingToImport(s: ParseSummary): string | null {
  if (s.counts.imported > 0 && s.pupils > 0) return null;
  const c = s.counts;
  const wrong = s.issues.find((i) => i.code === 'encoding-looks-wrong');
  if (wrong) return wrong.message;
  const data = c.read - c.notData;
  if (data === 0) return `${s.fileName} has no data rows below the header, so there is nothing to import.`;
  const kinds = Object.entries(c.skippedBy)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([code, n]) => `${n} ${code}`)
    .join(', ');
  return `None of the ${data} data rows in ${s.fileName} could be imported (${kinds || 'no valid marks'}), so nothing was stored. Correct the problems listed and import the file again.`;
}
