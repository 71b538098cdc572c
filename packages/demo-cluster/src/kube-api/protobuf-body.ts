/**
 * Decoding of the Kubernetes protobuf encoding (`application/vnd.kubernetes.protobuf`) for the
 * few kinds kubectl's `create` generators send that way: Namespace, ConfigMap, Secret and
 * ServiceAccount. The envelope is the magic `k8s\0` followed by a `runtime.Unknown` message
 * whose `raw` field holds the object. Field numbers follow k8s.io/api `generated.proto`.
 */
import { ApiError } from './status.ts';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** One decoded field: its number and its varint value or length-delimited bytes. */
interface Field {
  number: number;
  varint?: bigint;
  bytes?: Buffer;
}

function readVarint(buffer: Buffer, offset: number): { value: bigint; next: number } {
  let value = 0n;
  let shift = 0n;
  for (let position = offset; position < buffer.length; position++) {
    const byte = buffer[position]!;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value, next: position + 1 };
    shift += 7n;
    if (shift > 63n) break;
  }
  throw malformed('truncated varint');
}

function malformed(why: string): ApiError {
  return new ApiError(400, 'BadRequest', `the body of the request could not be decoded as protobuf: ${why}`);
}

function fieldsOf(buffer: Buffer): Field[] {
  const fields: Field[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const tag = readVarint(buffer, offset);
    offset = tag.next;
    const number = Number(tag.value >> 3n);
    const wireType = Number(tag.value & 7n);
    if (wireType === 0) {
      const value = readVarint(buffer, offset);
      offset = value.next;
      fields.push({ number, varint: value.value });
    } else if (wireType === 2) {
      const length = readVarint(buffer, offset);
      const end = length.next + Number(length.value);
      if (end > buffer.length) throw malformed('truncated field');
      fields.push({ number, bytes: buffer.subarray(length.next, end) });
      offset = end;
    } else if (wireType === 1) {
      offset += 8;
    } else if (wireType === 5) {
      offset += 4;
    } else {
      throw malformed(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}

const text = (field: Field) => field.bytes?.toString('utf8') ?? '';

function mapEntry(field: Field): [string, Buffer] {
  let key = '';
  let value = Buffer.alloc(0);
  for (const entry of fieldsOf(field.bytes ?? Buffer.alloc(0))) {
    if (entry.number === 1) key = text(entry);
    if (entry.number === 2) value = entry.bytes ?? Buffer.alloc(0);
  }
  return [key, value];
}

function stringMap(fields: Field[], number: number): Record<string, string> | undefined {
  const entries = fields.filter((field) => field.number === number).map(mapEntry);
  return entries.length > 0 ? Object.fromEntries(entries.map(([key, value]) => [key, value.toString('utf8')])) : undefined;
}

function bytesMap(fields: Field[], number: number): Record<string, string> | undefined {
  const entries = fields.filter((field) => field.number === number).map(mapEntry);
  return entries.length > 0 ? Object.fromEntries(entries.map(([key, value]) => [key, value.toString('base64')])) : undefined;
}

function strings(fields: Field[], number: number): string[] | undefined {
  const values = fields.filter((field) => field.number === number).map(text);
  return values.length > 0 ? values : undefined;
}

function bool(fields: Field[], number: number): boolean | undefined {
  const field = fields.find((candidate) => candidate.number === number);
  return field?.varint === undefined ? undefined : field.varint !== 0n;
}

function objectMeta(buffer: Buffer | undefined): Record<string, unknown> {
  const fields = fieldsOf(buffer ?? Buffer.alloc(0));
  const metadata: Record<string, unknown> = {};
  const single = (number: number) => fields.find((field) => field.number === number);
  const name = single(1);
  const generateName = single(2);
  const namespace = single(3);
  const resourceVersion = single(6);
  if (name) metadata.name = text(name);
  if (generateName) metadata.generateName = text(generateName);
  if (namespace) metadata.namespace = text(namespace);
  if (resourceVersion) metadata.resourceVersion = text(resourceVersion);
  const labels = stringMap(fields, 11);
  const annotations = stringMap(fields, 12);
  const finalizers = strings(fields, 14);
  if (labels) metadata.labels = labels;
  if (annotations) metadata.annotations = annotations;
  if (finalizers) metadata.finalizers = finalizers;
  const owners = fields.filter((field) => field.number === 13).map((field) => {
    const ownerFields = fieldsOf(field.bytes ?? Buffer.alloc(0));
    const owner: Record<string, unknown> = {};
    for (const ownerField of ownerFields) {
      if (ownerField.number === 1) owner.kind = text(ownerField);
      if (ownerField.number === 3) owner.name = text(ownerField);
      if (ownerField.number === 4) owner.uid = text(ownerField);
      if (ownerField.number === 5) owner.apiVersion = text(ownerField);
      if (ownerField.number === 6) owner.controller = ownerField.varint !== 0n;
      if (ownerField.number === 7) owner.blockOwnerDeletion = ownerField.varint !== 0n;
    }
    return owner;
  });
  if (owners.length > 0) metadata.ownerReferences = owners;
  return metadata;
}

function decodeObject(kind: string, raw: Buffer): Record<string, unknown> {
  const fields = fieldsOf(raw);
  const metadata = objectMeta(fields.find((field) => field.number === 1)?.bytes);
  switch (kind) {
    case 'Namespace': {
      const spec = fields.find((field) => field.number === 2);
      const finalizers = spec ? strings(fieldsOf(spec.bytes ?? Buffer.alloc(0)), 1) : undefined;
      return { metadata, spec: finalizers ? { finalizers } : {} };
    }
    case 'ConfigMap': {
      const object: Record<string, unknown> = { metadata };
      const data = stringMap(fields, 2);
      const binaryData = bytesMap(fields, 3);
      const immutable = bool(fields, 4);
      if (data) object.data = data;
      if (binaryData) object.binaryData = binaryData;
      if (immutable !== undefined) object.immutable = immutable;
      return object;
    }
    case 'Secret': {
      const object: Record<string, unknown> = { metadata };
      const data = bytesMap(fields, 2);
      const type = fields.find((field) => field.number === 3);
      const stringData = stringMap(fields, 4);
      const immutable = bool(fields, 5);
      if (data) object.data = data;
      if (type) object.type = text(type);
      if (stringData) object.stringData = stringData;
      if (immutable !== undefined) object.immutable = immutable;
      return object;
    }
    case 'ServiceAccount': {
      const object: Record<string, unknown> = { metadata };
      const pullSecrets = fields
        .filter((field) => field.number === 3)
        .map((field) => ({ name: text(fieldsOf(field.bytes ?? Buffer.alloc(0)).find((inner) => inner.number === 1) ?? { number: 1 }) }));
      const automount = bool(fields, 4);
      if (pullSecrets.length > 0) object.imagePullSecrets = pullSecrets;
      if (automount !== undefined) object.automountServiceAccountToken = automount;
      return object;
    }
    default:
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the demo cluster does not decode protobuf bodies of kind ${kind}; send application/json (kubectl create -f / kubectl apply do)`,
      );
  }
}

/** Decodes a protobuf request body into the JSON form of the object. */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) throw malformed('missing k8s envelope');
  const envelope = fieldsOf(body.subarray(MAGIC.length));
  let apiVersion = '';
  let kind = '';
  const typeMeta = envelope.find((field) => field.number === 1);
  for (const field of fieldsOf(typeMeta?.bytes ?? Buffer.alloc(0))) {
    if (field.number === 1) apiVersion = text(field);
    if (field.number === 2) kind = text(field);
  }
  const raw = envelope.find((field) => field.number === 2)?.bytes ?? Buffer.alloc(0);
  return { apiVersion, kind, ...decodeObject(kind, raw) };
}
