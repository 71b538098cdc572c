import dgram from 'node:dgram';
import { AddressInfo } from 'node:net';
import { DnsProbe } from './DnsProbe';

/** A tiny UDP DNS server: A records from a table, NXDOMAIN for other names, empty answers for other types. */
async function startDnsServer(records: Record<string, string>) {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (message, remote) => {
    const labels: string[] = [];
    let offset = 12;
    while (message[offset] !== 0) {
      labels.push(message.subarray(offset + 1, offset + 1 + message[offset]).toString('ascii'));
      offset += message[offset] + 1;
    }
    const questionEnd = offset + 5;
    const type = message.readUInt16BE(offset + 1);
    const name = labels.join('.').toLowerCase();
    queries.push(`${name}/${type}`);
    const address = records[name];
    const header = Buffer.alloc(12);
    message.copy(header, 0, 0, 2);
    const answers = address && type === 1 ? 1 : 0;
    header.writeUInt16BE(address ? 0x8180 : 0x8183, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers, 6);
    const parts = [header, message.subarray(12, questionEnd)];
    if (answers) {
      const answer = Buffer.alloc(16);
      answer.writeUInt16BE(0xc00c, 0);
      answer.writeUInt16BE(1, 2);
      answer.writeUInt16BE(1, 4);
      answer.writeUInt32BE(30, 6);
      answer.writeUInt16BE(4, 10);
      address.split('.').forEach((octet, index) => answer.writeUInt8(Number(octet), 12 + index));
      parts.push(answer);
    }
    socket.send(Buffer.concat(parts), remote.port, remote.address);
  });
  await new Promise<void>(resolve => socket.bind(0, '127.0.0.1', resolve));
  return { port: (socket.address() as AddressInfo).port, queries, close: () => socket.close() };
}

describe('DnsProbe', () => {
  it('asks the given server, caches answers for the TTL, and reports NXDOMAIN', async () => {
    const server = await startDnsServer({ 'app.demo.lab': '127.0.2.11' });
    let now = 1_000;
    const probe = new DnsProbe({ timeoutMs: 1000, cacheTtlMs: 5000, now: () => now });
    const target = { host: '127.0.0.1', port: server.port };

    await expect(probe.resolve(target, 'app.demo.lab')).resolves.toEqual({
      server: `127.0.0.1:${server.port}`, hostname: 'app.demo.lab', addresses: ['127.0.2.11'], outcome: 'ok', code: undefined,
    });
    await probe.resolve(target, 'APP.demo.lab');
    expect(server.queries.filter(query => query === 'app.demo.lab/1')).toHaveLength(1);
    now += 6000;
    await probe.resolve(target, 'app.demo.lab');
    expect(server.queries.filter(query => query === 'app.demo.lab/1')).toHaveLength(2);

    await expect(probe.resolve(target, 'missing.demo.lab')).resolves.toMatchObject({ outcome: 'nxdomain', addresses: [], code: 'ENOTFOUND' });
    server.close();
  });

  it('times out on a server that does not answer', async () => {
    const silent = dgram.createSocket('udp4');
    await new Promise<void>(resolve => silent.bind(0, '127.0.0.1', resolve));
    const probe = new DnsProbe({ timeoutMs: 200 });
    const answer = await probe.resolve({ host: '127.0.0.1', port: (silent.address() as AddressInfo).port }, 'app.demo.lab');
    expect(answer).toMatchObject({ outcome: 'timeout', code: 'ETIMEOUT', addresses: [] });
    silent.close();
  });
});
