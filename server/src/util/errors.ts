/** How TLS Lens speaks of its own failures. */

/** The message of a core/internal-error finding (the rule reports a model's failure; the engine a rule's). */
export function internalErrorMessage(what: string, e: unknown): string {
  return `TLS Lens failed while ${what}: ${describeInternalError(e)}. The rest of the file's findings may be missing; please report it `
    + '(the file itself is not needed).';
}

/**
 * What an internal error may say: the error's class and the first frame of our code, never its
 * message (a parser's message can quote the input, and the input may be a key).
 */
export function describeInternalError(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const frame = (err.stack ?? '').split('\n').slice(1).map((l) => /at (?:([\w.$<>]+) )?\(?.*?([\w.-]+\.[jt]s):(\d+)/.exec(l)).find((m) => m);
  return `${err.name}${err instanceof RangeError && /call stack/i.test(err.message) ? ' (stack overflow)' : ''}`
    + `${frame ? ` in ${frame[1] ?? 'anonymous'} (${frame[2]}:${frame[3]})` : ''}`;
}

