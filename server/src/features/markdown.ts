/** Escapes text for a Markdown table cell or inline run. */
export function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>()#+\-.!|~])/g, '\\$1').replace(/\r?\n/g, ' ');
}

export function table(rows: readonly (readonly [string, string | undefined])[]): string {
  const body = rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `| ${k} | ${v} |`);
  return ['| | |', '|---|---|', ...body].join('\n');
}
