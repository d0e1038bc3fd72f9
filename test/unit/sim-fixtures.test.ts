import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '../../src/sim/fixtures';

const dir = join(import.meta.dirname, '..', 'fixtures', 'generated');

describe('generated fixtures', () => {
  const files = fixtureFiles();

  it.each(files.map((f) => [f.name, f] as const))(
    '%s is current (regenerate: npm run sim:report -- --write-fixtures)',
    (_, f) => {
      expect(Buffer.compare(readFileSync(join(dir, f.name)), Buffer.from(f.bytes))).toBe(0);
    },
  );

  it('stays small and carries the awkward names', () => {
    for (const f of files) expect(f.bytes.length).toBeLessThan(40_000);
    const utf8 = new TextDecoder().decode(files.find((f) => f.name === 'long-utf8.csv')!.bytes);
    expect(utf8).toContain('O’Brien');
    expect(utf8).toContain('Zoë');
    const cp1252 = files.find((f) => f.name === 'long-excel-1252.csv')!.bytes;
    expect(cp1252.includes(0x92)).toBe(true); // ’ in Windows-1252
  });
});
