# One image for every platform service; the compose file picks the service with its command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts ./scripts
RUN node -r @swc-node/register scripts/build-web.ts
ENV NODE_ENV=production
CMD ["node", "-r", "@swc-node/register", "apps/normalizer/src/main.ts"]
