import { execHandshakeError } from './execHandshakeError';

const target = { namespace: 'kube-system', pod: 'cilium-abcde', container: 'cilium-agent' };

describe('execHandshakeError', () => {
  it('names the pod when it is not found', () => {
    const error = execHandshakeError(404, JSON.stringify({ kind: 'Status', code: 404, reason: 'NotFound', message: 'pods "cilium-abcde" not found' }), target);
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toBe('exec: pod kube-system/cilium-abcde not found: pods "cilium-abcde" not found');
  });

  it('names the verb and subresource when exec is forbidden', () => {
    const body = JSON.stringify({
      kind: 'Status',
      code: 403,
      reason: 'Forbidden',
      message: 'pods "cilium-abcde" is forbidden: User "system:serviceaccount:backstage:portal" cannot create resource "pods/exec" in API group "" in the namespace "kube-system"',
    });
    const error = execHandshakeError(403, body, target);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toContain('need the "create" verb on "pods/exec" in namespace kube-system');
    expect(error.message).toContain('cannot create resource "pods/exec"');
  });

  it.each([
    [401, 'AuthenticationError'],
    [400, 'InputError'],
    [500, 'ServiceUnavailableError'],
  ])('maps HTTP %s to %s', (status, name) => {
    expect(execHandshakeError(status, 'not json', target).name).toBe(name);
  });
});
