import "server-only";
import path from "node:path";
import protobuf from "protobufjs";

/** The .proto files, read from the repository root where the app always runs (see ../proto/README.md). */
const PROTO_ROOT = path.join(process.cwd(), "lib/server/ingest/proto");

/**
 * Loads `entry` and its imports, resolving imports against `includeDir` (relative to the proto
 * folder) as `protoc -I includeDir` would.
 */
export function loadProto(includeDir: string, entry: string): protobuf.Root {
  const dir = path.join(PROTO_ROOT, includeDir);
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(dir, target));
  root.loadSync(entry);
  root.resolveAll();
  return root;
}
