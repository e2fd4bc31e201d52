export interface ColdStartTarget {
  cwd: string;
  args: string[];
  path: string;
  post: boolean;
}
export function bundleSnippet(contents: string, outfile: string): Promise<string>;
export function buildHello(dir: string): Promise<ColdStartTarget>;
export function coldStart(target: ColdStartTarget, grpcPort: number): Promise<number>;
export function freePort(): Promise<number>;
export const BENCH_KEY: string;
export const AUTH_ENV: Record<string, string>;
export const AUTH_HEADERS: Record<string, string>;
export function gatewayEnv(grpcPort: number): Record<string, string | undefined>;
