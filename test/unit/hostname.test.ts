import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { coversHost } from '../../server/src/x509/hostname';
import type { GeneralName } from '../../server/src/x509/extensions';

const dns = (...v: string[]): GeneralName[] => v.map((value) => ({ type: 'dns', value }));

describe('hostname matching (RFC 6125 §6.4, RFC 9525)', () => {
  it('exact and case-insensitive', () => {
    assert.ok(coversHost(dns('App.Example.COM'), 'app.example.com'));
    assert.ok(coversHost(dns('app.example.com'), 'APP.example.com.'));
    assert.ok(!coversHost(dns('app.example.com'), 'www.example.com'));
  });
  it('a wildcard is the whole left-most label and matches exactly one label', () => {
    assert.ok(coversHost(dns('*.example.com'), 'a.example.com'));
    assert.ok(!coversHost(dns('*.example.com'), 'example.com'), 'not the apex');
    assert.ok(!coversHost(dns('*.example.com'), 'a.b.example.com'), 'one label only');
    assert.ok(!coversHost(dns('f*.example.com'), 'foo.example.com'), 'no partial labels');
    assert.ok(!coversHost(dns('a.*.com'), 'a.b.com'));
    assert.ok(!coversHost(dns('*.com'), 'example.com'), 'not a public suffix');
    assert.ok(!coversHost(dns('*.co.uk'), 'example.co.uk'), 'not a public suffix');
  });
  it('IP addresses only against IP SANs, in any textual form', () => {
    const ip: GeneralName[] = [{ type: 'ip', value: '::1' }, { type: 'ip', value: '10.0.0.1' }];
    assert.ok(coversHost(ip, '0:0:0:0:0:0:0:1'));
    assert.ok(coversHost(ip, '[::1]'));
    assert.ok(coversHost(ip, '10.0.0.1'));
    assert.ok(!coversHost(dns('10.0.0.1'), '10.0.0.1'), 'an IP in a DNS SAN does not count');
  });
  it('IDNs in A-label form; no SAN covers nothing (the CN is ignored)', () => {
    assert.ok(coversHost(dns('xn--bcher-kva.example'), 'bücher.example'));
    assert.ok(!coversHost(undefined, 'app.example.com'));
  });
});
