import { describe, expect, it } from 'vitest';
import { columnChoices } from '../../src/views/mapping';

describe('mapping select choices', () => {
  it('lists each header once, up to the cap, keeps the chosen one, and counts the rest', () => {
    const headers = Array.from({ length: 10_000 }, (_, k) => `C${k % 9_000}`);
    const r = columnChoices(headers, 'C8500', 300);
    expect(r.options).toHaveLength(301);
    expect(r.options.at(-1)).toBe('C8500');
    expect(new Set(r.options).size).toBe(301);
    expect(r.hidden).toBe(9_000 - 301);
  });

  it('a small file: every header, nothing hidden', () => {
    expect(columnChoices(['UPN', 'Date', 'Mark', 'Date'], 'Mark')).toEqual({
      options: ['UPN', 'Date', 'Mark'],
      hidden: 0,
    });
  });
});
