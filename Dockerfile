# syntax=docker/dockerfile:1
# The gateway as a container: a self-contained esbuild bundle on Node 22 LTS, run as a non-root user.
#   docker build -t weaviate-rest-gateway .
#   docker run -p 8080:8080 -e WEAVIATE_GRPC_URL=grpc://weaviate:50051 weaviate-rest-gateway

FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: esbuild ships its binary as an optional dependency, no install script needed.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN node scripts/build.mjs node

FROM node:22-bookworm-slim
# NODE_COMPILE_CACHE: V8's compiled code for the bundle, made once below with this image's own node, so a
# container start does not compile the bundle again (bench: cold start). Source-mapped stack traces are off
# because they cost every start (~35 ms); set NODE_OPTIONS=--enable-source-maps while debugging.
ENV NODE_ENV=production \
    GATEWAY_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    NODE_COMPILE_CACHE=/app/.compile-cache
WORKDIR /app
# The bundle needs no node_modules (test/runtime/node-server.test.ts runs it from an empty folder).
COPY --from=build --chown=root:root /src/dist/node/ ./
COPY --from=build /src/scripts/warm-compile-cache.mjs /tmp/
RUN node /tmp/warm-compile-cache.mjs server.mjs .compile-cache \
 && chmod -R a+rX .compile-cache && rm /tmp/warm-compile-cache.mjs
# The official image's unprivileged user (uid 1000); the files stay root-owned and read-only to it.
USER node
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec form: node is PID 1 and receives SIGTERM itself (graceful drain in src/runtime/node-server.ts).
CMD ["node", "server.mjs"]
