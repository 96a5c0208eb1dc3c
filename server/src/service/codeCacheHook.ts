/**
 * Saves this thread's compiled code to the V8 code cache, in the build's warm-up session only
 * (the launcher, launch/server.ts, defines the hook when TLS_LENS_WRITE_CODE_CACHE=1; otherwise this does nothing).
 */
export function writeCodeCache(): void {
  (globalThis as { __tlsLensWriteCodeCache?: () => void }).__tlsLensWriteCodeCache?.();
}
