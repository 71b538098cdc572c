/**
 * Object name rules of the API server: which kinds need an RFC 1123 subdomain, an RFC 1123
 * label or an RFC 1035 label, and the exact wording of the validation messages.
 */
import { randomInt } from 'node:crypto';
import type { ResourceType } from './types.ts';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_1123_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LABEL_1035_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/**
 * Checks an object name for its kind. Returns the problems (empty when valid), each phrased
 * like the API server's `Invalid value: "<name>": <rule>`.
 */
export function validateObjectName(resource: ResourceType, name: string): string[] {
  const problems: string[] = [];
  let rule: RegExp = SUBDOMAIN;
  let message = SUBDOMAIN_MESSAGE;
  let maxLength = 253;
  if (resource.group === '' && resource.kind === 'Namespace') {
    rule = LABEL_1123;
    message = LABEL_1123_MESSAGE;
    maxLength = 63;
  } else if (resource.group === '' && resource.kind === 'Service') {
    rule = LABEL_1035;
    message = LABEL_1035_MESSAGE;
    maxLength = 63;
  }
  if (name.length > maxLength) {
    problems.push(`Invalid value: "${name}": must be no more than ${maxLength} characters`);
  }
  if (!rule.test(name)) problems.push(`Invalid value: "${name}": ${message}`);
  return problems;
}

// The alphabet the API server uses for generateName suffixes (no vowels, no confusable digits).
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` plus a five-character random suffix, as the API server makes it. */
export function generateObjectName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return `${prefix}${suffix}`;
}
