/** One message of a `text/event-stream` body. */
export interface EventStreamMessage {
  /** The `id:` field; the run's event `seq` in the network backend's streams. */
  id?: string;
  /** The `event:` field; `message` when the server sent none. */
  event: string;
  /** The `data:` lines joined with newlines. */
  data: string;
}

/**
 * Parses a server-sent events body fed in arbitrary chunks (a chunk may end mid-line or
 * mid-message), following the WHATWG field rules: `field: value` lines, a blank line ends a
 * message, lines starting with `:` are comments (keep-alives), one leading space is dropped.
 */
export class EventStreamParser {
  private buffer = '';
  private id?: string;
  private event?: string;
  private dataLines: string[] = [];

  /** Adds text and returns the messages it completed. */
  push(chunk: string): EventStreamMessage[] {
    let text = this.buffer + chunk;
    // A \r at the end may be the first half of \r\n: hold it until the next chunk.
    const held = text.endsWith('\r') ? '\r' : '';
    if (held) text = text.slice(0, -1);
    const messages: EventStreamMessage[] = [];
    // A line ends at \n, \r\n or \r; the last piece may be incomplete, so it stays buffered.
    const lines = text.split(/\r\n|\n|\r/);
    this.buffer = (lines.pop() ?? '') + held;
    for (const line of lines) {
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  private line(line: string): EventStreamMessage | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
    return undefined;
  }

  private dispatch(): EventStreamMessage | undefined {
    const hasData = this.dataLines.length > 0;
    const message: EventStreamMessage = {
      id: this.id,
      event: this.event ?? 'message',
      data: this.dataLines.join('\n'),
    };
    this.event = undefined;
    this.dataLines = [];
    // The id persists across messages (the spec's "last event ID"); event and data do not.
    return hasData ? message : undefined;
  }
}
