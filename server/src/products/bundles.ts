/** The bundles `generate bundle <id>` makes: each product's recipe, and nginx's. */
import type { BundleRecipe } from './types';
import { PRODUCTS } from './index';
import { nginxBundle } from './nginx';

export interface BundleEntry {
  readonly id: string;
  readonly title: string;
  readonly recipe: BundleRecipe;
}

export const BUNDLES: readonly BundleEntry[] = [
  ...PRODUCTS.filter((p) => p.bundle).map((p) => ({ id: p.id, title: p.title, recipe: p.bundle! })),
  { id: 'nginx', title: 'nginx', recipe: nginxBundle },
];

export function bundleOf(id: string): BundleEntry | undefined {
  return BUNDLES.find((b) => b.id === id);
}
