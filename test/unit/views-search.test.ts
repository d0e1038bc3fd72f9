/**
 * Search as an officer types it, over random names: accents and special letters typed plain, either apostrophe,
 * any case, the words in any order, "Surname, Forename". The oracle spells each letter out by hand.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchesSearch } from '../../src/views/watchlist';

/** Each letter a name may hold, and how an English keyboard types it. */
const TYPED: Record<string, string> = {
  é: 'e',
  è: 'e',
  ê: 'e',
  ë: 'e',
  á: 'a',
  à: 'a',
  â: 'a',
  ä: 'a',
  å: 'a',
  ã: 'a',
  í: 'i',
  ï: 'i',
  î: 'i',
  ó: 'o',
  ò: 'o',
  ô: 'o',
  ö: 'o',
  õ: 'o',
  ú: 'u',
  ù: 'u',
  û: 'u',
  ü: 'u',
  ñ: 'n',
  ç: 'c',
  ý: 'y',
  ÿ: 'y',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  É: 'e',
  Ö: 'o',
  Ø: 'o',
  Å: 'a',
  Ç: 'c',
  '’': "'",
  '‘': "'",
  "'": "'",
  '-': '-',
};
const plain = (s: string) => [...s].map((c) => TYPED[c] ?? c.toLowerCase()).join('');

const letter = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...Object.keys(TYPED),
);
/** A name word: starts with a letter, holds accents, apostrophes and hyphens as real names do ("O’Puddle", "Renée"). */
const word = fc
  .tuple(
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZÉÖØÅÇ'),
    fc.array(letter, { minLength: 1, maxLength: 9 }),
  )
  .map(([first, rest]) => first + rest.join(''));
const name = fc.array(word, { minLength: 2, maxLength: 4 });

describe('search over random names', () => {
  it('finds a pupil by any of their words typed plain, in any order and case, with or without a comma', () => {
    fc.assert(
      fc.property(
        name,
        fc.shuffledSubarray([0, 1, 2, 3], { minLength: 1 }),
        fc.boolean(),
        fc.boolean(),
        (words, order, comma, upper) => {
          const row = { id: 'A795520218051', name: words.join(' ') };
          const typed = order.filter((i) => i < words.length).map((i) => plain(words[i]));
          if (!typed.length) return;
          const search = typed.join(comma ? ', ' : ' ');
          expect(matchesSearch(row, upper ? search.toUpperCase() : search)).toBe(true);
          // As written, accents and curly apostrophes included, it is found too.
          expect(matchesSearch(row, `${words.at(-1)}, ${words[0]}`)).toBe(true);
        },
      ),
    );
  });

  it('does not find a pupil from a word that is not in their name', () => {
    fc.assert(
      fc.property(name, word, (words, other) => {
        const row = { id: 'A795520218051', name: words.join(' ') };
        fc.pre(!plain(words.join(' ')).includes(plain(other)));
        expect(matchesSearch(row, `${plain(words[0])} ${plain(other)}`)).toBe(false);
      }),
    );
  });

  it.each([
    ['renee', 'Renée O’Puddle'],
    ["o'puddle", 'Renée O’Puddle'],
    ['Inkwell, Harry', 'Harry Inkwell'],
    ['soren', 'Søren Łukasz'],
    ['lukasz', 'Søren Łukasz'],
  ])('%j finds %j', (search, full) => expect(matchesSearch({ id: 'X', name: full }, search)).toBe(true));
});
