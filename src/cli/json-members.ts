// The top-level members of a JSON object as spans of its text, so a value can be replaced without
// parsing (and re-printing) the others: JSON.parse would turn 12345678901234567890 into
// 12345678901234567000 and 1e400 into Infinity, and assigning `__proto__` drops the key.

interface JsonMember {
  /** The key as JSON.parse reads it (escapes decoded). */
  key: string;
  /** Where the key's opening quote is, and where its closing quote ends. */
  keyStart: number;
  keyEnd: number;
  /** Where the member's value starts and ends in the text (end exclusive). */
  valueStart: number;
  valueEnd: number;
}

export interface JsonObjectText {
  members: JsonMember[];
  /** The offsets of the object's `{` and `}`. */
  open: number;
  close: number;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * The members of the object `text` holds, in order, duplicates included. `text` must be JSON that
 * JSON.parse accepted and whose value is an object: the scanner only finds where things are.
 */
export function scanObjectMembers(text: string): JsonObjectText {
  const members: JsonMember[] = [];
  let i = skipWhitespace(text, 0);
  const open = i;
  i = skipWhitespace(text, i + 1);
  while (text[i] !== '}') {
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    const valueEnd = skipValue(text, valueStart);
    members.push({ key, keyStart: i, keyEnd, valueStart, valueEnd });
    i = skipWhitespace(text, valueEnd);
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
  return { members, open, close: i };
}

function skipWhitespace(text: string, i: number): number {
  while (WHITESPACE.has(text[i] ?? '')) i++;
  return i;
}

/** `i` is at a string's opening quote; returns the offset after its closing one. */
function skipString(text: string, i: number): number {
  for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
  return i + 1;
}

function skipValue(text: string, i: number): number {
  const first = text[i];
  if (first === '"') return skipString(text, i);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (;;) {
      const char = text[i];
      if (char === '"') {
        i = skipString(text, i);
        continue;
      }
      if (char === '{' || char === '[') depth++;
      else if (char === '}' || char === ']') depth--;
      i++;
      if (depth === 0) return i;
    }
  }
  // A number, true, false or null: it ends where the next separator or blank starts.
  while (i < text.length && !WHITESPACE.has(text[i] ?? '') && text[i] !== ',' && text[i] !== '}') i++;
  return i;
}
