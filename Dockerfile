# syntax=docker/dockerfile:1
# Reverse Mentoring server in a container: the Express server runs its TypeScript through tsx (the
# project has no server build) and serves the tab built by Vite. The image sets NODE_ENV=production:
# the other settings (README.md, "Configuration") come from the environment at run time, and the
# server refuses to start, listing what is missing, without ENTRA_CLIENT_ID, COSMOS_ENDPOINT and
# JOBS_SECRET; it never offers development sign-in or the embedded store.
#   docker build -t reverse-mentoring .
#   docker run -p 3978:3978 --env-file <production settings> reverse-mentoring

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:tab && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
# Owned by root and read-only for the user the server runs as.
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bot ./bot
COPY --from=build /app/tab/dist ./tab/dist
COPY --from=build /app/docs/admin-guide.md ./docs/admin-guide.md
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# One node process (tsx as a loader), so SIGTERM reaches the server's graceful shutdown directly.
CMD ["node", "--import", "tsx", "bot/src/index.ts"]
