import type { IssuerSummary } from '@internal/plugin-network-common';
import type { FieldChoice } from '../GatewayPicker/gatewayChoices';

/**
 * The issuers a Certificate in `namespace` can use, as picker entries: ClusterIssuers
 * (and, when `kinds` includes them, the namespace's own Issuers), Ready ones first.
 * The value is the issuer's name, as the wizard's `issuer` input takes it.
 */
export function issuerChoices(
  issuers: IssuerSummary[],
  options: { kinds: IssuerSummary['kind'][]; namespace?: string },
): FieldChoice[] {
  return issuers
    .filter(issuer => options.kinds.includes(issuer.kind))
    .filter(
      issuer =>
        issuer.kind === 'ClusterIssuer' ||
        issuer.namespace === options.namespace,
    )
    .map(issuer => ({
      value: issuer.name,
      label: issuer.name,
      state: issuer.ready
        ? 'Ready'
        : `Not ready${issuer.readyReason ? `: ${issuer.readyReason}` : ''}`,
      healthy: issuer.ready,
      detail: `${issuer.kind}${
        issuer.namespace ? ` in ${issuer.namespace}` : ''
      } · ${issuer.type}${
        !issuer.ready && issuer.readyMessage ? ` · ${issuer.readyMessage}` : ''
      }`,
    }))
    .sort(
      (a, b) =>
        Number(b.healthy) - Number(a.healthy) || a.label.localeCompare(b.label),
    );
}

/** Why an issuer cannot sign the new certificate, or undefined when it can. */
export function issuerProblem(
  name: string,
  choices: FieldChoice[],
  cluster: string,
): string | undefined {
  const choice = choices.find(candidate => candidate.value === name);
  if (!choice) return `issuer ${name} does not exist in cluster ${cluster}`;
  if (!choice.healthy) return `issuer ${name} is not Ready (${choice.state})`;
  return undefined;
}
