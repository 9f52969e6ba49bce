# syntax=docker/dockerfile:1
# Reverse Mentoring server in a container: the Express server runs its TypeScript through tsx (the
# project has no server build) and serves the tab built by Vite. The image sets NODE_ENV=production:
# the other settings (README.md, "Configuration") come from the environment at run time, and the
# server refuses to start, listing what is missing, without ENTRA_CLIENT_ID, COSMOS_ENDPOINT,
# JOBS_SECRET and BOT_APP_ID (a bot without registration could not authenticate Bot Framework's
# activities); it never offers development sign-in, the embedded store or an unauthenticated bot.
# Node 26: the Active LTS line from 2026-10-28 to 2027-10-20 (end of life 2029-04-30); Node 20 ended
# on 2026-04-30 and Node 24 is in maintenance. The code also runs on Node 20 and later (package.json).
# test/infra/image.test.ts builds and starts this image's tree without Docker, in `npm test`.
#   docker build -t reverse-mentoring .
#   docker run -p 3978:3978 --env-file <production settings> reverse-mentoring

FROM node:26-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:tab && npm prune --omit=dev --no-audit --no-fund

FROM node:26-slim
# One server process per CPU, sharing the port (WEB_CONCURRENCY; one Node.js process uses one core).
ENV NODE_ENV=production \
    PORT=3978 \
    WEB_CONCURRENCY=auto
WORKDIR /app
# Owned by root and read-only for the user the server runs as.
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bot ./bot
COPY --from=build /app/tab/dist ./tab/dist
COPY --from=build /app/docs ./docs
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself (tsx as a loader), so SIGTERM reaches the server, which passes it to its processes and shuts down gracefully. A 64 MB
# young generation (node's default is 16 MB): most of a request's garbage dies there, and at 200 connections
# `npm run load` (which starts its server with these flags) measured 0.87 ms of CPU per request against 1.02 ms.
CMD ["node", "--max-semi-space-size=64", "--import", "tsx", "bot/src/index.ts"]
