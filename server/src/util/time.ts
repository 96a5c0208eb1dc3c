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

export function daysBetween(a: Date, b: Date): number {
  return (b.getTime() - a.getTime()) / DAY;
}

export function isoDate(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
