# syntax=docker/dockerfile:1
# Picineiros server (API, web build of the UI, daily jobs). Multi-stage: native modules (argon2, sqlite3)
# compile in the build stage; the runtime stage has no compiler.

FROM node:20-bookworm-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH ELECTRON_SKIP_BINARY_DOWNLOAD=1 CI=true
RUN npm install -g pnpm@10.34.9
WORKDIR /app

FROM base AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# Manifests first, so the dependency layer is cached until they change.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/server/package.json apps/server/
COPY apps/desktop/package.json apps/desktop/
COPY packages/api/package.json packages/api/
COPY packages/db/package.json packages/db/
RUN pnpm install --frozen-lockfile
COPY . .
# The browser build of the renderer, which the server serves at /.
RUN pnpm --filter @picineiros/desktop run build:web
# Keep only what the server needs at run time (its TypeScript runs through tsx, a runtime dependency).
RUN pnpm --filter @picineiros/server --prod --legacy deploy /out \
 && cp -r apps/desktop/dist /out/web-dist

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
# pg_dump/pg_restore for the backup command. They must be at least the server's major version (16 in
# docker-compose.yml) and Debian 12 ships 15, so they come from the PostgreSQL project's apt repository
# (the setup script shipped in postgresql-common, as postgresql.org documents for Debian).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates postgresql-common \
 && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
 && apt-get install -y --no-install-recommends postgresql-client-16 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out /app
RUN mkdir -p /data /backups && chown node:node /data /backups
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
