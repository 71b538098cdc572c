import { parseL2AnnounceTable } from './parseL2AnnounceTable';

describe('parseL2AnnounceTable', () => {
  it('reads the table the demo agents and Cilium print', () => {
    const text = 'IP           NetworkInterface\n127.0.2.12   eth0\n127.0.4.1    eth0\n';
    expect(parseL2AnnounceTable(text)).toEqual([
      { ip: '127.0.2.12', networkInterface: 'eth0' },
      { ip: '127.0.4.1', networkInterface: 'eth0' },
    ]);
  });

  it('reads a table with more columns, wherever IP sits', () => {
    const text = 'NetworkInterface   IP           Origins\nenp1s0             10.0.10.5    [network/envoy]\n';
    expect(parseL2AnnounceTable(text)).toEqual([{ ip: '10.0.10.5', networkInterface: 'enp1s0' }]);
  });

  it('reads the JSON form', () => {
    const text = JSON.stringify([{ IP: '10.0.10.5', NetworkInterface: 'eth0', Origins: ['network/envoy'] }]);
    expect(parseL2AnnounceTable(text)).toEqual([{ ip: '10.0.10.5', networkInterface: 'eth0' }]);
  });

  it('reads an agent that announces nothing', () => {
    expect(parseL2AnnounceTable('IP   NetworkInterface\n')).toEqual([]);
    expect(parseL2AnnounceTable('')).toEqual([]);
  });

  it('refuses output without an IP column', () => {
    expect(() => parseL2AnnounceTable('Error: unknown command "l2-announce" for "cilium-dbg statedb"\n')).toThrow('no IP column');
  });
});
