# syntax=docker/dockerfile:1
# The gateway as a container: a self-contained esbuild bundle on Node 22 LTS, run as a non-root user.
#   docker build -t weaviate-rest-gateway .
#   docker run -p 8080:8080 -e WEAVIATE_GRPC_URL=grpc://weaviate:50051 weaviate-rest-gateway

# The build's output is JavaScript, the same on every architecture: it runs on the builder's own platform
# (no emulation when building for another); the final stage is the target platform's.
FROM --platform=$BUILDPLATFORM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: esbuild ships its binary as an optional dependency, no install script needed.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN node scripts/build.mjs node

FROM node:22-bookworm-slim
# Source-mapped stack traces are off because they cost every start (~35 ms); set
# NODE_OPTIONS=--enable-source-maps while debugging.
ENV NODE_ENV=production \
    GATEWAY_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
# The bundle needs no node_modules (test/runtime/node-server.test.ts runs it from an empty folder).
COPY --from=build --chown=root:root /src/dist/node/ ./
# A V8 startup snapshot of the gateway's modules (src/runtime/node-snapshot.ts), made with this image's own
# node: a start deserializes it instead of parsing the bundle and building its schemas (bench: cold start).
# `node server.mjs` starts the same gateway without it.
RUN node --snapshot-blob snapshot.blob --build-snapshot snapshot-entry.cjs && chmod a+r snapshot.blob
# The official image's unprivileged user (uid 1000); the files stay root-owned and read-only to it.
USER node
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec form: node is PID 1 and receives SIGTERM itself (graceful drain in src/runtime/node-server.ts).
CMD ["node", "--snapshot-blob", "snapshot.blob"]
