import type { Rule } from './types';
import { rule as fileTooLarge } from './core/file-too-large';
import { rule as binaryFile } from './core/binary-file';
import { rule as malformed } from './pem/malformed';
import { rule as certExpired } from './pem/cert-expired';
import { rule as certNotYetValid } from './pem/cert-not-yet-valid';
import { rule as certExpiringSoon } from './pem/cert-expiring-soon';
import { rule as weakRsaKey } from './pem/weak-rsa-key';
import { rule as weakSignature } from './pem/weak-signature';
import { rule as missingSan } from './pem/missing-san';
import { rule as caConstraints } from './pem/ca-constraints';
import { rule as validityTooLong } from './pem/validity-too-long';
import { rule as bundleOrder } from './pem/bundle-order';
import { rule as keyWithoutCert } from './pem/key-without-cert';
import { rule as yamlSyntax } from './yaml/syntax-error';
import { rule as schemaInvalidValue } from './schema/invalid-value';
import { rule as schemaUnknownKey } from './schema/unknown-key';
import { rule as schemaMissingKey } from './schema/missing-key';
import { rule as schemaPlaceholder } from './schema/placeholder-value';

/** Every rule, in the order of the rule table. */
export const RULES: readonly Rule[] = [
  fileTooLarge,
  binaryFile,
  malformed,
  certExpired,
  certNotYetValid,
  certExpiringSoon,
  weakRsaKey,
  weakSignature,
  missingSan,
  caConstraints,
  validityTooLong,
  bundleOrder,
  keyWithoutCert,
  yamlSyntax,
  schemaInvalidValue,
  schemaUnknownKey,
  schemaMissingKey,
  schemaPlaceholder,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

export const DOCS_BASE = 'https://github.com/tls-lens/tls-lens/blob/main/docs/rules/';

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
