#!/usr/bin/env bash
# Regenerates src/Server/Data/CompiledModel from SystemDbContext.OnModelCreating. Run it after
# changing the system tables' mapping; CompiledModelTests fails until you do.
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore
dotnet restore EfModel.Design.csproj
rm -rf ../../src/Server/Data/CompiledModel
dotnet tool run dotnet-ef dbcontext optimize \
  --project ../../src/Server --startup-project . \
  --context SystemDbContext \
  --output-dir Data/CompiledModel --namespace PocketBaseSharp.Server.Data.CompiledModel
