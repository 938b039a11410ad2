"""`make bench`: how the public pages cost and scale, measured on PostgreSQL.

At each data size it generates synthetic interventions, then measures every main public page in
process (queries, median and 95th percentile time, with the page cache bypassed) and, with
gunicorn serving the site (one worker per core) and wrk driving it, requests per second for the
theme page and the finder (cached) and a bare Django view with no middleware (the floor). It
writes a markdown table and a JSON file and prints the ratios.
"""

import io
import json
import os
import platform
import secrets
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lpip_hub.page_cache import content_changed
from reviews.models import EvidenceReview, Intervention

PAGES = {
    "home": "/",
    "theme": "/themes/skills/",
    "review": "{review}",
    "finder": "/interventions/",
    "finder, place": "/interventions/?place=E12000005",
    "finder, theme": "/interventions/?theme=skills",
    "finder, England and theme": "/interventions/?place=E92000001&theme=skills",
    "finder, outcome": "/interventions/?place=E12000005&outcome_type=skills&min_evidence=3",
    "finder, text": "/interventions/?q=employment",
    "finder, evidence": "/interventions/?min_evidence=3",
    "finder, scale and theme": "/interventions/?scale=national&theme=skills",
    "finder, years": "/interventions/?year_from=2015",
    "intervention": "{intervention}",
    "place": "/places/birmingham/",
    "place, England": "/places/england/",
    "search": "/search/?q=skills",
    "search, two words": "/search/?q=housing+skills",
    "API": "/api/interventions/?place=E12000005",
    "API, England": "/api/interventions/?place=E92000001",
}
EXPLAINED = {
    "finder, place": {"place": "E12000005"},
    "finder, theme": {"theme": "skills"},
    "finder, England and theme": {"place": "E92000001", "theme": "skills"},
    "finder, outcome": {"place": "E12000005", "outcome_type": "skills", "min_evidence": "3"},
    "finder, text": {"q": "employment"},
    "finder, evidence": {"min_evidence": "3"},
    "finder, scale and theme": {"scale": "national", "theme": "skills"},
    "finder, years": {"year_from": "2015"},
}
# Cached pages against the floor: a bare Django view with no middleware (lpip_hub/bare_floor.py),
# served by the same workers; "stack" is that view through the whole middleware.
LOAD_PAGES = {
    "theme": "/themes/skills/",
    "finder": "/interventions/",
    "finder, place": "/interventions/?place=E12000005",
    "stack": "/_bench/stack",
    "floor": "/_bench/floor",
}


def percentile(times: list[float], share: int) -> float:
    ordered = sorted(times)
    return round(ordered[max(0, round(len(ordered) * share / 100) - 1)], 2)


class Command(BaseCommand):
    help = "Benchmark the public pages at two data sizes on PostgreSQL (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 50000, 200000])
        parser.add_argument("--requests", type=int, default=40, help="Timed requests per page.")
        parser.add_argument("--duration", type=int, default=10, help="Seconds of load per URL.")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--markdown", default="docs/benchmark-results.md")
        parser.add_argument("--json", default="bench/results/benchmark.json")

    def handle(self, *args, sizes, requests, duration, port, markdown, json, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL.")
        if not shutil.which("wrk"):
            raise CommandError("The load test needs wrk: apt-get install wrk.")
        quiet = {"stdout": io.StringIO(), "verbosity": 0}
        call_command("migrate", interactive=False, **quiet)
        call_command("collectstatic", interactive=False, **quiet)
        call_command("load_reference_data", **quiet)

        report = {"machine": self.machine(), "sizes": {}}
        generated = 0
        for size in sorted(sizes):
            self.stdout.write(f"Generating synthetic data up to {size} interventions...")
            started = time.monotonic()
            call_command(
                "generate_synthetic_data",
                interventions=size - generated,
                seed=size,
                clear=generated == 0,
                **quiet,
            )
            seconds = time.monotonic() - started
            self.stdout.write(f"  {size - generated} generated in {seconds:.1f} s")
            generated = size
            with connection.cursor() as cursor:
                # As autovacuum does after a bulk load: statistics for the planner, and the
                # visibility map the finder's counts need for index-only scans.
                cursor.execute("VACUUM ANALYZE")
            report["sizes"][size] = {
                "interventions": Intervention.objects.count(),
                "generate_seconds": round(seconds, 1),
                "pages": self.measure_pages(requests),
                "throughput": self.measure_throughput(port, duration),
                "explain": self.explain(),
            }
        self.write(report, markdown, json)

    # In process

    def urls(self) -> dict[str, str]:
        review = EvidenceReview.objects.published().order_by("pk").first()
        intervention = (
            Intervention.objects.published().filter(outcomes__isnull=False).order_by("pk").first()
        )
        values = {
            "review": review.get_absolute_url() if review else "/",
            "intervention": intervention.get_absolute_url(),
        }
        return {name: url.format(**values) for name, url in PAGES.items()}

    def measure_pages(self, requests: int) -> dict:
        """Each page cold (every cache emptied first) and warm (from the page cache)."""
        client = Client(HTTP_HOST="127.0.0.1")
        results = {}
        for name, url in self.urls().items():
            for _ in range(3):  # warm up the process, not the caches
                content_changed()
                client.get(url)
            cold, warm = [], []
            for _ in range(requests):
                content_changed()  # a new content version: no cached page or facet counts
                with CaptureQueriesContext(connection) as queries:
                    cold.append(self.timed(client, url))
                # Read now: the next request starting empties the connection's query log.
                query_count = len(queries)
            for _ in range(requests):
                warm.append(self.timed(client, url))
            results[name] = {
                "url": url,
                "queries": query_count,
                "median_ms": percentile(cold, 50),
                "p95_ms": percentile(cold, 95),
                "cached_median_ms": percentile(warm, 50),
                "cached_p95_ms": percentile(warm, 95),
            }
            self.stdout.write(f"  {name:16} {results[name]}")
        return results

    @staticmethod
    def timed(client, url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        return elapsed

    def explain(self) -> dict:
        """EXPLAIN ANALYZE of the filtered finder's first page and its facet counts, and whether
        either reads the whole interventions table."""
        from reviews import finder_index
        from reviews.filters import InterventionFilter
        from reviews.views.finder import finder_queryset

        plans = {}
        for name, params in EXPLAINED.items():
            filterset = InterventionFilter(params, queryset=finder_queryset())
            filterset.is_valid()
            page = filterset.qs[:20].explain(analyze=True)
            filterset.term_counts()  # as the page runs it, then explained
            sql, sql_params = finder_index.count_terms_sql(filterset.count_groups())
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + sql, sql_params)
                counts = "\n".join(row[0] for row in cursor.fetchall())
            plans[name] = {
                "seq_scan_of_interventions": "Seq Scan on reviews_intervention" in page + counts,
                "page_plan": page,
                "facet_counts_plan": counts,
            }
        return plans

    # Served by gunicorn

    def measure_throughput(self, port: int, duration: int) -> dict:
        workers = os.cpu_count() or 1
        env = {
            **os.environ,
            "DJANGO_HTTPS": "0",
            "DJANGO_DEBUG": "0",
            "DJANGO_BENCHMARK_FLOOR": "1",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_LOG_LEVEL": "WARNING",
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        }
        server = subprocess.Popen(
            [
                str(Path(settings.BASE_DIR) / ".venv" / "bin" / "gunicorn"),
                "lpip_hub.bench_wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "--timeout",  # the first, uncached, request for a page at the largest size
                "120",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            self.wait_for(f"{base}/healthz")
            results = {}
            for name, path in LOAD_PAGES.items():
                for _ in range(2):  # fill the page cache (the first may set the content version)
                    urllib.request.urlopen(base + path).read()
                output = subprocess.run(
                    ["wrk", "-t2", "-c16", f"-d{duration}s", base + path],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                rps = float(output.split("Requests/sec:")[1].split()[0])
                errors = "Non-2xx" in output or "Socket errors" in output
                results[name] = {"url": path, "requests_per_second": rps, "errors": errors}
                self.stdout.write(f"  {name:16} {rps:.0f} requests/s")
            for name in results:
                results[name]["of_floor"] = round(
                    results[name]["requests_per_second"] / results["floor"]["requests_per_second"],
                    2,
                )
            return results
        finally:
            server.terminate()
            server.wait(timeout=30)

    @staticmethod
    def wait_for(url: str) -> None:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise CommandError(f"gunicorn did not answer at {url}")

    # Report

    @staticmethod
    def machine() -> dict:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            postgres = cursor.fetchone()[0]
        return {
            "date": time.strftime("%Y-%m-%d"),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "postgresql": postgres,
            "cache": "Redis" if os.environ.get("REDIS_URL") else "Redis (gunicorn) / local memory",
        }

    def write(self, report: dict, markdown_path: str, json_path: str) -> None:
        sizes = sorted(report["sizes"])
        small, large = report["sizes"][sizes[0]], report["sizes"][sizes[-1]]
        lines = [
            f"Measured {report['machine']['date']} on {report['machine']['cpus']} cores, "
            f"Python {report['machine']['python']}, PostgreSQL {report['machine']['postgresql']}.",
            "",
            f"| page | queries at {small['interventions']:,} "
            f"| queries at {large['interventions']:,} | median ms (small) "
            "| median ms (large) | large / small | p95 ms (large) "
            "| cached median ms (small) | cached median ms (large) | cached large / small "
            "| cached p95 ms (large) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        ratios, cached_ratios = {}, {}
        for name, page in large["pages"].items():
            before = small["pages"][name]
            ratios[name] = round(page["median_ms"] / before["median_ms"], 2)
            cached_ratios[name] = round(page["cached_median_ms"] / before["cached_median_ms"], 2)
            lines.append(
                f"| {name} | {before['queries']} | {page['queries']} | {before['median_ms']} "
                f"| {page['median_ms']} | {ratios[name]} | {page['p95_ms']} "
                f"| {before['cached_median_ms']} | {page['cached_median_ms']} "
                f"| {cached_ratios[name]} | {page['cached_p95_ms']} |"
            )
        lines += [
            "",
            "| served by gunicorn | requests/s (small) | requests/s (large) "
            "| of the floor (large) |",
            "| --- | ---: | ---: | ---: |",
        ]
        for name, load in large["throughput"].items():
            lines.append(
                f"| {name} | {small['throughput'][name]['requests_per_second']:.0f} "
                f"| {load['requests_per_second']:.0f} | {load['of_floor']} |"
            )
        lines += [
            "",
            "Uncached median ms (p95) and queries at every size, and growth over the smallest:",
            "",
            "| page | "
            + " | ".join(f"{report['sizes'][size]['interventions']:,}" for size in sizes)
            + " | "
            + " | ".join(f"growth at {size:,}" for size in sizes[1:])
            + " |",
            "| --- |" + " ---: |" * (2 * len(sizes) - 1),
        ]
        for name in large["pages"]:
            cells = [
                f"{report['sizes'][size]['pages'][name]['median_ms']} "
                f"({report['sizes'][size]['pages'][name]['p95_ms']}), "
                f"{report['sizes'][size]['pages'][name]['queries']} q"
                for size in sizes
            ]
            first = small["pages"][name]["median_ms"]
            growth = [
                f"{report['sizes'][size]['pages'][name]['median_ms'] / first:.2f}x"
                for size in sizes[1:]
            ]
            lines.append(f"| {name} | " + " | ".join(cells + growth) + " |")
        lines += ["", "Sequential scans of interventions at the large size (EXPLAIN ANALYZE):", ""]
        for name, plan in large["explain"].items():
            lines.append(f"- {name}: {'yes' if plan['seq_scan_of_interventions'] else 'none'}")
        for name, plan in large["explain"].items():
            lines += [
                "",
                f"#### {name}: first page",
                "",
                "```",
                plan["page_plan"],
                "```",
                "",
                f"#### {name}: facet counts",
                "",
                "```",
                plan["facet_counts_plan"],
                "```",
            ]
        table = "\n".join(lines) + "\n"

        Path(markdown_path).parent.mkdir(parents=True, exist_ok=True)
        Path(markdown_path).write_text(table, encoding="utf-8")
        Path(json_path).parent.mkdir(parents=True, exist_ok=True)
        Path(json_path).write_text(json.dumps(report, indent=2), encoding="utf-8")
        self.stdout.write("\n" + table)
        self.stdout.write("Median at the large size over the small size (cold, cached):")
        for name, ratio in ratios.items():
            self.stdout.write(f"  {name:16} {ratio:5}  {cached_ratios[name]:5}")
        self.stdout.write("Throughput over the floor's (large size):")
        for name, load in large["throughput"].items():
            self.stdout.write(f"  {name:16} {load['of_floor']}")
