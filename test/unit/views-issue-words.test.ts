/** Every kind of problem the importer can report has words for the officer: no machine id reaches the screen. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_WORDS, issueWords } from '../../src/views/issue-words';

const INGEST = new URL('../../src/ingest/', import.meta.url);

/** Issue ids as the readers pass them: beside a severity, as skip()'s code, or as a failing session's. */
function issueIds(): Set<string> {
  const ids = new Set<string>();
  const patterns = [
    /'([a-z]+(?:-[a-z0-9]+)*)',\s*'(?:error|warning|notice)'/g,
    /skip\(\s*ctx,\s*line,\s*[^,]+,\s*'([a-z]+(?:-[a-z0-9]+)*)'/g,
    /fail\(\s*\w+,\s*'([a-z]+(?:-[a-z0-9]+)*)'/g,
    /log\.add\(\s*[^,]+,\s*[^,]+,\s*[^,]*\?\s*'([a-z]+(?:-[a-z0-9]+)+)'\s*:\s*'([a-z]+(?:-[a-z0-9]+)+)'/g,
    /,\s*[^,]*\?\s*'([a-z]+(?:-date|-marks))'\s*:\s*'([a-z]+(?:-[a-z0-9]+)+)'/g,
  ];
  for (const f of readdirSync(INGEST).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(new URL(f, INGEST), 'utf8');
    for (const p of patterns)
      for (const m of text.matchAll(p))
        for (const id of m.slice(1))
          if (id && id !== 'error' && id !== 'warning' && id !== 'notice') ids.add(id);
  }
  return ids;
}

describe('problem kinds in words', () => {
  it('every kind a reader reports has words of its own', () => {
    const ids = issueIds();
    expect(ids.size).toBeGreaterThan(30);
    expect([...ids].filter((id) => !ISSUE_WORDS[id])).toEqual([]);
  });

  it('the UPN check in the words the issue asks for', () => {
    expect(issueWords('upn-check')).toBe('UPN check letter does not match (the UPN may be mistyped)');
  });

  it('a kind without words still reads as words, never as an id', () => {
    expect(issueWords('some-new-kind')).toBe('Some new kind');
  });
});
