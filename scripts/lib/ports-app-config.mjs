// Writes an app-config that moves the portal to other ports, for PORTAL_FRONTEND_PORT and
// PORTAL_BACKEND_PORT (for example to run the tests beside a dev portal on 3000/7007).
// Usage: node ports-app-config.mjs <out.yaml>
import { writeFileSync } from 'node:fs';

const frontendPort = Number(process.env.PORTAL_FRONTEND_PORT ?? 3000);
const backendPort = Number(process.env.PORTAL_BACKEND_PORT ?? 7007);
for (const [name, port] of [['PORTAL_FRONTEND_PORT', frontendPort], ['PORTAL_BACKEND_PORT', backendPort]]) {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`error: ${name} must be a port number (1-65535), got "${process.env[name]}"`);
    process.exit(1);
  }
}
const frontend = `http://localhost:${frontendPort}`;
const backend = `http://localhost:${backendPort}`;
const config = {
  app: { baseUrl: frontend },
  backend: { baseUrl: backend, listen: { port: backendPort }, cors: { origin: frontend } },
};
// JSON is valid YAML.
writeFileSync(process.argv[2], JSON.stringify(config, null, 2) + '\n');
