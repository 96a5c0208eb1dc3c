/** The clock: TLS_LENS_NOW (ISO date) pins it for tests and reproducible demos. */
export function now(): Date {
  const pinned = process.env.TLS_LENS_NOW;
  return pinned ? new Date(pinned) : new Date();
}
