export type Target = "node" | "lambda" | "lambda-image" | "worker";
export declare const TARGETS: Record<Target, (dir: string) => object>;
export declare function build(
  target: Target,
  options?: { outdir?: string; minify?: boolean },
): Promise<{ outputs: Record<string, { bytes: number }> }>;
