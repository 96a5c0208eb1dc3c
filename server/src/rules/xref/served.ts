/**
 * What a Service serves, as the workspace shows it: the Secrets the pods of the workloads it
 * selects mount, each with its certificate (when the workspace holds it) or the names the
 * cert-manager Certificate that writes it will carry.
 */
import { selectedWorkloads, SERVICE, WORKLOAD } from '../../products/kubernetes';
import type { PendingCertificate } from '../../model/refs';
import type { CertLoc, WorkspaceView } from '../../workspace/view';
import type { Span } from '../../core/types';

export interface Served {
  /** `Service app → Deployment app → Secret app-tls`, for messages. */
  readonly via: string;
  readonly secret: string;
  readonly leaf?: CertLoc;
  /** Certificates after the leaf in its tls.crt (intermediates). */
  readonly chain: readonly CertLoc[];
  readonly pending: readonly PendingCertificate[];
}

/** A reference to a Service (a route's backendRef, a policy's targetRef, a URL's host): group, kind, name, namespace. */
export interface ServiceRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly span: Span;
}

/** The serving certificates of a Service; empty when the workspace does not show them. */
export function servedBy(ws: WorkspaceView, ref: ServiceRef, namespace: string | undefined, fromPath: string): Served[] {
  if ((ref.group !== '' && ref.group !== 'core') || ref.kind !== 'Service') return [];
  const ns = ref.namespace ?? namespace;
  const services = ws.facts(SERVICE).filter((s) => s.fact.name === ref.name && (ns === undefined || s.fact.namespace === undefined || s.fact.namespace === ns));
  const workloads = ws.facts(WORKLOAD).map((w) => w.fact);
  const out: Served[] = [];
  for (const { fact: svc } of services) {
    for (const w of selectedWorkloads(svc, workloads)) {
      for (const secret of w.secrets) {
        const res = ws.resolve({
          kind: 'secret', span: ref.span, target: secret, namespace: w.namespace ?? ns, key: 'tls.crt', role: 'serve', group: '', via: `Service ${svc.name}`,
        }, fromPath);
        const [leaf, ...chain] = res?.certs ?? [];
        const via = `Service ${svc.name} → ${w.workload} ${w.name} → Secret ${secret}`;
        // A Secret of CA certificates only (an internal CA the pod trusts) serves nothing.
        if (leaf && !leaf.cert.isCA) out.push({ via, secret, leaf, chain, pending: [] });
        else if (!leaf) {
          const pending = ws.pendingFor(secret, w.namespace ?? ns);
          if (pending.length > 0) out.push({ via, secret, chain: [], pending });
        }
      }
    }
  }
  return out;
}
