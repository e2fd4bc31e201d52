// The container image's start: a V8 startup snapshot of the gateway's modules, evaluated once when the
// image is built (`node --snapshot-blob snapshot.blob --build-snapshot snapshot-entry.cjs`) and deserialized
// at each start (`node --snapshot-blob snapshot.blob`), so no start parses the bundle or builds its schemas
// again. Only modules that are plain JavaScript while loading are in it: the HTTP server, the HTTP/2
// transport and the fetch globals are loaded by startGateway() at run time. Configuration is read at run
// time too, from the environment of the start, not of the build.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as v8 from "node:v8";
import { startGateway } from "./node-start.js";
import { warmParsers } from "./warm-parsers.js";

warmParsers();
// The snapshot is built in the folder it runs from (the image's /app), beside batch-worker.mjs.
const batchWorker = pathToFileURL(join(__dirname, "batch-worker.mjs"));
v8.startupSnapshot.setDeserializeMainFunction(() => {
  void startGateway({ batchWorker });
});
