import type { RuleContext } from '../types';
import type { Reference } from '../../model/refs';
import type { CertLoc } from '../../workspace/view';
import type { Span } from '../../core/types';
import { usedHere } from '../xref/helpers';
import { AGENT, AgentFact, PLANE, PlaneFact, planeTypeOf } from '../../products/openchoreo';

/** An agent whose client certificate this document holds (a Secret's tls.crt), with its values file. */
export interface AgentHere {
  readonly span: Span;
  readonly leaf: CertLoc;
  readonly ref: Reference;
  readonly from: string;
  readonly agent: AgentFact;
}

export function agentsHere(ctx: RuleContext): AgentHere[] {
  const ws = ctx.workspace;
  if (!ws) return [];
  const agents = ws.facts(AGENT);
  const out: AgentHere[] = [];
  for (const u of usedHere(ctx)) {
    if (u.ref.via !== 'clusterAgent.tls.clientSecretName' || !u.res.certs[0]) continue;
    const a = agents.find((x) => x.path === u.from && x.fact.clientSecret?.span.start === u.ref.span.start);
    if (a) out.push({ span: u.span, leaf: u.res.certs[0], ref: u.ref, from: u.from, agent: a.fact });
  }
  return out;
}

/** The plane CRs an agent connects as: the same plane type and planeID. */
export function planesOf(ctx: RuleContext, agent: AgentFact): { fact: PlaneFact; path: string }[] {
  const id = agent.planeID?.value;
  if (!id || !ctx.workspace) return [];
  return ctx.workspace.facts(PLANE).filter((p) => planeTypeOf(p.fact.planeType) === planeTypeOf(agent.planeType) && p.fact.planeID?.value === id);
}
