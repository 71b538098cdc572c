import * as networkCommon from './index';

describe('public surface', () => {
  it.each([
    'networkPermissions',
    'parseIp',
    'parsePoolRanges',
    'poolUsage',
    'findPoolConflicts',
    'matchesLabelSelector',
    'parseLabelSelectorString',
    'listenerRouteHostnames',
    'evaluateRouteAttachment',
    'isIngressAllowed',
    'isDnsEgressAllowed',
    'hasDefaultDeny',
    'readExternalDnsAnnotation',
    'certificateCoversHostname',
    'certificateSummary',
    'worstHopState',
  ])('exports %s as a function or value', name => {
    expect((networkCommon as Record<string, unknown>)[name]).toBeDefined();
  });
});
