import type {
  CertificateSummary,
  CiliumAgentSummary,
  Condition,
  DnsRecordSummary,
  GatewaySummary,
  HopState,
  IpPoolSummary,
} from '@internal/plugin-network-common';

/** A state with the reason that decided it (an upstream reason string where one exists). */
export interface StateWithReason {
  state: HopState;
  reason?: string;
  message?: string;
}

/**
 * Days left under which a certificate counts as expiring: cert-manager renews a 90-day
 * certificate 30 days before expiry, so less than that means renewal is late.
 */
export const CERTIFICATE_EXPIRING_DAYS = 30;

function findCondition(
  conditions: Condition[],
  type: string,
): Condition | undefined {
  return conditions.find(condition => condition.type === type);
}

/** A Gateway is ok when Accepted and Programmed are True. */
export function gatewayState(gateway: GatewaySummary): StateWithReason {
  for (const type of ['Accepted', 'Programmed']) {
    const condition = findCondition(gateway.conditions, type);
    if (condition?.status === 'False') {
      return {
        state: 'failing',
        reason: condition.reason ?? `Not${type}`,
        message: condition.message,
      };
    }
  }
  const programmed = findCondition(gateway.conditions, 'Programmed');
  if (!programmed || programmed.status !== 'True') {
    return {
      state: 'unknown',
      reason: programmed?.reason ?? 'NoProgrammedCondition',
    };
  }
  return { state: 'ok', reason: programmed.reason };
}

/** A pool is failing with conflicts or no free address, warning when its selector matches nothing. */
export function poolState(pool: IpPoolSummary): StateWithReason {
  if (pool.disabled) return { state: 'unknown', reason: 'Disabled' };
  if (pool.conflicts.length > 0) {
    return {
      state: 'failing',
      reason: 'PoolConflict',
      message: pool.conflicts.join('; '),
    };
  }
  if (pool.free === 0) {
    return {
      state: 'failing',
      reason: 'Exhausted',
      message: 'No free address left in the pool',
    };
  }
  if (pool.selectorMatchesNothing) {
    return {
      state: 'warning',
      reason: 'SelectorMatchesNothing',
      message: `serviceSelector ${pool.serviceSelector} matches no LoadBalancer service`,
    };
  }
  return { state: 'ok', reason: 'Available' };
}

/** A Cilium agent is ok when its pod is ready. */
export function agentState(agent: CiliumAgentSummary): StateWithReason {
  return agent.ready
    ? { state: 'ok', reason: 'Ready' }
    : {
        state: 'failing',
        reason: 'NotReady',
        message: `Pod ${agent.pod} is ${agent.phase}, ${agent.restarts} restarts`,
      };
}

/** A certificate is failing when not Ready or expired, warning when it expires within 30 days. */
export function certificateState(
  certificate: CertificateSummary,
): StateWithReason {
  const { daysLeft } = certificate;
  if (daysLeft !== undefined && daysLeft < 0) {
    return {
      state: 'failing',
      reason: 'Expired',
      message: `Expired ${-daysLeft} days ago`,
    };
  }
  if (!certificate.ready) {
    return {
      state: 'failing',
      reason: certificate.readyReason ?? 'NotReady',
      message: certificate.readyMessage,
    };
  }
  if (daysLeft !== undefined && daysLeft < CERTIFICATE_EXPIRING_DAYS) {
    return {
      state: 'warning',
      reason: 'Expiring',
      message: `Expires in ${daysLeft} days`,
    };
  }
  return { state: 'ok', reason: 'Ready' };
}

/** A DNS record is ok when the servers answer what the route and gateway imply. */
export function dnsState(record: DnsRecordSummary): StateWithReason {
  switch (record.state) {
    case 'match':
      return { state: 'ok', reason: 'Consistent', message: record.message };
    case 'mismatch':
      return { state: 'failing', reason: 'Mismatch', message: record.message };
    case 'no-answer':
      return { state: 'failing', reason: 'NoAnswer', message: record.message };
    default:
      return { state: 'unknown', reason: 'Unchecked', message: record.message };
  }
}
