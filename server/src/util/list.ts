/**
 * A list in a message names a few items and counts the rest: a certificate with 50,000 SANs must
 * not make a 50,000-name message for every host it fails to cover.
 */
export function someOf(items: readonly string[], max = 5, empty = 'none'): string {
  if (items.length === 0) return empty;
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
