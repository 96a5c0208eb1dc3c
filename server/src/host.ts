import * as fs from 'node:fs';
import type { EngineHost } from './model/yaml';

/** The engine's window on the file system: reads only, and only what a rule asks for. */
export const nodeHost: EngineHost = {
  readFile(path: string): string | undefined {
    try {
      const st = fs.statSync(path);
      if (!st.isFile() || st.size > 8 * 1024 * 1024) return undefined;
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  readBytes(path: string): Uint8Array | undefined {
    try {
      const st = fs.statSync(path);
      if (!st.isFile() || st.size > 8 * 1024 * 1024) return undefined;
      return new Uint8Array(fs.readFileSync(path));
    } catch {
      return undefined;
    }
  },
  listDir(path: string): string[] | undefined {
    try {
      return fs.readdirSync(path);
    } catch {
      return undefined;
    }
  },
};
