# DBRX Docs Chat as a standalone Next.js server. Chroma and Postgres run as their own services
# (see docker-compose.yml); set CHROMA_URL and DATABASE_URL.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Every production package: the ingestion worker thread (PDFium, mammoth, tesseract.js with its core and
# English data…) loads its packages from node_modules at run time, and Next's standalone output holds
# only what Next's own bundles import.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000 DATA_DIR=/data
COPY --from=build /app/.next/standalone ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
# Read at run time from the working directory: the ingestion worker thread and the database migrations.
COPY --from=build /app/lib/ingest/worker/dist ./lib/ingest/worker/dist
COPY --from=build /app/lib/db/migrations ./lib/db/migrations
RUN mkdir /data && chown node:node /data
VOLUME /data
EXPOSE 3000
USER node
CMD ["node", "server.js"]
