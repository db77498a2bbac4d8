// A strict XML 1.0 well-formedness check (with namespace prefixes), small enough to read: the
// screenshots' SVGs are checked with it before they are written, and again by the test.

/** Characters XML 1.0 allows anywhere in a document. */
const CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*`, 'u');
const SPACE = /^[ \t\r\n]+/;
/** With no DTD, these are the only entities a document may name. */
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

class NotWellFormed extends Error {}

/** Null when `text` is a well-formed XML document, else what is wrong and where (line:column). */
export function xmlWellFormednessError(text: string): string | null {
  try {
    new Checker(text).document();
    return null;
  } catch (error) {
    if (error instanceof NotWellFormed) return error.message;
    throw error;
  }
}

class Checker {
  private at = 0;
  /** In-scope namespace prefixes, innermost last. */
  private scopes: Set<string>[] = [new Set(['xml', 'xmlns'])];

  constructor(private readonly text: string) {}

  document(): void {
    if (!CHAR.test(this.text)) {
      const bad = [...this.text].findIndex((ch) => !CHAR.test(ch));
      this.at = [...this.text].slice(0, bad).join('').length;
      this.fail('a character XML does not allow');
    }
    if (this.text.startsWith('\uFEFF')) this.at = 1;
    if (this.text.startsWith('<?xml', this.at) && /^<\?xml[ \t\r\n?]/.test(this.text.slice(this.at, this.at + 6))) this.xmlDeclaration();
    this.misc();
    if (this.text.startsWith('<!DOCTYPE', this.at)) {
      this.doctype();
      this.misc();
    }
    if (this.peek() !== '<') this.fail('the root element');
    this.element();
    this.misc();
    if (this.at < this.text.length) this.fail('nothing after the root element but comments, processing instructions and spaces');
  }

  private xmlDeclaration(): void {
    const match =
      /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.\d+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/.exec(
        this.rest(),
      );
    if (!match) this.fail('a well-formed XML declaration');
    this.at += match[0].length;
  }

  /** Comments, processing instructions and spaces, as allowed around the root. */
  private misc(): void {
    for (;;) {
      const space = SPACE.exec(this.rest());
      if (space) this.at += space[0].length;
      else if (this.text.startsWith('<!--', this.at)) this.comment();
      else if (this.text.startsWith('<?', this.at)) this.processingInstruction();
      else return;
    }
  }

  private doctype(): void {
    // Only the simple form: a document type with an internal subset could define entities,
    // which this checker does not expand, so it is refused rather than half-checked.
    const match =
      /^<!DOCTYPE[ \t\r\n]+[^\s>[]+(?:[ \t\r\n]+(?:PUBLIC[ \t\r\n]+("[^"]*"|'[^']*')[ \t\r\n]+("[^"]*"|'[^']*')|SYSTEM[ \t\r\n]+("[^"]*"|'[^']*')))?[ \t\r\n]*>/.exec(
        this.rest(),
      );
    if (!match) this.fail('a document type declaration without an internal subset');
    this.at += match[0].length;
  }

  private comment(): void {
    const end = this.text.indexOf('-->', this.at + 4);
    if (end < 0) this.fail('the end of the comment (-->)');
    if (this.text.slice(this.at + 4, end).includes('--') || this.text[end - 1] === '-') this.fail('no "--" inside a comment');
    this.at = end + 3;
  }

  private processingInstruction(): void {
    this.at += 2;
    const target = this.name();
    if (target.toLowerCase() === 'xml') this.fail('no XML declaration except at the very start');
    const end = this.text.indexOf('?>', this.at);
    if (end < 0) this.fail('the end of the processing instruction (?>)');
    if (end > this.at && !SPACE.test(this.text.slice(this.at, end))) this.fail('a space after the processing instruction target');
    this.at = end + 2;
  }

  private element(): void {
    this.expect('<');
    const tag = this.name();
    const attributes = new Map<string, string>();
    for (;;) {
      const space = SPACE.exec(this.rest());
      if (space) this.at += space[0].length;
      if (this.text.startsWith('/>', this.at) || this.peek() === '>') break;
      if (!space) this.fail('a space before the attribute');
      const name = this.name();
      if (attributes.has(name)) this.fail(`attribute "${name}" only once`);
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      attributes.set(name, this.attributeValue());
    }
    this.enterScope(tag, attributes);
    if (this.text.startsWith('/>', this.at)) {
      this.at += 2;
      this.scopes.pop();
      return;
    }
    this.expect('>');
    this.content();
    this.expect('</');
    const closing = this.name();
    if (closing !== tag) this.fail(`</${tag}>, not </${closing}>`);
    this.skipSpace();
    this.expect('>');
    this.scopes.pop();
  }

  private content(): void {
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) this.fail('an end tag');
      if (ch === '<') {
        if (this.text.startsWith('</', this.at)) return;
        if (this.text.startsWith('<!--', this.at)) this.comment();
        else if (this.text.startsWith('<![CDATA[', this.at)) {
          const end = this.text.indexOf(']]>', this.at);
          if (end < 0) this.fail('the end of the CDATA section (]]>)');
          this.at = end + 3;
        } else if (this.text.startsWith('<?', this.at)) this.processingInstruction();
        else this.element();
      } else if (ch === '&') {
        this.reference();
      } else {
        let end = this.at;
        while (end < this.text.length && this.text[end] !== '<' && this.text[end] !== '&') end++;
        const bad = this.text.slice(this.at, end).indexOf(']]>');
        if (bad >= 0) {
          this.at += bad;
          this.fail('no "]]>" in text');
        }
        this.at = end;
      }
    }
  }

  private attributeValue(): string {
    const quote = this.peek();
    if (quote !== '"' && quote !== "'") this.fail('a quoted attribute value');
    this.at += 1;
    const start = this.at;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) this.fail(`the closing ${quote}`);
      if (ch === quote) break;
      if (ch === '<') this.fail('no "<" in an attribute value');
      if (ch === '&') this.reference();
      else this.at += 1;
    }
    const value = this.text.slice(start, this.at);
    this.at += 1;
    return value;
  }

  private reference(): void {
    const match = /^&(?:#([0-9]+)|#x([0-9a-fA-F]+)|([^;\s&<]*));/.exec(this.rest());
    if (!match) this.fail('a reference ending in ";" (a bare "&" must be written &amp;)');
    if (match[3] !== undefined) {
      if (!PREDEFINED.has(match[3])) this.fail(`an entity XML defines without a DTD, not &${match[3]};`);
    } else {
      const code = match[1] !== undefined ? Number(match[1]) : parseInt(match[2]!, 16);
      if (!(code <= 0x10ffff) || !CHAR.test(String.fromCodePoint(code))) this.fail('a character reference to a character XML allows');
    }
    this.at += match[0].length;
  }

  /** Namespaces: xmlns:p declares p for the element and its content; every prefix used must be declared. */
  private enterScope(tag: string, attributes: ReadonlyMap<string, string>): void {
    const scope = new Set(this.scopes[this.scopes.length - 1]);
    for (const [name, value] of attributes) {
      if (name.startsWith('xmlns:')) {
        if (value === '') this.fail(`a namespace name for ${name}`);
        scope.add(name.slice(6));
      }
    }
    this.scopes.push(scope);
    for (const name of [tag, ...[...attributes.keys()].filter((n) => !n.startsWith('xmlns'))]) {
      const parts = name.split(':');
      if (parts.length > 2 || parts.some((p) => p === '')) this.fail(`a name with at most one ":" between two parts, not "${name}"`);
      if (parts.length === 2 && !scope.has(parts[0]!)) this.fail(`a declaration of the namespace prefix "${parts[0]}"`);
    }
  }

  private name(): string {
    const match = NAME.exec(this.rest());
    if (!match) this.fail('a name');
    this.at += match[0].length;
    return match[0];
  }

  private expect(token: string): void {
    if (!this.text.startsWith(token, this.at)) this.fail(`"${token}"`);
    this.at += token.length;
  }

  private skipSpace(): void {
    const space = SPACE.exec(this.rest());
    if (space) this.at += space[0].length;
  }

  private peek(): string | undefined {
    return this.at < this.text.length ? this.text[this.at] : undefined;
  }

  private rest(): string {
    return this.text.slice(this.at, this.at + 4096);
  }

  private fail(expected: string): never {
    const before = this.text.slice(0, this.at);
    const line = before.split('\n').length;
    const column = this.at - before.lastIndexOf('\n');
    throw new NotWellFormed(`not well-formed at ${line}:${column}: expected ${expected}`);
  }
}
