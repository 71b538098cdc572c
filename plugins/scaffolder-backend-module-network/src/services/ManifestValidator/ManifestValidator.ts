import { execFile } from 'node:child_process';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import Ajv from 'ajv';
import { DNS_ENDPOINT_SCHEMA } from './dnsEndpointSchema';

/** The schema check of one manifest: empty `errors` means valid. */
export interface ManifestValidation {
  path: string;
  kind: string;
  name: string;
  errors: string[];
}

/** A manifest and the file it is written to. */
export interface ManifestEntry {
  path: string;
  manifest: Record<string, any>;
}

const VALIDATOR_SCRIPT = 'validator/validate-manifests.mjs';

/**
 * Validates manifests against the upstream schemas: core kinds with `kubernetes-models`,
 * Gateway API, Cilium and cert-manager kinds with the `@kubernetes-models/*` packages, and
 * DNSEndpoint with our own JSON schema. The @kubernetes-models packages are ESM-only, which
 * the CommonJS backend (and jest) cannot load in-process, so they run in a Node child
 * process (`validator/validate-manifests.mjs`, about 0.3 s).
 */
export class ManifestValidator {
  private readonly validateDnsEndpoint = new Ajv({
    allErrors: true,
    strict: false,
  }).compile(DNS_ENDPOINT_SCHEMA);

  async validate(entries: ManifestEntry[]): Promise<ManifestValidation[]> {
    const own = entries.filter(entry => entry.manifest.kind === 'DNSEndpoint');
    const upstream = entries.filter(
      entry => entry.manifest.kind !== 'DNSEndpoint',
    );
    const upstreamResults =
      upstream.length > 0 ? await this.validateInChild(upstream) : [];
    const ownResults = own.map(entry => this.validateOwn(entry));
    const byPath = new Map(
      [...upstreamResults, ...ownResults].map(result => [result.path, result]),
    );
    return entries.map(entry => byPath.get(entry.path)!);
  }

  private validateOwn(entry: ManifestEntry): ManifestValidation {
    const valid = this.validateDnsEndpoint(entry.manifest);
    return {
      path: entry.path,
      kind: String(entry.manifest.kind),
      name: String(entry.manifest.metadata?.name ?? ''),
      errors: valid
        ? []
        : (this.validateDnsEndpoint.errors ?? []).map(
            error => `${error.instancePath || '/'} ${error.message}`,
          ),
    };
  }

  private validateInChild(
    entries: ManifestEntry[],
  ): Promise<ManifestValidation[]> {
    const script = resolvePackagePath(
      '@internal/plugin-scaffolder-backend-module-network',
      VALIDATOR_SCRIPT,
    );
    return new Promise((resolve, reject) => {
      const child = execFile(
        process.execPath,
        [script],
        { maxBuffer: 64 * 1024 * 1024, timeout: 30_000 },
        (error, stdout, stderr) => {
          if (error) {
            reject(
              new Error(
                `Manifest validation failed to run: ${stderr || error.message}`,
              ),
            );
            return;
          }
          try {
            resolve(JSON.parse(stdout));
          } catch (parseError) {
            reject(
              new Error(
                `Manifest validation answered with invalid JSON: ${String(
                  parseError,
                )}`,
              ),
            );
          }
        },
      );
      child.stdin?.end(JSON.stringify(entries));
    });
  }
}
