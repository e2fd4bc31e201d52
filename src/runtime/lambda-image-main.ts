// The Lambda container image's process without a startup snapshot (`node runtime.mjs`): the same runtime,
// parsing the bundle at each start.
import { startLambdaImage } from "./lambda-image.js";

void startLambdaImage();
