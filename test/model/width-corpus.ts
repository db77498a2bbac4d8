// Hostile text for the width checks: strings a process could carry in its name or command line
// to move, hide or forge a row, each filed under the class it attacks. The unit tests run every
// string through sanitizeText and the width functions; the end-to-end test starts each as a
// real process (argv[0]) and shows it in pooltop in tmux. No string holds NUL (argv cannot).

export interface HostileText {
  class: HostileClass;
  text: string;
}

type HostileClass =
  | 'hangul filler'
  | 'fake row'
  | 'blank look-alike'
  | 'emoji modifier'
  | 'zwj sequence'
  | 'regional indicator'
  | 'variation selector'
  | 'indic'
  | 'hangul jamo'
  | 'cjk'
  | 'combining marks'
  | 'tags'
  | 'bidi'
  | 'control'
  | 'format'
  | 'unassigned'
  | 'width changed';

const FAKE_ROW = '  31337 root      20   0 12.3M  4.1M S   0.0  0.1   0:00.01   0 /sbin/sshd -D';
const cp = (code: number): string => String.fromCodePoint(code);

function corpus(): HostileText[] {
  const out: HostileText[] = [];
  const add = (klass: HostileClass, ...texts: string[]): void => {
    for (const text of texts) out.push({ class: klass, text });
  };

  // U+3164 ×10,000 blanked the whole screen; the other fillers and their mixes.
  add('hangul filler', '\u3164'.repeat(10_000), '\u3164'.repeat(40), '\u3164', 'sshd\u3164', '\u115f'.repeat(50), '\u1160'.repeat(50), '\uffa0'.repeat(50));
  add('hangul filler', '\u3164\u115f\u1160\uffa0'.repeat(20), 'a\u3164b\u3164c');
  // Wide blanks that push a forged row onto the next line of the terminal.
  for (const filler of ['\u3164', '\u115f', '\u3000', '\u2800', '\u00a0', '\u2003', '\u3164\u200b']) {
    for (const count of [38, 60, 100, 200]) add('fake row', `sleep${filler.repeat(count)}${FAKE_ROW}`);
  }
  add('fake row', `x${' '.repeat(300)}${FAKE_ROW}`, `\u{1F600}`.repeat(100) + FAKE_ROW, `\u0915\u094d\u0937`.repeat(60) + FAKE_ROW);
  add(
    'blank look-alike',
    '\u2800'.repeat(30),
    '\u00a0'.repeat(30),
    '\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a',
    '\u202f\u205f\u3000\u1680',
  );
  add(
    'blank look-alike',
    '\u034f'.repeat(20),
    '\u17b4\u17b5'.repeat(10),
    '\u180b\u180c\u180d\u180e\u180f',
    '\u2060\u2061\u2062\u2063\u2064',
    '\u{1d173}\u{1d174}\u{1d175}',
  );

  const bases = ['\u{1F44D}', '\u{1F44B}', '\u{1F9D1}', '\u{1F469}', '\u270B'];
  for (const base of bases) for (let m = 0x1f3fb; m <= 0x1f3ff; m++) add('emoji modifier', `${base}${cp(m)} ok`);
  add('emoji modifier', '\u{1F3FD}', 'a\u{1F3FB}b', '\u{1F44D}\u{1F3FD}'.repeat(50));

  add(
    'zwj sequence',
    '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}\u200d\u{1F466}',
    '\u{1F469}\u200d\u{1F4BB}',
    '\u{1F3F3}\ufe0f\u200d\u{1F308}',
    '\u{1F9D1}\u200d\u{1F91D}\u200d\u{1F9D1}',
    '\u{1F441}\ufe0f\u200d\u{1F5E8}\ufe0f',
    '\u{1F468}\u{1F3FD}\u200d\u{1F692}',
    'a\u200d\u{1F600}',
    '\u200d\u200d\u200d',
    '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}\u200d\u{1F466}'.repeat(30),
    '\u{1F43B}\u200d\u2744\ufe0f',
  );

  for (let r = 0x1f1e6; r <= 0x1f1ff; r++) add('regional indicator', `${cp(r)} lone`);
  add('regional indicator', '\u{1F1FA}\u{1F1F8}', '\u{1F1EF}\u{1F1F5}', '\u{1F1E9}\u{1F1EA}', '\u{1F1EB}\u{1F1F7}', '\u{1F1FA}\u{1F1F8}\u{1F1FA}');
  add('regional indicator', '\u{1F1E6}'.repeat(81), '\u{1F1FA}\u{1F1F8}'.repeat(60));

  for (const text of ['\u263a', '\u2764', '\u2708', '\u2600', '\u26a0', '\u2714', '\u00a9', '\u00ae', '\u2122', '\u2194']) {
    add('variation selector', `${text}\ufe0f vs16`);
  }
  add('variation selector', '\u{1F600}\ufe0e', '\u231a\ufe0e', '\u2764\ufe0f'.repeat(100), 'a\ufe00b\ufe01c', '\u8fbb\u{e0100}');
  for (const key of ['0', '1', '9', '#', '*']) add('variation selector', `${key}\ufe0f\u20e3`);

  add(
    'indic',
    '\u0915\u094d\u0937',
    '\u0924\u094d\u0930',
    '\u091c\u094d\u091e',
    '\u0936\u094d\u0930',
    '\u0915\u093e',
    '\u0915\u093f',
    '\u0915\u0940',
    '\u0928\u092e\u0938\u094d\u0924\u0947',
    '\u0915\u094d\u0937'.repeat(100),
    '\u0995\u09cd\u09b7',
    '\u0b95\u0bcd\u0bb7',
    '\u0d15\u0d4d\u0d37',
    '\u0915\u094d\u200d\u0937',
    '\u0e01\u0e34\u0e48',
  );

  add(
    'hangul jamo',
    '\u1100\u1161\u11a8',
    '\u1100\u1161',
    '\u1112\u1175\u11c2'.repeat(40),
    '\u1161',
    '\u11a8',
    'a\u1161',
    '\uac00\u11a8',
    '\u1100\u1100\u1100',
    '\ua960\u1161',
    '\u1100\ud7b0',
    '\u1100\u1161\u11a8\u11a8',
  );

  add(
    'cjk',
    '\u65e5\u672c\u8a9e',
    '\u4e2d\u6587'.repeat(120),
    '\ud55c\uad6d\uc5b4',
    '\uff21\uff22\uff23',
    '\uff76\uff9e',
    '\u{20000}\u{2A6D6}',
    '\u3042'.repeat(41),
    'a\u65e5'.repeat(70),
    '\u{1F600}'.repeat(41),
  );

  for (const count of [1, 2, 4, 5, 10, 50]) add('combining marks', `e${'\u0301'.repeat(count)}`);
  add(
    'combining marks',
    '\u0301leading',
    ' \u0301\u0301\u0301',
    'Z\u0351\u0364\u036b\u0350\u0344\u0363\u0312\u030d\u0312'.repeat(20),
    '\u0301'.repeat(200),
    '\u20e3\u20dd',
    '\u{1F600}\u0301',
  );

  add('tags', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}');
  add('tags', [...'hidden'].map((c) => cp(0xe0000 + c.charCodeAt(0))).join(''), '\u{E0001}', 'sshd' + '\u{E0020}'.repeat(100));

  add(
    'bidi',
    'evil\u202egnp.exe',
    '\u202d\u202c',
    '\u2066x\u2069',
    '\u2067\u05e9\u05dc\u05d5\u05dd\u2069',
    '\u2068a\u2069',
    '\u200e\u200f',
    '\u061c',
    'root\u202e dhss/nibs/',
    '\u202a\u202b\u202c',
    '\u05e9\u05dc\u05d5\u05dd',
  );

  for (let c = 1; c < 0x20; c++) add('control', `c${cp(c)}c`);
  add('control', 'del\x7f');
  for (let c = 0x80; c <= 0x9f; c++) add('control', `c1${cp(c)}`);
  add('control', '\x1b]0;PWNED\x07\x1b[2J', '\x1b[1;1H\x1b[2K', '\x9b2J', '\r31337 root /sbin/sshd', '\n'.repeat(40), '\b'.repeat(20) + 'x');

  add('format', '\u00ad', 'zero\u200bwidth', '\ufeffbom', '\u0600\u0601\u0602 123', '\u2028line', '\u2029para', '\u{110bd}', '\u{13430}');
  add('unassigned', '\u{1FAE8}', '\u{1FAE9}', '\u0378', '\ufffe', '\uffff', '\u{10ffff}', '\u{E0080}', '\ufdd0', '\u{1FAE8}'.repeat(100));
  add('width changed', '\u2630\u2631\u2637', '\u268a\u268f', '\u3248\u324f', '\u{1D300}\u{1D356}', '\u{1D360}', '\u{1171E}', '\u{11700}\u{1171E}');
  return out;
}

export const WIDTH_CORPUS: readonly HostileText[] = corpus();
