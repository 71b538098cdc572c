/**
 * JSON schema of externaldns.k8s.io/v1alpha1 DNSEndpoint, written from external-dns'
 * `apis/v1alpha1/dnsendpoint.go` and `endpoint/endpoint.go` (no @kubernetes-models package
 * covers external-dns).
 */
export const DNS_ENDPOINT_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'externaldns.k8s.io/v1alpha1' },
    kind: { const: 'DNSEndpoint' },
    metadata: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 253 },
        namespace: { type: 'string' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        annotations: {
          type: 'object',
          additionalProperties: { type: 'string' },
        },
      },
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      properties: {
        endpoints: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['dnsName', 'targets', 'recordType'],
            properties: {
              dnsName: { type: 'string', minLength: 1, maxLength: 253 },
              targets: {
                type: 'array',
                minItems: 1,
                items: { type: 'string', minLength: 1 },
              },
              recordType: {
                enum: [
                  'A',
                  'AAAA',
                  'CNAME',
                  'TXT',
                  'SRV',
                  'NS',
                  'PTR',
                  'MX',
                  'NAPTR',
                ],
              },
              setIdentifier: { type: 'string' },
              recordTTL: { type: 'integer', minimum: 0 },
              labels: {
                type: 'object',
                additionalProperties: { type: 'string' },
              },
              providerSpecific: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['name', 'value'],
                  properties: {
                    name: { type: 'string' },
                    value: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
    status: { type: 'object' },
  },
} as const;
