import { printable } from './printable';

const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes text for inline Markdown (table cells, runs inside a sentence): the characters that
 * change meaning there, so that a certificate's CN or a file name cannot make a link, an image,
 * HTML, emphasis or a new table cell, and clients showing raw Markdown (Neovim) stay readable.
 * Line breaks become spaces; other control characters are escaped (printable). GFM's bare-URL
 * autolinks (`https://`, `www.`, `a@b.c`) and protocol-relative ones (`//host`, which some
 * renderers link) are broken with an escape, which renders as nothing.
 */
export function md(text: string): string {
  return printable(text.replace(/\r?\n/g, ' '))
    .replace(/([\\`*[\]<>|~&])/g, '\\$1')
    // An underscore between letters or digits cannot open or close emphasis (CommonMark 6.2):
    // `ssl_certificate` stays as it is.
    .replace(/_/g, (u, i: number, s: string) => (WORD.test(s[i - 1] ?? '') && WORD.test(s[i + 1] ?? '') ? u : '\\_'))
    .replace(/\/(?=\/)/g, '/\\')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
}

/**
 * Text as an inline code span that nothing in it can close: a fence of more backticks than its
 * longest run (CommonMark 6.1), control characters escaped; in a table `cell`, pipes escaped
 * (GFM splits cells before it reads code spans).
 */
export function code(text: string, cell = false): string {
  const t = cell ? printable(text).replace(/\|/g, '\\|') : printable(text);
  const longest = (t.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

export function table(rows: readonly (readonly [string, string | undefined])[]): string {
  const body = rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `| ${k} | ${v} |`);
  return ['| | |', '|---|---|', ...body].join('\n');
}
