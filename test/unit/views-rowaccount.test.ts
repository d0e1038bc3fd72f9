import { describe, expect, it } from 'vitest';
import { rowAccount } from '../../src/views/rowaccount';
import { importText } from './ingest-helpers';

describe('row account', () => {
  it('accounts for every line of the file, skipped rows by kind', async () => {
    const { parsed } = await importText(
      'Register\n' +
        'UPN,Surname,Date,Session,Mark\n' +
        'A123456789012,Smith,02/09/2024,AM,/\n' +
        // A quote left open, and read plainly six values for five columns: the line is given up.
        'A123456789012,"Smith, Jo,02/09/2024,PM,\\\n' +
        'A123456789012,Smith,03/09/2024,AM,Q9\n' +
        'A123456789012,Smith,03/09/2024,PM,Q9\n' +
        '\n' +
        'Total,,,,4\n',
    );
    expect(rowAccount(parsed.summary.counts)).toBe(
      '8 lines in the file: 1 rows imported, 3 skipped (2 unknown-code, 1 broken-quote), 4 not data (titles, header, blank lines, totals)',
    );
  });
});
