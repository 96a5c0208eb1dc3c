/** Indexes workspace folders from disk in the background, yielding to the event loop as it goes. */
import { collectFiles } from './files';
import type { WorkspaceIndex } from './index';

export async function scanFolders(index: WorkspaceIndex, options: { skip: (file: string) => boolean; index?: (file: string) => void; progress?: (percent: number, message: string) => void; maxFileSizeKB?: number }): Promise<number> {
  const { files } = collectFiles(index.roots, options.maxFileSizeKB ?? 2048);
  const add = options.index ?? ((file: string) => index.indexFile(file));
  for (let i = 0; i < files.length; i++) {
    if (!options.skip(files[i])) add(files[i]);
    if (i % 50 === 49) {
      options.progress?.(Math.round((100 * i) / files.length), `${i + 1}/${files.length} files`);
      await new Promise((r) => setImmediate(r));
    }
  }
  index.complete = true;
  return files.length;
}
