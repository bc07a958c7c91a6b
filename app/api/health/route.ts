import { handleErrors } from "@/lib/http";
import { healthReport } from "@/lib/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handleErrors("GET /api/health", async () => {
  const report = await healthReport();
  return Response.json(report, { status: report.status === "ok" ? 200 : 503 });
});
