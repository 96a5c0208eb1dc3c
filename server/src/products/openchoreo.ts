/**
 * OpenChoreo, OpenChoreo external-CA guide: the control
 * plane's cluster gateway (a server certificate for its dnsNames), one cluster agent per plane
 * (a client certificate whose CN is the planeID), and the plane CRs whose clientCA verifies them.
 */
import { isIP } from 'node:net';
import { buildPemModel } from '../model/pem';
import { arr, at, has, located, obj, str } from './json';
import type { Located } from '../core/types';
import type { Fact, FactKind, RequiredName, SecretTarget, ServerFact } from '../model/refs';
import type { BundleFile, BundleRecipe, Product, ProductDocument } from './types';
import { replaceWithBlock } from '../model/yamlEdit';
import { LineIndex } from '../util/lineIndex';
import { GUIDES } from './guides';
import { fileName } from '../core/names';

export const PLANE_KINDS: Readonly<Record<string, string>> = {
  DataPlane: 'dataplane', ClusterDataPlane: 'dataplane',
  BuildPlane: 'workflowplane', ClusterBuildPlane: 'workflowplane', WorkflowPlane: 'workflowplane', ClusterWorkflowPlane: 'workflowplane',
  ObservabilityPlane: 'observabilityplane', ClusterObservabilityPlane: 'observabilityplane',
};

/** buildplane is the guide's name for what upstream now calls the workflow plane. */
export function planeTypeOf(t: string | undefined): string {
  const v = (t ?? 'dataplane').toLowerCase();
  return v === 'buildplane' ? 'workflowplane' : v;
}

/** The namespace each plane's agent runs in, in the guide's quick reference (Step 4). */
export const AGENT_NAMESPACES: Readonly<Record<string, readonly string[]>> = {
  dataplane: ['openchoreo-data-plane'],
  workflowplane: ['openchoreo-build-plane', 'openchoreo-workflow-plane'],
  observabilityplane: ['openchoreo-observability-plane'],
};

export const DEFAULT_GATEWAY_DNS = ['cluster-gateway.openchoreo-control-plane.svc', 'cluster-gateway.openchoreo-control-plane.svc.cluster.local'];

const SECTION = GUIDES.openchoreo;

/** The control plane's namespace: the gateway's Secret is there (the guide's Quick Reference). */
export const CONTROL_PLANE_NS = 'openchoreo-control-plane';

/** The gateway's Secret when its values do not name one. */
const DEFAULT_GATEWAY_SECRET = 'cluster-gateway-tls';

/** The control plane's cluster gateway: a server agents connect to. */
export interface GatewayFact extends ServerFact { readonly kind: 'openchoreo-gateway' }
/** A plane's cluster agent (its values file). */
export interface AgentFact extends Fact {
  readonly kind: 'openchoreo-agent';
  readonly planeType: string;
  readonly planeID?: Located;
  readonly serverUrl?: Located;
  readonly clientSecret?: Located;
}
/** A plane CR (DataPlane, WorkflowPlane, …): its planeID, and the group of its clientCA references. */
export interface PlaneFact extends Fact {
  readonly kind: 'openchoreo-plane';
  readonly crKind: string;
  readonly planeType: string;
  readonly planeID?: Located;
  readonly group: string;
}

export const GATEWAY: FactKind<GatewayFact> = { kind: 'openchoreo-gateway' };
export const AGENT: FactKind<AgentFact> = { kind: 'openchoreo-agent' };
export const PLANE: FactKind<PlaneFact> = { kind: 'openchoreo-plane' };

/** The gateway's certificate, where its Secret is. */
const gatewaySecret = (name: string): SecretTarget => ({ target: name, key: 'tls.crt', namespaces: [CONTROL_PLANE_NS] });

/** An agent's planeID as the CN its client certificate must carry. */
const planeCN = (planeID: Located | undefined): RequiredName | undefined =>
  planeID && { ...planeID, what: 'planeID', holder: "agent's client certificate", effect: 'the gateway will not match it to a plane CR' };

/**
 * The guide's whole set (Steps 1-6): a CA; the gateway's server certificate for its dnsNames and
 * every agent's serverUrl host; one client certificate per planeID (CN = planeID, clientAuth);
 * the Secrets and ConfigMaps of the Quick Reference in their namespaces; the plane CRs' clientCA.
 */
const bundle: BundleRecipe = {
  description: 'CA, cluster gateway server certificate, one agent client certificate per planeID, the Secrets and ConfigMaps of the guide\'s Quick Reference, and the plane CRs\' clientCA (OpenChoreo external-CA guide).',
  async make(input, kit) {
    const gateways: { dns: string[]; secret: string }[] = [];
    const agents = new Map<string, { planeID: string; planeType: string; secret: string; caMap: string }>();
    const extraHosts: string[] = [];
    const planes: {
      file: string; shown: string; model: BundleFile['model']; document: ProductDocument; kind: string; name: string; namespace?: string;
      planeID: string; planeType: string; inline: boolean; secretRef?: { name: string; namespace?: string; key: string; kind: 'secretRef' | 'secretKeyRef' };
    }[] = [];
    for (const f of input.files) {
      for (const d of f.documents) {
        const j = d.json;
        const kind = str(j.kind);
        if (kind) {
          const spec = obj(j.spec) ?? {};
          const ca = obj(obj(spec.clusterAgent)?.clientCA) ?? {};
          const refKey = ca.secretRef ? 'secretRef' : ca.secretKeyRef ? 'secretKeyRef' : undefined;
          const ref = refKey ? obj(ca[refKey]) : undefined;
          planes.push({
            file: f.path, shown: f.shown ?? f.path, model: f.model, document: d, kind,
            name: str(obj(j.metadata)?.name) ?? kind, namespace: str(obj(j.metadata)?.namespace),
            planeID: str(spec.planeID) ?? 'default', planeType: PLANE_KINDS[kind] ?? 'dataplane', inline: ca.value !== undefined || !refKey,
            ...(ref && str(ref.name) ? {
              secretRef: {
                name: str(ref.name)!, namespace: str(ref.namespace) ?? str(obj(j.metadata)?.namespace), key: str(ref.key) ?? 'ca.crt',
                kind: refKey!,
              },
            } : {}),
          });
          continue;
        }
        const gw = obj(j.clusterGateway);
        if (gw && (obj(gw.tls) || has(j, 'controllerManager'))) {
          const tls = obj(gw.tls) ?? {};
          const dns = arr(tls.dnsNames).map(str).filter((x): x is string => !!x);
          gateways.push({ dns: dns.length ? dns : [...DEFAULT_GATEWAY_DNS], secret: str(tls.secretName) ?? DEFAULT_GATEWAY_SECRET });
        }
        const agent = obj(j.clusterAgent);
        if (agent) {
          const tls = obj(agent.tls) ?? {};
          const planeID = str(agent.planeID) ?? 'default';
          const planeType = planeTypeOf(str(agent.planeType));
          agents.set(`${planeType}/${planeID}`, {
            planeID, planeType, secret: str(tls.clientSecretName) ?? 'cluster-agent-tls',
            caMap: str(tls.serverCAConfigMap) ?? 'cluster-gateway-ca',
          });
          const url = str(agent.serverUrl);
          if (url) { try { extraHosts.push(new URL(url).hostname.replace(/^\[|\]$/g, '')); } catch { /* not a URL: the schema reports it */ } }
        }
      }
    }
    // A plane CR without an agent values file still has an agent: its planeID needs a certificate.
    for (const p of planes) {
      if (![...agents.values()].some((a) => a.planeID === p.planeID && a.planeType === p.planeType)) {
        agents.set(`${p.planeType}/${p.planeID}`, {
          planeID: p.planeID, planeType: p.planeType, secret: 'cluster-agent-tls', caMap: 'cluster-gateway-ca',
        });
      }
    }
    if (!gateways.length && !agents.size) return;
    if (!gateways.length) gateways.push({ dns: [...DEFAULT_GATEWAY_DNS], secret: DEFAULT_GATEWAY_SECRET });
    kit.reserve(1 + new Set([...agents.values()].map((a) => a.planeID)).size);
    const ca = await kit.ca('OpenChoreo CA', 'OpenChoreo');
    kit.caCertificate('ca.crt', ca, 'The CA that signs the gateway and agent certificates (OpenChoreo external-CA guide, Step 1).');
    const names = [...new Set([...gateways.flatMap((g) => g.dns), ...extraHosts])];
    const gw = await kit.leaf({
      role: 'server', cn: 'cluster-gateway', org: 'OpenChoreo', dns: names.filter((n) => !isIP(n)), ip: names.filter((n) => isIP(n)),
      issuer: ca,
    });
    await kit.pem(
      gw, 'gateway-server.crt', 'gateway-server.key', 'cluster-gateway',
      'The cluster gateway\'s server certificate (serverAuth) (OpenChoreo external-CA guide, Step 2).',
    );
    for (const secret of new Set(gateways.map((g) => g.secret))) {
      await kit.tlsSecret(`${CONTROL_PLANE_NS}/${secret}.yaml`, {
        name: secret, namespace: CONTROL_PLANE_NS, leaf: gw,
        purpose: `Secret ${secret}: the gateway's server certificate (OpenChoreo external-CA guide, Step 4).`,
      });
    }
    kit.caObject(`${CONTROL_PLANE_NS}/cluster-gateway-ca.yaml`, {
      kind: 'ConfigMap', name: 'cluster-gateway-ca', namespace: CONTROL_PLANE_NS, ca,
      purpose: 'ConfigMap cluster-gateway-ca: the CA for the controller-manager (OpenChoreo external-CA guide, Step 4).',
    });
    const byPlane = new Map<string, Awaited<ReturnType<typeof kit.leaf>>>();
    for (const a of agents.values()) {
      const ns = AGENT_NAMESPACES[a.planeType]?.[0] ?? 'openchoreo-data-plane';
      let leaf = byPlane.get(a.planeID);
      // Planes of one type run in one namespace of their own clusters: each plane's objects in a folder of its own.
      const shared = [...agents.values()].filter((x) => x.planeType === a.planeType).length > 1;
      const dir = shared ? `${ns}/${fileName('the planeID', a.planeID)}` : ns;
      const base = `agent-${a.planeType}${agents.size > 3 || shared ? `-${fileName('the planeID', a.planeID)}` : ''}`;
      if (!leaf) {
        leaf = await kit.leaf({ role: 'client', cn: a.planeID, org: 'OpenChoreo', issuer: ca });
        byPlane.set(a.planeID, leaf);
      }
      await kit.pem(
        leaf, `${base}.crt`, `${base}.key`, a.planeID,
        `The ${a.planeType} agent's client certificate: CN=${a.planeID} (its planeID), clientAuth (OpenChoreo external-CA guide, Step 3).`,
      );
      await kit.tlsSecret(`${dir}/${a.secret}.yaml`, {
        name: a.secret, namespace: ns, leaf,
        purpose: `Secret ${a.secret}: the ${a.planeType} agent's client certificate (OpenChoreo external-CA guide, Step 4).`,
      });
      // A Secret and a ConfigMap may share a name; their files may not.
      kit.caObject(`${dir}/${a.caMap}${a.caMap === a.secret ? '.configmap' : ''}.yaml`, {
        kind: 'ConfigMap', name: a.caMap, namespace: ns, ca,
        purpose: `ConfigMap ${a.caMap}: the CA the ${a.planeType} agent verifies the gateway with (OpenChoreo external-CA guide, Step 4).`,
      });
    }
    const pem = kit.pemOf(ca);
    for (const p of planes) {
      if (p.secretRef) {
        const ns = p.secretRef.namespace ?? p.namespace;
        kit.caObject(`${ns ?? 'default'}/${p.secretRef.name}.yaml`, {
          kind: 'Secret', name: p.secretRef.name, namespace: ns, ca, key: p.secretRef.key,
          purpose: `Secret ${p.secretRef.name}: the clientCA of ${p.kind} ${p.name} (OpenChoreo external-CA guide, Step 6).`,
        });
        continue;
      }
      const e = replaceWithBlock(p.model, p.document, ['spec', 'clusterAgent', 'clientCA', 'value'], pem);
      if (e) {
        kit.edit({
          file: p.file, start: e.span.start, end: e.span.end, text: e.newText, line: new LineIndex(p.model.text).positionAt(e.span.start).line + 1,
          under: 'spec.clusterAgent.clientCA', description: `${p.kind} ${p.name}: clientCA.value set to the new CA (OpenChoreo external-CA guide, Step 6).`,
        });
      } else {
        kit.note(`${p.kind} ${p.name} (${p.shown}): set spec.clusterAgent.clientCA.value to the contents of ca.crt (OpenChoreo external-CA guide, Step 6).`);
      }
    }
    kit.snippet(
      'plane-client-ca.yaml',
      '# spec.clusterAgent of each DataPlane, BuildPlane/WorkflowPlane and ObservabilityPlane CR (OpenChoreo external-CA guide, Step 6)\n'
        + `clusterAgent:\n  clientCA:\n    value: |\n${pem.trimEnd().split('\n').map((l) => `      ${l}`).join('\n')}\n`,
      'clientCA', 'The plane CRs\' clientCA, to paste (OpenChoreo external-CA guide, Step 6).',
    );
  },
};

export const openchoreo: Product = {
  id: 'openchoreo',
  title: 'OpenChoreo',
  guide: `${GUIDES.openchoreo} ("mTLS Setup for Cluster Gateway and Agent with External CA")`,
  summary: 'The control plane\'s cluster gateway serves a WebSocket endpoint with a server certificate; each plane\'s cluster agent connects with a client certificate whose CN is its `planeID`, verified by the `clientCA` of the plane CRs with that planeID.',
  schemas: { openchoreo: 'openchoreo-values.schema.json', 'openchoreo-plane': 'openchoreo-plane.schema.json' },
  kinds: [{ apiVersion: /^(core\.)?openchoreo\.dev\/v1alpha1$/, kinds: Object.keys(PLANE_KINDS), schema: 'openchoreo-plane' }],
  values: {
    schema: 'openchoreo',
    recognise(json) {
      const agent = obj(json.clusterAgent);
      const gateway = obj(json.clusterGateway);
      const keys: string[] = [];
      if (agent && ['tls', 'planeID', 'planeType', 'serverUrl'].some((k) => agent[k] !== undefined)) keys.push('clusterAgent');
      if (gateway && ['tls', 'port', 'tlsRoute', 'internalMtls'].some((k) => gateway[k] !== undefined)) keys.push('clusterGateway');
      if (keys.length && has(json, 'controllerManager')) keys.push('controllerManager');
      return keys.length ? keys : undefined;
    },
  },
  refs(d, out) {
    const { json, doc } = d;
    const g = (s: string) => `d${d.index}:${s}`;
    const kind = str(json.kind);
    if (kind) {
      const ns = str(obj(json.metadata)?.namespace);
      const spec = obj(json.spec) ?? {};
      const planeID = located(doc, ['spec', 'planeID'], spec.planeID);
      const ca = obj(obj(spec.clusterAgent)?.clientCA) ?? {};
      const plane: PlaneFact = {
        kind: 'openchoreo-plane', crKind: kind, planeType: PLANE_KINDS[kind] ?? 'dataplane', planeID, group: g('clientCA'),
        span: at(doc, ['metadata', 'name']) ?? at(doc, ['kind']) ?? { start: doc.range[0], end: doc.range[0] + 1 },
      };
      out.facts.push(plane);
      if (planeID) out.clients.push(planeID);
      const value = str(ca.value);
      const valueSpan = value ? at(doc, ['spec', 'clusterAgent', 'clientCA', 'value']) : undefined;
      if (value && valueSpan) {
        out.references.push({
          kind: 'inline', span: valueSpan, target: 'clientCA.value', role: 'ca', group: g('clientCA'),
          inline: buildPemModel(value, { singleBundle: true }), via: `${kind} clientCA.value`,
        });
      }
      for (const refKey of ['secretRef', 'secretKeyRef']) {
        const ref = obj(ca[refKey]);
        const refName = located(doc, ['spec', 'clusterAgent', 'clientCA', refKey, 'name'], ref?.name);
        if (ref && refName) {
          out.references.push({
            kind: 'secret', span: refName.span, target: refName.value, namespace: str(ref.namespace) ?? ns, key: str(ref.key) ?? 'ca.crt',
            role: 'ca', group: g('clientCA'), via: `${kind} clientCA.${refKey}`,
          });
        }
      }
      return;
    }
    const agent = obj(json.clusterAgent);
    if (agent) {
      const tls = obj(agent.tls);
      const planeID = located(doc, ['clusterAgent', 'planeID'], agent.planeID);
      const client = located(doc, ['clusterAgent', 'tls', 'clientSecretName'], tls?.clientSecretName);
      const planeType = planeTypeOf(str(agent.planeType));
      const subjectCN = planeCN(planeID);
      if (client) {
        out.references.push({
          kind: 'secret', span: client.span, target: client.value, key: 'tls.crt', role: 'client', group: g('agent'),
          ...(subjectCN ? { subjectCN } : {}), via: 'clusterAgent.tls.clientSecretName', namespaces: AGENT_NAMESPACES[planeType],
        });
      }
      const ca = located(doc, ['clusterAgent', 'tls', 'serverCAConfigMap'], tls?.serverCAConfigMap);
      // The CA agents verify the gateway with must have issued the gateway's certificate.
      const issues = { servers: { fact: GATEWAY, otherwise: gatewaySecret(DEFAULT_GATEWAY_SECRET) } };
      if (ca) {
        out.references.push({
          kind: 'configmap', span: ca.span, target: ca.value, key: 'ca.crt', role: 'ca', group: g('agent-server-ca'), issues,
          via: 'clusterAgent.tls.serverCAConfigMap', namespaces: AGENT_NAMESPACES[planeType],
        });
      }
      const agentFact: AgentFact = {
        kind: 'openchoreo-agent', planeType, planeID, serverUrl: located(doc, ['clusterAgent', 'serverUrl'], agent.serverUrl),
        clientSecret: client, span: at(doc, ['clusterAgent']) ?? { start: doc.range[0], end: doc.range[0] + 1 },
      };
      out.facts.push(agentFact);
      if (planeID) out.clients.push(planeID);
    }
    const gateway = obj(json.clusterGateway);
    if (gateway) {
      const gw = obj(gateway.tls);
      const dnsNames = arr(gw?.dnsNames).map((h, j) => located(doc, ['clusterGateway', 'tls', 'dnsNames', j], h)).filter((x): x is Located => !!x);
      const gwSecret = located(doc, ['clusterGateway', 'tls', 'secretName'], gw?.secretName);
      if (gwSecret) {
        out.references.push({
          kind: 'secret', span: gwSecret.span, target: gwSecret.value, key: 'tls.crt', role: 'serve', group: g('gateway'), hosts: dnsNames,
          via: 'clusterGateway.tls.secretName',
        });
      }
      const gatewayFact: GatewayFact = {
        kind: 'openchoreo-gateway', dnsNames: dnsNames.length ? dnsNames.map((n) => n.value) : DEFAULT_GATEWAY_DNS,
        secret: gatewaySecret(gwSecret?.value ?? DEFAULT_GATEWAY_SECRET),
        span: at(doc, ['clusterGateway']) ?? { start: doc.range[0], end: doc.range[0] + 1 },
      };
      out.facts.push(gatewayFact);
    }
  },
  constraints: [
    {
      kind: 'renewal', name: 'renewal', schema: 'openchoreo', severity: 'error',
      pairs: [
        { duration: 'clusterGateway.tls.duration', renewBefore: 'clusterGateway.tls.renewBefore' },
        { duration: 'clusterAgent.tls.duration', renewBefore: 'clusterAgent.tls.renewBefore' },
        { duration: 'clusterGateway.internalMtls.clientCertDuration', renewBefore: 'clusterGateway.internalMtls.clientCertRenewBefore' },
      ],
      description: 'A gateway or agent certificate (issued by cert-manager from these values) whose `renewBefore` is not shorter than its `duration`, or too short: cert-manager rejects the Certificate.',
      citation: `${SECTION}, "What cert-manager Does by Default"; cert-manager Certificate validation`,
      message: '{{problem}}',
      fixText: 'Keep `renewBefore` well below `duration` (the chart\'s defaults: 2160h and 360h).',
    },
    {
      kind: 'requires', name: 'agent-tls-settings', schema: 'openchoreo', severity: 'warning',
      when: { path: 'clusterAgent.tls.enabled', equals: [true] },
      then: [{ path: 'clusterAgent.planeID' }, { path: 'clusterAgent.tls.clientSecretName' }, { path: 'clusterAgent.tls.serverCAConfigMap' }],
      description: 'An agent with `clusterAgent.tls.enabled: true` but no `planeID` (the CN its client certificate must carry), `clientSecretName` (its client certificate) or `serverCAConfigMap` (the CA it verifies the gateway with).',
      citation: `${SECTION}, Step 5 ("Data Plane Values", "Build Plane and Observability Plane Values")`,
      message: 'clusterAgent.tls is enabled but {{missing}} is not set here (another values file may set it): the agent needs its planeID, its client certificate Secret and the gateway CA ConfigMap.',
      fixText: 'Set `clusterAgent.planeID`, `clusterAgent.tls.clientSecretName` (the `kubernetes.io/tls` Secret with the agent\'s client certificate) and `clusterAgent.tls.serverCAConfigMap` (the ConfigMap with the CA in `ca.crt`), as in Step 5.',
    },
  ],
  knows: [
    'The gateway\'s server certificate must cover `clusterGateway.tls.dnsNames` (default `cluster-gateway.openchoreo-control-plane.svc` and `….svc.cluster.local`) and every agent\'s `clusterAgent.serverUrl` host, with serverAuth (OpenChoreo external-CA guide, Step 2).',
    'Each agent\'s client certificate has CN = `clusterAgent.planeID` and clientAuth only (OpenChoreo external-CA guide, Step 3); it lives in the Secret `clientSecretName` of the plane\'s namespace (OpenChoreo external-CA guide, Step 4 and Quick Reference).',
    'The gateway verifies an agent with the `clientCA` of the plane CRs of its type with its planeID; any of them may accept it ("certificate not valid for any CR", OpenChoreo external-CA guide, Troubleshooting).',
    'Agents verify the gateway with the CA in the ConfigMap `serverCAConfigMap` (`ca.crt`), which must have issued the gateway\'s certificate (OpenChoreo external-CA guide, Step 4).',
    '`planeType` is dataplane, buildplane (the guide\'s name), workflowplane (upstream\'s current name) or observabilityplane (OpenChoreo external-CA guide, Step 5).',
  ],
  // The Common Errors table of the external-CA guide's Troubleshooting section (its messages, causes and fixes).
  errors: [
    {
      id: 'openchoreo/unknown-authority',
      ecosystem: 'OpenChoreo',
      pattern: /x509: certificate signed by unknown authority/,
      citation: 'OpenChoreo external-CA guide, Troubleshooting, Common Errors',
      examples: [{ message: 'x509: certificate signed by unknown authority' }],
      causes: [{
        id: 'openchoreo-ca-mismatch',
        summary: 'The agent does not trust the gateway\'s CA, or the gateway does not trust the agent\'s CA.',
        fixText: 'Check that the cluster-gateway-ca ConfigMap (serverCAConfigMap, ca.crt) and the clientCA of the plane CR both contain the CA that signed the other side\'s certificate.',
        citation: 'OpenChoreo external-CA guide, Troubleshooting, Common Errors ("x509: certificate signed by unknown authority")',
      }],
      rules: ['openchoreo/agent-client-ca', 'xref/chain-to-ca'],
    },
    {
      id: 'openchoreo/bad-certificate',
      ecosystem: 'OpenChoreo',
      pattern: /tls: bad certificate/,
      citation: 'OpenChoreo external-CA guide, Troubleshooting, Common Errors',
      examples: [{ message: 'remote error: tls: bad certificate' }],
      causes: [{
        id: 'openchoreo-certificate-type',
        summary: 'A certificate format issue or the wrong type of certificate: a gateway certificate without serverAuth, or an agent certificate without clientAuth.',
        fixText: 'Issue the gateway\'s server certificate with the serverAuth extended key usage and each agent\'s client certificate with clientAuth (Steps 2 and 3).',
        citation: 'OpenChoreo external-CA guide, Troubleshooting, Common Errors ("tls: bad certificate")',
      }],
      rules: ['xref/wrong-role', 'openchoreo/agent-client-ca'],
    },
    {
      id: 'openchoreo/no-crs-for-planeid',
      ecosystem: 'OpenChoreo',
      pattern: /no CRs found with planeID/,
      citation: 'OpenChoreo external-CA guide, Troubleshooting, Common Errors',
      examples: [{ message: 'no CRs found with planeID' }],
      causes: [{
        id: 'openchoreo-planeid-without-cr',
        summary: 'No DataPlane, BuildPlane or ObservabilityPlane CR matches the agent\'s planeID.',
        fixText: 'Create the plane CR, and make its spec.planeID the agent\'s --plane-id (clusterAgent.planeID, which is also the CN of the agent\'s client certificate).',
        citation: 'OpenChoreo external-CA guide, Troubleshooting, Common Errors ("no CRs found with planeID")',
      }],
      rules: ['xref/planeid-cn', 'openchoreo/agent-client-ca', 'xref/unresolved-reference'],
    },
    {
      id: 'openchoreo/not-valid-for-any-cr',
      ecosystem: 'OpenChoreo',
      pattern: /certificate not valid for any CR/,
      citation: 'OpenChoreo external-CA guide, Troubleshooting, Common Errors',
      examples: [{ message: 'certificate not valid for any CR' }],
      causes: [{
        id: 'openchoreo-client-ca',
        summary: 'The agent\'s client certificate cannot be verified by the clientCA of any plane CR with its planeID.',
        fixText: 'Put the CA that signed the agent\'s client certificate in spec.clusterAgent.clientCA of the plane CR (Step 6).',
        citation: 'OpenChoreo external-CA guide, Troubleshooting, Common Errors ("certificate not valid for any CR")',
      }],
      rules: ['openchoreo/agent-client-ca', 'xref/planeid-cn', 'xref/chain-to-ca'],
    },
  ],
  bundle,
};
