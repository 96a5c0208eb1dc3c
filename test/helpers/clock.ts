/** The fixed clock of every fixture: generated validity dates are relative to it, and tests run at it. */
export const FIXTURE_NOW = new Date('2026-06-01T00:00:00Z');
export const DAY = 86_400_000;
export const days = (n: number): Date => new Date(FIXTURE_NOW.getTime() + n * DAY);
