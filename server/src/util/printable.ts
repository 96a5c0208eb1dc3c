/**
 * Text from a repository (a certificate's CN or SAN, a file name, a YAML key or value a message
 * quotes) as a terminal, a log or a text file may show it: every control character (C0, DEL, C1)
 * and every bidirectional control written as an escape (`\e`, `\n`, `\x07`, `\u202e`). A
 * repository then cannot move the cursor, set the window title, clear the screen, start a line
 * of its own (a forged finding) or reverse the text that follows. JSON and SARIF encode these
 * characters already; this is for the outputs that do not.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' };

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** The text with its control and bidirectional characters escaped; anything else as it is. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escape);
}

