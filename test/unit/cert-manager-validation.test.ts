/**
 * Agreement with cert-manager's own webhook validation: each case of its validation tests
 * (internal/apis/certmanager/validation/certificate_test.go and issuer_test.go, named in
 * test/fixtures/cert-manager-validation/README.md) is a manifest marked accept or reject. The real
 * engine checks each alone: a reject must get an error from a cert-manager/ or schema/ rule on the
 * field cert-manager names, an accept none. The figures are printed; a disagreement fails the test
 * unless it is a principle listed in PRINCIPLED (and stated in the rule's doc).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import type { Finding } from '../../server/src/engine';
import { locate, PathSegment } from '../../server/src/parse/yaml';
import type { Span } from '../../server/src/core/types';
import { checkAlone } from '../helpers/engine';
import { FIXTURES } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'cert-manager-validation');

const MISSING_KEY = 'schema/missing-key is a warning (docs/rules/schema/missing-key.md): a kustomize patch, another values file or a default may '
  + 'supply the key; the warning sits on the field cert-manager names';
const LABEL_63 = "a dnsNames label over 63 characters is no DNS name (RFC 1035 §2.3.4): cert-manager's webhook does not check dnsNames, but no "
  + 'resolver looks such a name up and public CAs refuse it (docs/rules/schema/invalid-value.md)';

/** Cases where TLS Lens knowingly differs, each with the principle its rule's doc states; `warns`: the field still gets that warning. */
const PRINCIPLED: Readonly<Record<string, { readonly why: string; readonly warns?: string }>> = {
  'certificate/reject-certificate-missing-secretname.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'certificate/reject-invalid-with-no-issuerref.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-acme-issuer-with-missing-fields.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-acme-solver-with-external-account-binding-missing-required-fields.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-ca-issuer-without-secret-name-specified.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-vault-issuer-with-missing-fields.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-invalid-auth-approle-roleid-is-required.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-invalid-auth-aws-iamrolearn-is-required-when-serviceaccountref-is-set.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-invalid-auth-aws-role-is-required.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-invalid-auth-aws-serviceaccountref-name-is-required.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-invalid-auth-kubernetes-role-is-required.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-key.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-name.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-all-required-fields.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-credentialsref-name.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-tsgid.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-url.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-invalid-azuredns-clientsecret-missing-key.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-invalid-azuredns-clientsecret-missing-secret-name.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-invalid-azuredns-managedidentity-tenantid-used-without-managedidentity-clientid.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-akamai-config.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-azuredns-config.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-clouddns-project.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-cloudflare-api-key-fields.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-cloudflare-api-token-fields.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-missing-cloudflare-email.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-rfc2136-provider-with-missing-nameserver.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'issuer/reject-route53-accesskeyidsecretref-missing-name.yaml': { why: MISSING_KEY, warns: 'schema/missing-key' },
  'certificate/accept-valid-certificate-with-commonname-and-first-dnsname-longer-than-64-bytes.yaml': { why: LABEL_63 },
  'certificate/accept-valid-certificate-with-no-commonname-and-second-dnsname-longer-than-64-bytes.yaml': { why: LABEL_63 },
};

interface Case { readonly file: string; readonly text: string; readonly reject?: readonly string[] }

function cases(): Case[] {
  const out: Case[] = [];
  for (const sub of ['certificate', 'issuer']) {
    for (const f of fs.readdirSync(path.join(DIR, sub)).filter((x) => x.endsWith('.yaml')).sort()) {
      const text = fs.readFileSync(path.join(DIR, sub, f), 'utf8');
      const m = /^# expect: (accept|reject (\S+))$/m.exec(text);
      assert.ok(m, `${sub}/${f}: no '# expect:' line`);
      out.push({ file: `${sub}/${f}`, text, ...(m[2] ? { reject: m[2].split('|') } : {}) });
    }
  }
  return out;
}

const parsePath = (p: string): PathSegment[] => p.split('.').flatMap((s) => s.split(/\[(\d+)\]/).filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x)));
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Where a finding on a field may sit: the field (key and value), or, when it is absent, the key of its nearest present parent. */
function fieldSpan(text: string, field: string): Span {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const p = parsePath(field);
  for (let n = p.length; n >= 0; n--) {
    const l = locate(doc, p.slice(0, n));
    if (!l) continue;
    const start = l.keySpan?.start ?? l.valueSpan?.start ?? 0;
    return n === p.length ? { start, end: l.valueSpan?.end ?? l.keySpan!.end } : (l.keySpan ?? { start: 0, end: text.length });
  }
  return { start: 0, end: text.length };
}

const judged = (f: Finding) => f.severity === 'error' && /^(cert-manager|schema)\//.test(f.ruleId);

function findingsOf(c: Case): readonly Finding[] {
  return checkAlone({ uri: `file:///cm/${c.file}`, languageId: 'yaml', text: c.text }).findings;
}

function verdict(c: Case): string | undefined {
  const findings = findingsOf(c).filter(judged);
  const show = (f: Finding) => `${f.ruleId} '${c.text.slice(f.span.start, f.span.end).split('\n')[0]}': ${f.message}`;
  if (!c.reject) return findings.length ? `accept flagged: ${findings.map(show).join('; ')}` : undefined;
  const spans = c.reject.map((r) => fieldSpan(c.text, r));
  if (findings.some((f) => spans.some((s) => overlaps(f.span, s)))) return undefined;
  return findings.length ? `reject flagged elsewhere: ${findings.map(show).join('; ')}` : `reject missed (${c.reject.join('|')})`;
}

describe("cert-manager's validation tests (test/fixtures/cert-manager-validation)", () => {
  it('rejects what cert-manager rejects, on its field, and stays quiet on what it accepts', () => {
    const all = cases();
    const results = all.map((c) => ({ c, problem: verdict(c) }));
    const rejects = results.filter((r) => r.c.reject);
    const accepts = results.filter((r) => !r.c.reject);
    const caught = rejects.filter((r) => !r.problem).length;
    const quiet = accepts.filter((r) => !r.problem).length;
    console.log(`cert-manager validation: ${caught + quiet}/${all.length} agree; reject caught ${caught}/${rejects.length}, accept quiet ${quiet}/${accepts.length}`);
    const unexplained = results.filter((r) => r.problem && !PRINCIPLED[r.c.file]).map((r) => `${r.c.file}: ${r.problem}`);
    console.log(`  of the ${all.length - caught - quiet} that differ, ${Object.keys(PRINCIPLED).length} follow a stated principle (PRINCIPLED)`);
    for (const [file, { why, warns }] of Object.entries(PRINCIPLED)) {
      const r = results.find((x) => x.c.file === file);
      assert.ok(r, `PRINCIPLED names ${file}, which is not a case`);
      assert.ok(r.problem, `${file} agrees now: take it out of PRINCIPLED (${why})`);
      if (!warns) continue;
      const spans = r.c.reject!.map((x) => fieldSpan(r.c.text, x));
      assert.ok(findingsOf(r.c).some((f) => f.ruleId === warns && spans.some((sp) => overlaps(f.span, sp))), `${file}: no ${warns} on ${r.c.reject!.join('|')}`);
    }
    assert.deepEqual(unexplained, []);
  });
});
