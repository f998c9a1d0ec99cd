/**
 * XML 1.0 text and attribute escaping for the JUnit report. Characters XML 1.0 cannot carry at all
 * (C0 controls other than tab, newline and carriage return; lone surrogates; U+FFFE/U+FFFF) are
 * stripped, since no escape makes them legal; an ANSI escape thus loses its ESC and stays readable.
 */

const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters that XML 1.0 forbids. */
export function stripInvalidXmlChars(s: string): string {
  return s.replace(INVALID_XML_CHARS, '').replace(LONE_SURROGATES, '');
}

// Any character one of the functions below changes or strips: most texts (rule ids, counts, times)
// hold none and are returned as they are, without running each replacement.
const NEEDS_ESCAPE = /[\u0000-\u001F&<>"'\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes element text: `&`, `<`, `>` (the last so `]]>` can never appear). */
export function escapeXmlText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return stripInvalidXmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes an attribute value for double quotes. Tab, newline and carriage return become character
 * references, because a parser would otherwise normalise them to spaces.
 *
 * @internal Exported for tests only.
 */
export function escapeXmlAttr(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return escapeXmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** An attribute list, ` name="value" …`, skipping `undefined` values. */
export function xmlAttrs(attrs: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttr(String(value))}"`)
    .join('');
}
