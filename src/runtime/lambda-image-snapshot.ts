// The Lambda container image's start (deploy/lambda-image/Dockerfile): a V8 startup snapshot of the gateway's
// modules, made when the image is built (`node --snapshot-blob snapshot.blob --build-snapshot
// snapshot-entry.cjs`) and deserialized at each cold start (`node --snapshot-blob snapshot.blob`). Lambda's
// managed Node runtime cannot start from a snapshot, so the image's process is its own runtime
// (lambda-runtime-api.ts). Configuration is read at run time, from the function's environment.
import * as v8 from "node:v8";
import { startLambdaImage } from "./lambda-image.js";
import { warmParsers } from "./warm-parsers.js";

warmParsers();
v8.startupSnapshot.setDeserializeMainFunction(() => {
  void startLambdaImage();
});
