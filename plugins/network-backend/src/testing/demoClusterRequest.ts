import https from 'node:https';
import { DemoClusterProcess } from './demoClusterProcess';

/** What the demo API server answered. */
export interface DemoClusterAnswer {
  status: number;
  body: any;
}

/**
 * Sends one request straight to the demo cluster's API server (not through a test proxy), so
 * tests can change the cluster while the portal's own connections are faulty.
 */
export function demoClusterRequest(demo: DemoClusterProcess, method: string, apiPath: string, body?: unknown): Promise<DemoClusterAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(demo.endpoints.kubernetesApiUrl);
    const request = https.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: apiPath,
        method,
        ca: Buffer.from(demo.caData, 'base64').toString('utf8'),
        headers: { Authorization: `Bearer ${demo.token}`, 'Content-Type': 'application/json' },
        timeout: 10_000,
      },
      response => {
        let text = '';
        response.on('data', chunk => (text += chunk));
        response.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON: keep the text for the failure message.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${method} ${apiPath}: no answer in 10 s`)));
    request.on('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
