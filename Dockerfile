# syntax=docker/dockerfile:1
# The Regional Children's Passport host as a container image: the host, the web app and the four
# sector modules. Build from the repository root:
#
#   docker build -t passport-host .
#
# Running it, the compose file beside it (deploy/compose.yaml) and what is checked without Docker:
# docs/operations.md, "Containers". ADR 24 explains the layout.

ARG DOTNET_VERSION=10.0

# ---- build: the .NET SDK, plus Node.js and npm for the web app's NHS.UK frontend ----
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Build settings and central package versions first, then the sources the host's build reads:
# the host, core, SDK, web app and local PostgreSQL (src/), the sector modules (modules/) and the
# extra plugins (plugins/), which the host's build compiles too (src/Passport.Host/Passport.Host.csproj).
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
COPY modules/ modules/
COPY plugins/ plugins/

# Publishing the host also builds every sector module into artifacts/plugins/, one folder each;
# the web app's build runs `npm ci` for nhsuk-frontend (src/Passport.Web/package-lock.json).
RUN dotnet publish src/Passport.Host/Passport.Host.csproj --configuration Release --output /out/host \
    && cp -r artifacts/plugins /out/plugins

# ---- runtime: ASP.NET Core only, as the image's non-root user ----
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime

# curl serves the HEALTHCHECK; the runtime image has no HTTP client of its own.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY --from=build /out/host/ ./
COPY --from=build /out/plugins/ ./plugins/

# The sector modules ship in /app/plugins. It is a volume so that a region adds its extra plugins
# (one folder each, e.g. Short Breaks) without rebuilding the image; every host must see the same folder.
ENV Passport__PluginsPath=/app/plugins
VOLUME ["/app/plugins"]

# ASP.NET Core keeps the web app's cookie keys here; compose shares the folder between hosts.
RUN mkdir -p /home/app/.aspnet/DataProtection-Keys && chown -R app:app /home/app/.aspnet

# The image's own unprivileged user (APP_UID, 1654); Kestrel listens on 8080 (ASPNETCORE_HTTP_PORTS).
USER $APP_UID
EXPOSE 8080

# Liveness only: /health/ready also checks PostgreSQL, and a database outage must not make an
# orchestrator restart every host. The load balancer routes on /health/ready instead.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["curl", "--fail", "--silent", "--output", "/dev/null", "http://127.0.0.1:8080/health/live"]

ENTRYPOINT ["dotnet", "Passport.Host.dll"]
