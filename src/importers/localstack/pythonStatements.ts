/**
 * Just enough of Python's lexical structure to read a test function's calls in order: logical
 * statements (joined across brackets, backslashes and triple-quoted strings, comments removed) with
 * the line they start on, their indentation and the compound statements (`with`, `for`, `def`, …)
 * they sit in. It is not a Python parser: it reads the straight-line code LocalStack's snapshot
 * tests are made of, and callers refuse what it cannot place.
 */

/** A compound statement a logical statement sits in. */
export interface Block {
  /** The keyword: `with`, `for`, `while`, `if`, `elif`, `else`, `try`, `except`, `finally`, `def`, `class`, … */
  readonly keyword: string;
  /** The header text without the trailing colon. */
  readonly header: string;
  readonly indent: number;
  readonly line: number;
}

/** One logical statement. */
export interface Statement {
  /** The statement with comments removed and line breaks inside brackets turned into spaces. */
  readonly text: string;
  /** 1-based line the statement starts on. */
  readonly line: number;
  readonly indent: number;
  /** Enclosing compound statements, outermost first. */
  readonly blocks: readonly Block[];
}

const COMPOUND = /^(async\s+)?(with|for|while|if|elif|else|try|except|finally|def|class)\b/;

interface Raw {
  text: string;
  line: number;
  indent: number;
}

/** Splits source text into logical statements (without block context). */
function logicalLines(source: string): Raw[] {
  const out: Raw[] = [];
  let text = '';
  let start = 0;
  let indent = 0;
  let depth = 0;
  let quote: string | undefined;
  let line = 1;
  let atLineStart = true;
  const flush = (): void => {
    const trimmed = text.trim();
    if (trimmed !== '') out.push({ text: trimmed, line: start, indent });
    text = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? '';
    if (atLineStart && quote === undefined && depth === 0 && text.trim() === '') {
      // The first non-blank character of a statement fixes its indentation and line.
      if (c === ' ' || c === '\t') continue;
      if (c !== '\n') {
        start = line;
        const lineStart = source.lastIndexOf('\n', i - 1) + 1;
        indent = i - lineStart;
        atLineStart = false;
      }
    }
    if (quote !== undefined) {
      text += c;
      if (c === '\\') {
        text += source[i + 1] ?? '';
        if (source[i + 1] === '\n') line++;
        i++;
      } else if (source.startsWith(quote, i)) {
        text += quote.slice(1);
        i += quote.length - 1;
        quote = undefined;
      } else if (c === '\n') {
        line++;
      }
      continue;
    }
    if (c === '#') {
      const end = source.indexOf('\n', i);
      i = (end < 0 ? source.length : end) - 1;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      text += quote;
      i += quote.length - 1;
      continue;
    }
    if (c === '\\' && source[i + 1] === '\n') {
      text += ' ';
      line++;
      i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    if (c === '\n') {
      line++;
      if (depth === 0) {
        flush();
        atLineStart = true;
      } else {
        text += ' ';
      }
      continue;
    }
    text += c;
  }
  flush();
  return out;
}

/**
 * The logical statements of `source`, each with the compound statements it sits in. A compound
 * statement's own header is a statement too (its `blocks` are those around it).
 */
export function pythonStatements(source: string): Statement[] {
  const out: Statement[] = [];
  const stack: Block[] = [];
  for (const raw of logicalLines(source)) {
    while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? -1) >= raw.indent) stack.pop();
    out.push({ text: raw.text, line: raw.line, indent: raw.indent, blocks: [...stack] });
    const compound = COMPOUND.exec(raw.text);
    if (compound !== null && raw.text.endsWith(':')) {
      stack.push({
        keyword: compound[2] ?? '',
        header: raw.text.slice(0, -1).trim(),
        indent: raw.indent,
        line: raw.line,
      });
    }
  }
  return out;
}

/**
 * The text between the bracket at `open` and its partner (strings respected), or undefined when it
 * is not closed.
 */
export function bracketed(text: string, open: number): string | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return undefined;
}

/** Splits an argument list at its top-level commas: positional texts and `name=value` pairs. */
export function splitArguments(args: string): {
  readonly positional: readonly string[];
  readonly keywords: ReadonlyMap<string, string>;
} {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (let i = 0; i < args.length; i++) {
    const c = args[i] ?? '';
    if (quote !== undefined) {
      current += c;
      if (c === '\\') current += args[++i] ?? '';
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  if (current.trim() !== '') parts.push(current.trim());
  const positional: string[] = [];
  const keywords = new Map<string, string>();
  for (const part of parts) {
    const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(part);
    if (kw !== null) keywords.set(kw[1] ?? '', (kw[2] ?? '').trim());
    else positional.push(part);
  }
  return { positional, keywords };
}

/** The value of a plain Python string literal (`"x"`, `'x'`), or undefined for anything else. */
export function stringLiteral(text: string): string | undefined {
  const m = /^(["'])((?:(?!\1)[^\\]|\\.)*)\1$/.exec(text.trim());
  return m === null ? undefined : (m[2] ?? '');
}

/**
 * `text` with the contents of its string literals blanked (same length, quotes kept), so that
 * searching it finds code only, never the words of a docstring or a message.
 */
export function maskStrings(text: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote === undefined) {
      if (c === '"' || c === "'") quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      out += c;
      if (quote !== undefined && quote.length === 3) {
        out += quote.slice(1);
        i += 2;
      }
      continue;
    }
    if (c === '\\') {
      out += '  ';
      i++;
    } else if (text.startsWith(quote, i)) {
      out += quote;
      i += quote.length - 1;
      quote = undefined;
    } else {
      out += ' ';
    }
  }
  return out;
}
