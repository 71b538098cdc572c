import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { promises as dnsPromises } from 'node:dns';
import { connect } from 'node:net';
import dnsPacket from 'dns-packet';
import type { DecodedPacket, StringAnswer } from 'dns-packet';
import { createMemoryStore } from '../src/store/memory-store.ts';
import type { KubeObject, ObjectStore } from '../src/store/types.ts';
import { startDnsServer } from '../src/dns/server.ts';
import type { DnsServerHandle } from '../src/dns/server.ts';

const GATEWAY_API = 'gateway.networking.k8s.io/v1';

function gateway(namespace: string, name: string, addresses: Array<{ type?: string; value: string }>): KubeObject {
  return {
    apiVersion: GATEWAY_API,
    kind: 'Gateway',
    metadata: { name, namespace },
    spec: { gatewayClassName: 'cilium', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS' }] },
    status: { addresses },
  };
}

function route(kind: 'HTTPRoute' | 'GRPCRoute', namespace: string, name: string, hostnames: string[], parent: { name: string; namespace?: string }): KubeObject {
  return {
    apiVersion: GATEWAY_API,
    kind,
    metadata: { name, namespace },
    spec: { parentRefs: [parent], hostnames, rules: [{ backendRefs: [{ name, port: 80 }] }] },
  };
}

function loadBalancerService(namespace: string, name: string, annotations: Record<string, string>, ip: string | undefined, type = 'LoadBalancer'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, annotations },
    spec: { type, ports: [{ port: 80 }] },
    status: { loadBalancer: { ingress: ip ? [{ ip }] : [] } },
  };
}

function seed(store: ObjectStore): void {
  store.create(gateway('network', 'envoy-internal', [{ type: 'IPAddress', value: '127.0.20.10' }, { value: 'fd00:20::10' }]));
  store.create(gateway('network', 'envoy-external', [{ type: 'IPAddress', value: '127.0.20.11' }]));
  store.create(gateway('network', 'envoy-pending', []));
  store.create(route('HTTPRoute', 'apps', 'echo', ['Echo.Home.Example'], { name: 'envoy-internal', namespace: 'network' }));
  store.create(route('HTTPRoute', 'apps', 'wildcard', ['*.wild.home.example'], { name: 'envoy-internal', namespace: 'network' }));
  store.create(route('GRPCRoute', 'apps', 'grpc', ['grpc.home.example'], { name: 'envoy-external', namespace: 'network' }));
  // A route whose gateway has no address yet: k8s_gateway moves on to the next kind.
  store.create(route('HTTPRoute', 'apps', 'pending', ['legacy.home.example'], { name: 'envoy-pending', namespace: 'network' }));
  store.create({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'legacy', namespace: 'apps' },
    spec: { ingressClassName: 'internal', rules: [{ host: 'legacy.home.example' }] },
    status: { loadBalancer: { ingress: [{ ip: '127.0.20.30' }] } },
  });
  store.create(loadBalancerService('media', 'nas', { 'external-dns.kubernetes.io/hostname': 'nas.home.example, Media.Home.Example.' }, '127.0.20.40'));
  store.create(loadBalancerService('media', 'old', { 'external-dns.alpha.kubernetes.io/hostname': 'old.home.example' }, '127.0.20.41'));
  store.create(loadBalancerService('kube-system', 'k8s-gateway', { 'coredns.io/hostname': 'dns.home.example' }, '127.0.20.42'));
  store.create(loadBalancerService('media', 'internal-only', { 'external-dns.kubernetes.io/hostname': 'clusterip.home.example' }, '127.0.20.43', 'ClusterIP'));
  // Same name as the echo route: routes come first.
  store.create(loadBalancerService('apps', 'echo-lb', { 'external-dns.kubernetes.io/hostname': 'echo.home.example' }, '127.0.20.44'));
}

/** Sends one query over TCP with the two-byte length framing and decodes the reply. */
function tcpQuery(port: number, packet: dnsPacket.Packet): Promise<DecodedPacket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(dnsPacket.streamEncode(packet)));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) {
        socket.end();
        resolve(dnsPacket.decode(received.subarray(2, 2 + received.readUInt16BE(0))));
      }
    });
    socket.on('error', reject);
    socket.setTimeout(3000, () => {
      socket.destroy();
      reject(new Error('TCP query timed out'));
    });
  });
}

/** Sends raw bytes over UDP and resolves with the first reply, or undefined after `waitMs`. */
function udpExchange(port: number, bytes: Buffer, waitMs = 300): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve(undefined);
    }, waitMs);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(message);
    });
    socket.send(bytes, port, '127.0.0.1');
  });
}

/** The answers of a reply as A/AAAA-style records (name, type, ttl, string data). */
function addressAnswers(packet: DecodedPacket): StringAnswer[] {
  return (packet.answers ?? []) as StringAnswer[];
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    (value) => assert.fail(`expected a DNS error, got ${JSON.stringify(value)}`),
    (error: NodeJS.ErrnoException) => error.code ?? String(error),
  );
}

describe('DNS server (k8s_gateway)', () => {
  let store: ObjectStore;
  let server: DnsServerHandle;
  let resolver: dnsPromises.Resolver;

  before(async () => {
    store = createMemoryStore();
    seed(store);
    server = await startDnsServer(store, { host: '127.0.0.1', port: 0 });
    resolver = new dnsPromises.Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${server.port}`]);
  });

  after(async () => {
    await server?.stop();
  });

  it('answers an HTTPRoute hostname with its parent gateway address, any case', async () => {
    assert.deepEqual(await resolver.resolve4('echo.home.example', { ttl: true }), [{ address: '127.0.20.10', ttl: 60 }]);
    assert.deepEqual(await resolver.resolve4('ECHO.home.EXAMPLE'), ['127.0.20.10']);
    assert.deepEqual(await resolver.resolve6('echo.home.example'), ['fd00:20::10']);
    assert.deepEqual(await resolver.resolve4('grpc.home.example'), ['127.0.20.11']);
  });

  it('does not expand wildcard route hostnames', async () => {
    assert.equal(await errorCode(resolver.resolve4('app.wild.home.example')), 'ENOTFOUND');
  });

  it('falls through to Ingress when the route gateway has no address', async () => {
    assert.deepEqual(await resolver.resolve4('legacy.home.example'), ['127.0.20.30']);
  });

  it('answers annotated LoadBalancer services with all three annotation keys', async () => {
    assert.deepEqual(await resolver.resolve4('nas.home.example'), ['127.0.20.40']);
    assert.deepEqual(await resolver.resolve4('media.home.example'), ['127.0.20.40']);
    assert.deepEqual(await resolver.resolve4('old.home.example'), ['127.0.20.41']);
    assert.deepEqual(await resolver.resolve4('dns.home.example'), ['127.0.20.42']);
    // Only LoadBalancer services count.
    assert.equal(await errorCode(resolver.resolve4('clusterip.home.example')), 'ENOTFOUND');
  });

  it('prefers routes over services for the same name', async () => {
    assert.deepEqual(await resolver.resolve4('echo.home.example'), ['127.0.20.10']);
  });

  it('returns NXDOMAIN for unknown names and NODATA for a missing type', async () => {
    assert.equal(await errorCode(resolver.resolve4('nothing.home.example')), 'ENOTFOUND');
    assert.equal(await errorCode(resolver.resolve6('nas.home.example')), 'ENODATA');
    assert.equal(await errorCode(resolver.resolveTxt('nas.home.example')), 'ENODATA');
  });

  it('sees store changes on the next query', async () => {
    store.create(route('HTTPRoute', 'apps', 'fresh', ['fresh.home.example'], { name: 'envoy-external', namespace: 'network' }));
    assert.deepEqual(await resolver.resolve4('fresh.home.example'), ['127.0.20.11']);

    const external = store.get({ group: 'gateway.networking.k8s.io', plural: 'gateways' }, 'network', 'envoy-external')!;
    store.updateStatus({ ...external, status: { addresses: [{ type: 'IPAddress', value: '127.0.20.12' }] } });
    assert.deepEqual(await resolver.resolve4('fresh.home.example'), ['127.0.20.12']);

    store.delete({ group: 'gateway.networking.k8s.io', plural: 'httproutes' }, 'apps', 'fresh');
    assert.equal(await errorCode(resolver.resolve4('fresh.home.example')), 'ENOTFOUND');
  });

  it('answers over TCP with the authoritative flag and an SOA on NXDOMAIN', async () => {
    const hit = await tcpQuery(server.port, { type: 'query', id: 4242, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name: 'nas.home.example' }] });
    assert.equal(hit.id, 4242);
    assert.equal(hit.flag_aa, true);
    assert.equal(hit.flag_rd, true);
    assert.equal((hit as DecodedPacket & { rcode: string }).rcode, 'NOERROR');
    assert.deepEqual(addressAnswers(hit).map((answer) => [answer.type, answer.name, answer.ttl, answer.data]), [['A', 'nas.home.example', 60, '127.0.20.40']]);

    const miss = await tcpQuery(server.port, { type: 'query', id: 7, questions: [{ type: 'A', name: 'missing.home.example' }] });
    assert.equal((miss as DecodedPacket & { rcode: string }).rcode, 'NXDOMAIN');
    assert.equal(miss.answers?.length, 0);
    assert.equal(miss.authorities?.[0]?.type, 'SOA');
  });

  it('ignores malformed packets and keeps serving', async () => {
    assert.equal(await udpExchange(server.port, Buffer.from([1, 2, 3])), undefined);
    assert.equal(await udpExchange(server.port, Buffer.from('this is not a dns packet at all, not even close')), undefined);
    // A truncated but framed TCP message, then a good query on the same connection.
    const garbageThenQuery = await new Promise<DecodedPacket>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: server.port }, () => {
        socket.write(Buffer.from([0, 3, 9, 9, 9]));
        socket.write(dnsPacket.streamEncode({ type: 'query', id: 99, questions: [{ type: 'A', name: 'old.home.example' }] }));
      });
      let received = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) {
          socket.end();
          resolve(dnsPacket.decode(received.subarray(2, 2 + received.readUInt16BE(0))));
        }
      });
      socket.on('error', reject);
    });
    assert.equal(garbageThenQuery.id, 99);
    assert.equal(addressAnswers(garbageThenQuery)[0]?.data, '127.0.20.41');
    const reply = await udpExchange(server.port, dnsPacket.encode({ type: 'query', id: 5, questions: [{ type: 'A', name: 'dns.home.example' }] }));
    assert.ok(reply, 'the server still answers over UDP');
    assert.equal(addressAnswers(dnsPacket.decode(reply))[0]?.data, '127.0.20.42');
  });
});

describe('DNS server with zones', () => {
  let store: ObjectStore;
  let server: DnsServerHandle;
  let resolver: dnsPromises.Resolver;

  before(async () => {
    store = createMemoryStore();
    seed(store);
    server = await startDnsServer(store, { host: '127.0.0.1', port: 0, zones: ['home.example.'] });
    resolver = new dnsPromises.Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${server.port}`]);
  });

  after(async () => {
    await server?.stop();
  });

  it('serves names in the zone, including <service>.<namespace>.<zone>', async () => {
    assert.deepEqual(await resolver.resolve4('echo.home.example'), ['127.0.20.10']);
    assert.deepEqual(await resolver.resolve4('nas.media.home.example'), ['127.0.20.40']);
    const soa = await resolver.resolveSoa('home.example');
    assert.equal(soa.nsname, 'ns1.home.example');
    assert.equal(soa.minttl, 60);
  });

  it('refuses names outside its zones', async () => {
    assert.equal(await errorCode(resolver.resolve4('echo.other.example')), 'EREFUSED');
  });
});
