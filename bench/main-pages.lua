-- wrk script: cycle through the Hub's main public pages.
local paths = {
  "/",
  "/themes/skills/",
  "/interventions/",
  "/interventions/?place=E12000005",
  "/interventions/?theme=skills&min_evidence=3",
  "/interventions/?q=employment",
  "/search/?q=skills",
  "/places/birmingham/",
  "/policies/",
  "/concepts/",
  "/partnerships/",
  "/gap-map/",
  "/api/interventions/?place=E12000005",
}
local i = 0

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = function(summary, latency, requests)
  io.write(string.format(
    "requests %d, errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("latency ms: median %.1f, p95 %.1f, p99 %.1f, max %.1f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
