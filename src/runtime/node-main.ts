import { startGateway } from "./node-start.js";

void startGateway();
