/** Indexes workspace folders from disk in the background, yielding to the event loop as it goes. */
import { collectFiles } from './files';
import type { WorkspaceIndex } from './index';

export async function scanFolders(
  index: WorkspaceIndex,
  options: {
    skip: (file: string) => boolean;
    index?: (file: string) => void;
    progress?: (percent: number, message: string) => void;
    maxFileSizeKB?: number;
  },
): Promise<number> {
  const { files, skippedLarge } = collectFiles(index.roots, options.maxFileSizeKB ?? 2048);
  index.skippedLarge = skippedLarge;
  const add = options.index ?? ((file: string) => index.indexFile(file));
  // Yield every ~20 ms (not every n files: one large file can take that alone), so an edit to an
  // open document is checked while the scan goes on.
  let last = performance.now();
  for (let i = 0; i < files.length; i++) {
    if (!options.skip(files[i])) add(files[i]);
    if (performance.now() - last > 20 || i === files.length - 1) {
      options.progress?.(Math.round((100 * (i + 1)) / files.length), `${i + 1}/${files.length} files`);
      await new Promise((r) => setImmediate(r));
      last = performance.now();
    }
  }
  index.complete = true;
  return files.length;
}
