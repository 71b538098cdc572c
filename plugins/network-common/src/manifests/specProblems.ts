import { parseCidrRange } from '../ip';
import { hostnameProblems, printable } from './hostnameRules';
import { INGRESS_CLASSES, ServiceSpec } from './serviceSpec';

/** One thing wrong with the wizard's input: the field it is about and what is wrong. */
export interface SpecProblem {
  field: string;
  message: string;
}

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ENTITY_REF =
  /^(?:[a-z][a-z0-9]*:)?(?:[a-z0-9][a-z0-9._-]*\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
// registry[:port]/path[:tag][@digest], as the distribution reference grammar has it.
const IMAGE_REFERENCE =
  /^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:[._-]{1,2}[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]{1,2}[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
const DNS_1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_TARGET =
  /^(?:[0-9a-fA-F:.]+|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+)$/;
// Markers that Nunjucks (the scaffolder's templating) or GitHub Actions would expand.
const TEMPLATE_MARKERS = ['${{', '{{', '}}', '{%', '%}', '{#', '#}'];
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const DESCRIPTION_MAX = 280;

/**
 * Every problem of a wizard input, not just the first, each naming its field.
 * Free text (the description) is one line without template markers: it lands in
 * YAML, a README and later templates, where a newline or `${{ }}` would be read as
 * structure or code.
 */
export function serviceSpecProblems(
  spec: ServiceSpec,
  options: { allowedDomains: readonly string[] },
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const add = (field: string, message: string) =>
    problems.push({ field, message });

  nameProblem('name', spec.name, DNS_1035_LABEL, add);
  nameProblem('namespace', spec.namespace, DNS_1123_LABEL, add);
  if (!ENTITY_REF.test(spec.owner ?? ''))
    add(
      'owner',
      `owner '${printable(
        String(spec.owner),
      )}' is not an entity reference such as group:default/app-team`,
    );
  if (
    spec.system !== undefined &&
    spec.system !== '' &&
    !ENTITY_REF.test(spec.system)
  )
    add(
      'system',
      `system '${printable(spec.system)}' is not an entity reference`,
    );
  freeTextProblem('description', spec.description, add);
  if (
    typeof spec.image !== 'string' ||
    spec.image.length > 255 ||
    !IMAGE_REFERENCE.test(spec.image)
  )
    add(
      'image',
      `image '${printable(
        String(spec.image),
      )}' is not a container image reference such as ghcr.io/org/app:1.0`,
    );
  if (!Number.isInteger(spec.port) || spec.port < 1 || spec.port > 65535)
    add('port', `port ${spec.port} is outside 1-65535`);
  if (
    !Number.isInteger(spec.replicas) ||
    spec.replicas < 0 ||
    spec.replicas > 50
  )
    add('replicas', `replicas ${spec.replicas} is outside 0-50`);

  if (spec.exposure !== 'none') {
    problems.push(...hostnameProblems(spec.hostname, options.allowedDomains));
    if (spec.routing.kind === 'gateway') {
      gatewayRefProblems('routing.internal', spec.routing.internal, add);
      if (spec.exposure === 'internal-and-public') {
        if (!spec.routing.public)
          add(
            'routing.public',
            'a public gateway is required for internal-and-public exposure',
          );
        else gatewayRefProblems('routing.public', spec.routing.public, add);
      }
    } else if (!INGRESS_CLASSES.includes(spec.routing.className)) {
      add(
        'routing.className',
        `ingress class '${printable(
          String(spec.routing.className),
        )}' is not one of ${INGRESS_CLASSES.join(', ')}`,
      );
    }
    if (spec.tls.kind === 'issuer')
      nameProblem('tls.issuer', spec.tls.issuer, DNS_1123_SUBDOMAIN, add);
    if (spec.dns.kind === 'dnsendpoint' && !spec.tunnel) {
      if (spec.dns.targets.length === 0)
        add('dns.targets', 'a DNSEndpoint needs at least one target');
      for (const target of spec.dns.targets)
        if (!DNS_TARGET.test(target))
          add(
            'dns.targets',
            `DNS target '${printable(
              target,
            )}' is neither an IP address nor a DNS name`,
          );
    }
    if (spec.tunnel) {
      problems.push(
        ...hostnameProblems(spec.tunnel.hostname, [], 'tunnel.hostname'),
      );
    }
  }

  const proxy = spec.policy.proxy;
  if (proxy.kind === 'pods')
    nameProblem('policy.proxy.namespace', proxy.namespace, DNS_1123_LABEL, add);
  spec.policy.extraEgress.forEach((target, index) => {
    const field = `policy.extraEgress[${index}]`;
    nameProblem(`${field}.namespace`, target.namespace, DNS_1123_LABEL, add);
    nameProblem(`${field}.name`, target.name, DNS_1035_LABEL, add);
    if (
      !Number.isInteger(target.port) ||
      target.port < 1 ||
      target.port > 65535
    )
      add(`${field}.port`, `port ${target.port} is outside 1-65535`);
  });
  (spec.policy.cidrEgress ?? []).forEach((target, index) => {
    const field = `policy.cidrEgress[${index}]`;
    if (!target.purpose || CONTROL_CHARACTERS.test(target.purpose))
      add(`${field}.purpose`, 'the purpose must be one line of text');
    if (target.cidrs.length === 0)
      add(`${field}.cidrs`, 'at least one CIDR is needed');
    target.cidrs.forEach((cidr, cidrIndex) => {
      if (!parseCidrRange(cidr))
        add(
          `${field}.cidrs[${cidrIndex}]`,
          `'${printable(cidr)}' is not a CIDR (address/prefix)`,
        );
    });
    if (target.ports.length === 0)
      add(`${field}.ports`, 'at least one port is needed');
    target.ports.forEach((port, portIndex) => {
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        add(`${field}.ports[${portIndex}]`, `port ${port} is outside 1-65535`);
    });
  });
  return problems;
}

function nameProblem(
  field: string,
  value: string,
  pattern: RegExp,
  add: (field: string, message: string) => void,
): void {
  if (typeof value !== 'string' || value.length === 0) {
    add(field, `${field} is required`);
  } else if (value.length > 63 && pattern !== DNS_1123_SUBDOMAIN) {
    add(
      field,
      `${field} '${printable(value)}' is ${
        value.length
      } characters long; at most 63 are allowed`,
    );
  } else if (value.length > 253) {
    add(
      field,
      `${field} is ${value.length} characters long; at most 253 are allowed`,
    );
  } else if (!pattern.test(value)) {
    add(
      field,
      `${field} '${printable(
        value,
      )}' must consist of lowercase letters, digits and '-', start with a letter${
        pattern === DNS_1035_LABEL ? '' : ' or digit'
      } and end with a letter or digit`,
    );
  }
}

function gatewayRefProblems(
  field: string,
  ref: { name: string; namespace: string; listener: string } | undefined,
  add: (field: string, message: string) => void,
): void {
  if (!ref) {
    add(field, `${field} is required for Gateway API routing`);
    return;
  }
  nameProblem(`${field}.name`, ref.name, DNS_1123_SUBDOMAIN, add);
  nameProblem(`${field}.namespace`, ref.namespace, DNS_1123_LABEL, add);
  nameProblem(`${field}.listener`, ref.listener, DNS_1123_SUBDOMAIN, add);
}

function freeTextProblem(
  field: string,
  value: string,
  add: (field: string, message: string) => void,
): void {
  if (typeof value !== 'string' || value.trim().length === 0) {
    add(field, `${field} is required`);
    return;
  }
  if (value.length > DESCRIPTION_MAX) {
    add(
      field,
      `${field} is ${value.length} characters long; at most ${DESCRIPTION_MAX} are allowed`,
    );
  }
  if (CONTROL_CHARACTERS.test(value)) {
    add(
      field,
      `${field} contains a line break or control character ('${printable(
        value,
      )}'); write one line of plain text`,
    );
  }
  const marker = TEMPLATE_MARKERS.find(candidate => value.includes(candidate));
  if (marker) {
    add(
      field,
      `${field} contains the template marker '${marker}'; template expressions are not allowed in free text`,
    );
  }
}
