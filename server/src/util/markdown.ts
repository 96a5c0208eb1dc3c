/**
 * Escapes text for inline Markdown (table cells, runs inside a sentence): only the characters that
 * change meaning there, so that clients showing raw Markdown (Neovim) stay readable.
 */
export function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|~])/g, '\\$1').replace(/\r?\n/g, ' ');
}

export function table(rows: readonly (readonly [string, string | undefined])[]): string {
  const body = rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `| ${k} | ${v} |`);
  return ['| | |', '|---|---|', ...body].join('\n');
}
