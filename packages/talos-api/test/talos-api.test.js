'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const protoLoader = require('@grpc/proto-loader');
const {
  TALOS_PROTO_DIR,
  TALOS_PROTO_FILES,
  TALOS_PROTO_LOADER_OPTIONS,
} = require('..');

test('TALOS_PROTO_DIR is absolute and holds every listed proto file', () => {
  assert.ok(path.isAbsolute(TALOS_PROTO_DIR));
  for (const file of TALOS_PROTO_FILES) {
    assert.ok(fs.existsSync(path.join(TALOS_PROTO_DIR, file)), file);
  }
});

test('the protos load with the shared options and keep upstream field names and numbers', () => {
  const definition = protoLoader.loadSync([...TALOS_PROTO_FILES], {
    ...TALOS_PROTO_LOADER_OPTIONS,
  });
  const machine = definition['machine.MachineService'];
  assert.deepEqual(Object.keys(machine).sort(), [
    'Bootstrap',
    'EtcdMemberList',
    'Reboot',
    'ServiceList',
    'Version',
  ]);
  assert.equal(machine.Version.path, '/machine.MachineService/Version');
  assert.equal(
    definition['cluster.ClusterService'].HealthCheck.responseStream,
    true,
  );

  const member = definition['machine.EtcdMember'].type.field;
  const numbers = Object.fromEntries(
    member.map(field => [field.name, field.number]),
  );
  assert.deepEqual(numbers, {
    id: 2,
    hostname: 3,
    peer_urls: 4,
    client_urls: 5,
    is_learner: 6,
  });
});
