// Validates Kubernetes manifests against the upstream schemas of the @kubernetes-models
// packages. Those packages are ESM-only (their "exports" have only an "import" condition),
// and the backend and its jest tests run as CommonJS, where a dynamic import() is either
// rewritten into require() by the build or refused by jest's VM without
// --experimental-vm-modules. So the validation runs here, in a plain Node process.
//
// stdin:  JSON [{ "path": string, "manifest": object }]
// stdout: JSON [{ "path": string, "kind": string, "name": string, "errors": string[] }]

const MODELS = {
  '': 'kubernetes-models/v1',
  apps: 'kubernetes-models/apps/v1',
  'networking.k8s.io': 'kubernetes-models/networking.k8s.io/v1',
  'gateway.networking.k8s.io':
    '@kubernetes-models/gateway-api/gateway.networking.k8s.io',
  'cilium.io': '@kubernetes-models/cilium/cilium.io',
  'cert-manager.io': '@kubernetes-models/cert-manager/cert-manager.io',
};

function specifierOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/')
    ? apiVersion.split('/')
    : ['', apiVersion];
  const base = MODELS[group];
  if (!base || !/^[A-Za-z0-9]+$/.test(kind) || !/^v[0-9a-z]+$/.test(version))
    return undefined;
  // Core and apps/networking paths already end in the version; CRD packages add it.
  return base.endsWith(`/${version}`)
    ? `${base}/${kind}`
    : `${base}/${version}/${kind}`;
}

async function validateOne({ path, manifest }) {
  const kind = String(manifest?.kind ?? '');
  const name = String(manifest?.metadata?.name ?? '');
  const specifier = specifierOf(String(manifest?.apiVersion ?? ''), kind);
  if (!specifier)
    return {
      path,
      kind,
      name,
      errors: [`no upstream schema for ${manifest?.apiVersion} ${kind}`],
    };
  let Model;
  try {
    Model = (await import(specifier))[kind];
  } catch (error) {
    return {
      path,
      kind,
      name,
      errors: [
        `no upstream schema for ${manifest.apiVersion} ${kind}: ${
          error.code ?? error.message
        }`,
      ],
    };
  }
  try {
    new Model(manifest).validate();
    return { path, kind, name, errors: [] };
  } catch (error) {
    const details = Array.isArray(error.errors)
      ? error.errors.map(
          entry => `${entry.instancePath || '/'} ${entry.message}`,
        )
      : [error.message];
    return { path, kind, name, errors: [...new Set(details)] };
  }
}

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const entries = JSON.parse(input);
const results = await Promise.all(entries.map(validateOne));
process.stdout.write(JSON.stringify(results));
