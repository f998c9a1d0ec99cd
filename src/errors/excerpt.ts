/**
 * How user input is echoed in messages: characters a terminal would not show (controls, zero-width
 * and direction marks, unusual spaces) are escaped, and long values are cut to a short excerpt, so
 * a message stays one readable line whatever the input (a key with a zero-width space, a 5 MB text
 * file given as a spec).
 */

// Controls, format characters (zero-width, bidi, BOM, soft hyphen), private-use, unassigned and
// lone surrogates, line and paragraph separators, every space but U+0020, and the blank letters.
const INVISIBLE =
  /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Zs}\u115F\u1160\u2800\u3164\uFFA0]/u;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(char: string): string {
  if (char === ' ' || !INVISIBLE.test(char)) return char;
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase();
  return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * `text` with every invisible character escaped (`\n`, `\t`, `\u200B`, `\u{E0041}`); visible text,
 * accents and symbols included, is left as it is.
 */
export function escapeInvisible(text: string): string {
  let out = '';
  for (const char of text) out += escapeChar(char);
  return out;
}

/**
 * The default length of an {@link excerpt}: enough for any name, key or short value.
 *
 * @internal Exported for tests only.
 */
export const EXCERPT_LENGTH = 60;

/**
 * `text` as a message may echo it: invisible characters escaped and, when the result is longer
 * than `max` characters, its beginning followed by `…` and the full length
 * (`Lorem ipsum dolor… (5242880 characters)`).
 */
export function excerpt(text: string, max: number = EXCERPT_LENGTH): string {
  let out = '';
  for (const char of text) {
    const shown = escapeChar(char);
    if (out.length + shown.length > max) return `${out}… (${text.length} characters)`;
    out += shown;
  }
  return out;
}
