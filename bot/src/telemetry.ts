// OpenTelemetry export to Azure Monitor, started before the app is loaded so HTTP and Express are
// instrumented. Bodies are never recorded: the SDK's HTTP spans carry method, route and status.
export async function startTelemetry(connectionString: string | undefined): Promise<boolean> {
  if (!connectionString) return false;
  const { useAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor({ azureMonitorExporterOptions: { connectionString } });
  return true;
}
