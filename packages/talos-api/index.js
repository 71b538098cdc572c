'use strict';
// Plain CommonJS with no build step, so both the demo cluster (ESM run by Node directly) and
// the Backstage backend (CommonJS through backstage-cli) can require it as is.
const path = require('node:path');

/** Absolute path of the `proto/` directory: the include root of all Talos protos. */
exports.TALOS_PROTO_DIR = path.join(__dirname, 'proto');

/** The proto files that define the services, relative to TALOS_PROTO_DIR. */
exports.TALOS_PROTO_FILES = Object.freeze([
  'machine/machine.proto',
  'cluster/cluster.proto',
]);

/**
 * Loader options (see proto/README.md): field names as written in the .proto (`go_version`,
 * `peer_urls`), 64-bit integers as decimal strings (etcd member ids exceed 2^53), enums as
 * their names, and defaults filled so absent scalars read as '' / false / 0.
 */
exports.TALOS_PROTO_LOADER_OPTIONS = Object.freeze({
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [exports.TALOS_PROTO_DIR],
});
