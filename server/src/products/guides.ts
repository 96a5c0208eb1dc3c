/**
 * The product guides TLS Lens's product knowledge comes from, named as their readers know them:
 * rule citations, schema sources, the README and generated bundles cite these names and sections.
 */
export const GUIDES = {
  /** OpsChain documentation, "TLS" (LimePoint). */
  opschain: 'OpsChain TLS guide',
  /** Armory, "Configure mTLS for Spinnaker Services". */
  spinnaker: 'Spinnaker mTLS guide',
  /** OpenChoreo, "mTLS Setup for Cluster Gateway and Agent with External CA". */
  openchoreo: 'OpenChoreo external-CA guide',
  /** Aragora, "TLS Configuration Guide". */
  aragora: 'Aragora TLS guide',
  /** certctl's Helm chart (README, values.yaml) and its readiness-probe fix (U-2). */
  certctl: 'certctl Helm chart guide',
} as const;
