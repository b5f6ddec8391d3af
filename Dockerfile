# Build and run Cms.Api; docker-compose.yml wires it to PostgreSQL.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Cms.Api/Cms.Api.csproj src/Cms.Api/
RUN dotnet restore src/Cms.Api/Cms.Api.csproj
COPY src/ src/
# The committed openapi/cms.v1.json is the document; the image need not regenerate it.
RUN dotnet publish src/Cms.Api/Cms.Api.csproj -c Release -o /app --no-restore -p:OpenApiGenerateDocuments=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the compose health check (GET /health/ready); the image has no HTTP client of its own.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The media volume's mount point, owned by the user the service runs as, so a new named volume is writable.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
ENTRYPOINT ["dotnet", "Cms.Api.dll"]
