import { EventStreamParser } from './EventStreamParser';

describe('EventStreamParser', () => {
  it.each([
    [
      'one message in one chunk',
      ['id: 1\nevent: check-started\ndata: {"seq":1}\n\n'],
      [{ id: '1', event: 'check-started', data: '{"seq":1}' }],
    ],
    [
      'a message split mid-line across chunks',
      ['id: 2\nev', 'ent: check-log\nda', 'ta: {"seq"', ':2}\n', '\n'],
      [{ id: '2', event: 'check-log', data: '{"seq":2}' }],
    ],
    [
      'CRLF line ends, the CR and LF in different chunks',
      ['id: 3\r', '\nevent: x\r\ndata: a\r\n\r', '\n'],
      [{ id: '3', event: 'x', data: 'a' }],
    ],
    [
      'comments (keep-alives) ignored, multi-line data joined',
      [': ping\n\ndata: a\ndata: b\n\n'],
      [{ id: undefined, event: 'message', data: 'a\nb' }],
    ],
    [
      'two messages in one chunk; the id carries over',
      ['id: 7\ndata: x\n\ndata: y\n\n'],
      [
        { id: '7', event: 'message', data: 'x' },
        { id: '7', event: 'message', data: 'y' },
      ],
    ],
    [
      'only one leading space dropped; a field without colon is empty',
      ['data:  two\nevent\n\n'],
      [{ id: undefined, event: '', data: ' two' }],
    ],
    ['an unfinished message is not emitted', ['id: 1\ndata: x\n'], []],
  ])('%s', (_name, chunks, expected) => {
    const parser = new EventStreamParser();
    const messages = chunks.flatMap(chunk => parser.push(chunk));
    expect(messages).toEqual(expected);
  });
});
