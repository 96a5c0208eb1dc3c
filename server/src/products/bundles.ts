/** The bundles `generate bundle <id>` makes: each product's recipe, and nginx's. */
import type { BundleKit } from '../core/bundle';
import type { BundleFile, BundleRecipe, Product } from './types';
import { PRODUCTS, productDocuments } from './index';
import { nginxBundle } from './nginx';

export interface BundleEntry {
  readonly id: string;
  readonly title: string;
  /** One line for the command palette and `--help`. */
  readonly description: string;
  /** Makes the bundle from the files: the recipe is handed each file's documents its product owns. */
  make(files: readonly BundleFile[], kit: BundleKit): Promise<void>;
}

function entry(id: string, title: string, recipe: BundleRecipe, product?: Product): BundleEntry {
  return {
    id, title, description: recipe.description,
    make: (files, kit) => recipe.make({ files: files.map((f) => ({ ...f, documents: product ? productDocuments(f.model, product) : [] })) }, kit),
  };
}

export const BUNDLES: readonly BundleEntry[] = [
  ...PRODUCTS.flatMap((p) => (p.bundle ? [entry(p.bundle.name ?? p.id, p.title, p.bundle, p)] : [])),
  entry('nginx', 'nginx', nginxBundle),
];

export function bundleOf(id: string): BundleEntry | undefined {
  return BUNDLES.find((b) => b.id === id);
}
