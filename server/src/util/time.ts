const DAY = 86_400_000;

/** "in 23 days", "5 days ago", "in 3 hours", "today". */
export function relativeTime(when: Date, now: Date): string {
  const ms = when.getTime() - now.getTime();
  const abs = Math.abs(ms);
  let amount: string;
  if (abs >= 2 * 365 * DAY) amount = `${Math.floor(abs / (365.25 * DAY))} years`;
  else if (abs >= 2 * DAY) amount = `${Math.floor(abs / DAY)} days`;
  else if (abs >= DAY) amount = '1 day';
  else if (abs >= 2 * 3_600_000) amount = `${Math.floor(abs / 3_600_000)} hours`;
  else if (abs >= 120_000) amount = `${Math.floor(abs / 60_000)} minutes`;
  else return 'now';
  return ms >= 0 ? `in ${amount}` : `${amount} ago`;
}

/**
 * A certificate's expiry in whole days, as the inventory, its view, the CodeLens and the CLI say
 * it: "expires in 23 days", "expires today", "expired today", "expired 5 days ago", "not valid
 * until 2026-07-01".
 */
export function expiryPhrase(c: { readonly notBefore: Date; readonly notAfter: Date }, now: Date): string {
  if (c.notBefore.getTime() > now.getTime()) return `not valid until ${c.notBefore.toISOString().slice(0, 10)}`;
  const left = c.notAfter.getTime() - now.getTime();
  if (left < 0) {
    // Whole days since it expired, as relativeTime (and so pem/cert-expired) counts them.
    const ago = Math.floor(-left / DAY);
    return ago === 0 ? 'expired today' : `expired ${ago} day${ago === 1 ? '' : 's'} ago`;
  }
  const d = Math.floor(left / DAY);
  if (d === 0) return 'expires today';
  return `expires in ${d} day${d === 1 ? '' : 's'}`;
}

export function daysBetween(a: Date, b: Date): number {
  return (b.getTime() - a.getTime()) / DAY;
}

export function isoDate(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
