import { parseTalosEndpoint } from './talosEndpoint';

describe('parseTalosEndpoint', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1:50000'],
    ['10.0.0.1:6000', '10.0.0.1:6000'],
    ['cp.lab.example', 'cp.lab.example:50000'],
    ['https://cp.lab.example:50000', 'cp.lab.example:50000'],
    ['fd00::1', '[fd00::1]:50000'],
    ['[fd00::1]', '[fd00::1]:50000'],
    ['[fd00::1]:7000', '[fd00::1]:7000'],
  ])('%s -> %s', (text, target) => {
    expect(parseTalosEndpoint(text)?.target).toBe(target);
  });

  it.each(['', '10.0.0.1:0', '10.0.0.1:70000', 'a b', 'host/path'])(
    'refuses %j',
    text => {
      expect(parseTalosEndpoint(text)).toBeUndefined();
    },
  );
});
