# PocketBaseSharp server image. Build: docker build -t pocketbasesharp .
# Run:   docker run -p 8090:8090 -v $PWD/pb_data:/pb/pb_data pocketbasesharp
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# For the build machine's runtime, so the csproj turns on ReadyToRun (faster start and first requests).
RUN dotnet publish src/Server -c Release --use-current-runtime --no-self-contained -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /pb
COPY --from=build /app /app
EXPOSE 8090
VOLUME /pb/pb_data
ENTRYPOINT ["dotnet", "/app/PocketBaseSharp.Server.dll", "serve", "--http", "0.0.0.0:8090", "--dir", "/pb/pb_data"]
