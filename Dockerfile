# The portal and the indexer in one image (docker-compose.yml runs it both ways).

# Node 22 (LTS; Node 20 is end-of-life) in both stages: the native module is built for the Node
# that runs it. The code itself runs on Node 20.19 or newer (package.json `engines`).

# --- build: every dependency, native modules compiled -------------------------------------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary fits this platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Typecheck in the image build so a broken tree never becomes an image; then drop dev dependencies.
RUN npm run typecheck && npm prune --omit=dev

# --- runtime: production dependencies and the app, as the unprivileged `node` user -------------
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SEARCH_ENGINE=meilisearch
WORKDIR /app
# App files stay owned by root: the portal only reads them. Only the embedded engine's data
# directory (SEARCH_ENGINE=sqlite) is writable.
COPY --from=build /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY engine ./engine
COPY indexer ./indexer
COPY server ./server
COPY views ./views
COPY public ./public
COPY corpus ./corpus
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# No curl in the slim image: Node itself asks /healthz (200 once an index is live, else 503).
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node as PID 1 (not npm) so SIGTERM reaches server/main.ts, which drains requests before exiting.
CMD ["node", "--import", "tsx", "server/main.ts"]
