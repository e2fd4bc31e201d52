export declare const TARGETS: Record<"node" | "lambda" | "worker", (dir: string) => object>;
export declare function build(
  target: "node" | "lambda" | "worker",
  options?: { outdir?: string; minify?: boolean },
): Promise<{ outputs: Record<string, { bytes: number }> }>;
