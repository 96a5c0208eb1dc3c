/**
 * How the engine worker thread is started, in one place: the launcher (dist/server.js) starts it
 * before it loads the server bundle, so the worker's own load overlaps the main thread's, and the
 * EngineClient takes that thread over (or starts one the same way when there is none: tests,
 * restarts). Without the head start an editor's first didOpen waited ~100 ms for the worker.
 */
import { Worker, WorkerOptions } from 'node:worker_threads';

export const ENGINE_WORKER_OPTIONS: WorkerOptions = {
  workerData: { tlsLensEngine: true },
  stdout: false,
  stderr: false,
  // A first document is parsed by an allocation-heavy YAML parser: a larger young generation
  // halves the scavenges it triggers (measured: first diagnostics on a 7,000-line values file -7%).
  resourceLimits: { maxYoungGenerationSizeMb: 64 },
};

interface Prestarted {
  readonly script: string;
  readonly worker: Worker;
  exited: boolean;
}

const KEY = Symbol.for('tls-lens.engine-worker');
type Holder = { [KEY]?: Prestarted };

/** Starts the engine thread ahead of the server (called by the launcher, main thread only). */
export function prestartEngineWorker(script: string): void {
  const worker = new Worker(script, ENGINE_WORKER_OPTIONS);
  const held: Prestarted = { script, worker, exited: false };
  // Until the EngineClient takes it: a failure is noted (and not thrown as an unhandled 'error').
  const onEnd = () => { held.exited = true; };
  worker.on('error', onEnd);
  worker.on('exit', onEnd);
  (globalThis as Holder)[KEY] = held;
  // Not taken (e.g. the bundle failed to load): the thread must not keep the process alive.
  worker.unref();
}

/** The engine thread for `script`: the prestarted one when it is alive, else a new one. */
export function engineWorker(script: string): Worker {
  const held = (globalThis as Holder)[KEY];
  delete (globalThis as Holder)[KEY];
  if (held && held.script === script && !held.exited) {
    held.worker.removeAllListeners();
    held.worker.ref();
    return held.worker;
  }
  if (held && !held.exited) void held.worker.terminate();
  return new Worker(script, ENGINE_WORKER_OPTIONS);
}
