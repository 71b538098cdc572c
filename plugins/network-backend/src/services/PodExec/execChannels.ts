/**
 * The Kubernetes channel framing of exec over WebSocket (`v4.channel.k8s.io`,
 * `v5.channel.k8s.io`): each binary message starts with a channel byte.
 */
export const EXEC_CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** The subprotocols we offer, newest first; both carry the exit status as JSON on channel 3. */
export const EXEC_SUBPROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/** One received message split into its channel and payload (`undefined` for an empty message). */
export function splitChannelFrame(message: Buffer): { channel: number; payload: Buffer } | undefined {
  if (message.length === 0) return undefined;
  return { channel: message[0], payload: message.subarray(1) };
}
