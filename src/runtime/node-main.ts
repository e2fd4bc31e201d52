import { startGateway } from "./node-start.js";

void startGateway({ batchWorker: new URL("./batch-worker.mjs", import.meta.url) });
