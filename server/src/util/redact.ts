/**
 * Values from the user's files that a message quotes (a Secret name, a path, a hostname) are
 * quoted through here: one line, bounded, and never when they look like key material (a PEM
 * armour, or a long run of base64, as when a key is pasted where a name belongs).
 */
const PEM = /-----(BEGIN|END) [A-Z0-9 ]+-----/;
const BASE64_RUN = /[A-Za-z0-9+/]{32,}/;

export function looksSecret(s: string): boolean {
  return PEM.test(s) || BASE64_RUN.test(s);
}

/** A user value as a message may show it. */
export function quoteUser(s: string, max = 80): string {
  if (looksSecret(s)) return '(hidden: it looks like key material)';
  const one = s.replace(/[\r\n\t]+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * A configuration token as messages may quote it: one word, at most 40 characters, no line
 * breaks. A message never quotes a whole statement (it may hold a secret: a password in a proxy
 * header, a key).
 */
export function quoteToken(value: string): string {
  const one = value.replace(/[\r\n\t]+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}…` : one;
}
