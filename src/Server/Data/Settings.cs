using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Data;

/// <summary>The defaults of the <c>settings</c> row in <c>_params</c> on a fresh install.</summary>
public static class Settings
{
    public static JsonObject Defaults() => (JsonObject)JsonNode.Parse("""
        {
          "smtp": {"enabled": false, "port": 587, "host": "smtp.example.com", "username": "", "password": "", "authMethod": "", "tls": false, "localName": ""},
          "backups": {"cron": "", "cronMaxKeep": 3, "s3": {"enabled": false, "bucket": "", "region": "", "endpoint": "", "accessKey": "", "secret": "", "forcePathStyle": false}},
          "s3": {"enabled": false, "bucket": "", "region": "", "endpoint": "", "accessKey": "", "secret": "", "forcePathStyle": false},
          "meta": {"appName": "Acme", "appURL": "http://localhost:8090", "senderName": "Support", "senderAddress": "support@example.com", "hideControls": false, "accentColor": "#1055c9"},
          "rateLimits": {"rules": [
            {"label": "*:auth", "audience": "", "duration": 3, "maxRequests": 2},
            {"label": "*:create", "audience": "", "duration": 5, "maxRequests": 20},
            {"label": "/api/batch", "audience": "", "duration": 1, "maxRequests": 3},
            {"label": "/api/", "audience": "", "duration": 10, "maxRequests": 300}
          ], "excludedIPs": null, "enabled": false},
          "trustedProxy": {"headers": null, "useLeftmostIP": false},
          "batch": {"enabled": false, "maxRequests": 50, "timeout": 3, "maxBodySize": 0},
          "logs": {"maxDays": 5, "minLevel": 0, "logIP": true, "logAuthId": false},
          "superuserIPs": []
        }
        """)!;
}
