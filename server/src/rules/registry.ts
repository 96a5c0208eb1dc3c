import type { Rule } from './types';
import { CONSTRAINT_RULES } from './constraint-rules';
import { rule as fileTooLarge } from './core/file-too-large';
import { rule as binaryFile } from './core/binary-file';
import { rule as analysisLimit } from './core/analysis-limit';
import { rule as internalError } from './core/internal-error';
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
import { rule as k8sInvalidSecretData } from './k8s/invalid-secret-data';
import { rule as schemaInvalidValue } from './schema/invalid-value';
import { rule as schemaUnknownKey } from './schema/unknown-key';
import { rule as schemaMissingKey } from './schema/missing-key';
import { rule as schemaPlaceholder } from './schema/placeholder-value';
import { rule as nginxSyntaxError } from './nginx/syntax-error';
import { rule as nginxDirectiveContext } from './nginx/directive-context';
import { rule as nginxDirectiveArgs } from './nginx/directive-args';
import { rule as nginxUnknownSslDirective } from './nginx/unknown-ssl-directive';
import { rule as nginxSslProtocolsLegacy } from './nginx/ssl-protocols-legacy';
import { rule as nginxSslCiphersWeak } from './nginx/ssl-ciphers-weak';
import { rule as nginxMissingCertificate } from './nginx/missing-certificate';
import { rule as nginxStaplingResolver } from './nginx/stapling-resolver';
import { rule as nginxStaplingTrustedCertificate } from './nginx/stapling-trusted-certificate';
import { rule as nginxHstsMissing } from './nginx/hsts-missing';
import { rule as nginxHstsMaxAge } from './nginx/hsts-max-age';
import { rule as nginxHstsAlways } from './nginx/hsts-always';
import { rule as nginxSslOn } from './nginx/ssl-on';
import { rule as nginxListenHttp2 } from './nginx/listen-http2';
import { rule as nginxSslSessionTickets } from './nginx/ssl-session-tickets';
import { rule as nginxDheWithoutDhparam } from './nginx/dhe-without-dhparam';
import { rule as nginxHttpNoRedirect } from './nginx/http-no-redirect';
import { rule as nginxPreferServerCiphers } from './nginx/prefer-server-ciphers';
import { rule as nginxListenParameter } from './nginx/listen-parameter';
import { rule as nginxEcdhCurveUnknown } from './nginx/ecdh-curve-unknown';
import { rule as nginxStaplingWithoutOcsp } from './nginx/stapling-without-ocsp';
import { rule as xrefHostnameNotCovered } from './xref/hostname-not-covered';
import { rule as xrefIngressHostWithoutTls } from './xref/ingress-host-without-tls';
import { rule as xrefKeyMismatch } from './xref/key-mismatch';
import { rule as xrefChainToCa } from './xref/chain-to-ca';
import { rule as xrefWrongRole } from './xref/wrong-role';
import { rule as xrefPlaneidCn } from './xref/planeid-cn';
import { rule as xrefUnresolvedReference } from './xref/unresolved-reference';
import { rule as xrefKeystoreUnreadable } from './xref/keystore-unreadable';
import { rule as opschainInsecureHttpDisabled } from './opschain/insecure-http-disabled';
import { rule as spinnakerWrongServiceKeys } from './spinnaker/wrong-service-keys';
import { rule as spinnakerMtlsRollout } from './spinnaker/mtls-rollout';
import { rule as openchoreoAgentClientCa } from './openchoreo/agent-client-ca';
import { rule as openchoreoServerUrlCovered } from './openchoreo/server-url-covered';
import { rule as certManagerWildcardHttp01 } from './cert-manager/wildcard-http01';
import { rule as certManagerIssuerNotFound } from './cert-manager/issuer-not-found';
import { rule as helmIngressTlsWithoutSecret } from './helm-ingress/tls-without-secret';

/** Every rule, in the order of the rule table. */
export const RULES: readonly Rule[] = [
  fileTooLarge,
  binaryFile,
  analysisLimit,
  internalError,
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
  k8sInvalidSecretData,
  schemaInvalidValue,
  schemaUnknownKey,
  schemaMissingKey,
  schemaPlaceholder,
  nginxSyntaxError,
  nginxDirectiveContext,
  nginxDirectiveArgs,
  nginxUnknownSslDirective,
  nginxSslProtocolsLegacy,
  nginxSslCiphersWeak,
  nginxMissingCertificate,
  nginxStaplingResolver,
  nginxStaplingTrustedCertificate,
  nginxHstsMissing,
  nginxHstsMaxAge,
  nginxHstsAlways,
  nginxSslOn,
  nginxListenHttp2,
  nginxSslSessionTickets,
  nginxDheWithoutDhparam,
  nginxHttpNoRedirect,
  nginxPreferServerCiphers,
  nginxListenParameter,
  nginxEcdhCurveUnknown,
  nginxStaplingWithoutOcsp,
  xrefHostnameNotCovered,
  xrefIngressHostWithoutTls,
  xrefKeyMismatch,
  xrefChainToCa,
  xrefWrongRole,
  xrefPlaneidCn,
  xrefUnresolvedReference,
  xrefKeystoreUnreadable,
  opschainInsecureHttpDisabled,
  spinnakerWrongServiceKeys,
  spinnakerMtlsRollout,
  openchoreoAgentClientCa,
  openchoreoServerUrlCovered,
  certManagerWildcardHttp01,
  certManagerIssuerNotFound,
  helmIngressTlsWithoutSecret,
  ...CONSTRAINT_RULES,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

export const DOCS_BASE = 'https://github.com/tls-lens/tls-lens/blob/main/docs/rules/';

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
