#!/usr/bin/env python3
"""Turns the harness' raw lines (results.txt) into results.json and results.md: medians over repetitions,
and Roster/Keycloak ratios when a Keycloak results.txt (written by ../shared/bench/keycloak/bench.sh) is given.

usage: report.py OUT_DIR [KEYCLOAK_RESULTS_TXT]
           one Roster run (results.txt in OUT_DIR)
       report.py --columns OUT_DIR NAME=RUN_DIR [NAME=RUN_DIR ...] [KEYCLOAK_RESULTS_TXT]
           several Roster runs side by side (run.sh --both: H2=<out>/h2 PostgreSQL=<out>/postgresql),
           each against the same Keycloak run; results.md and results.json are written to OUT_DIR
"""
import json
import re
import statistics as st
import sys
from pathlib import Path

args = sys.argv[1:]
if args and args[0] == "--columns":
    out = Path(args[1])
    columns = [(a.split("=", 1)[0], Path(a.split("=", 1)[1])) for a in args[2:] if "=" in a]
    rest = [a for a in args[2:] if "=" not in a]
    kc_file = Path(rest[0]) if rest else None
else:
    out = Path(args[0])
    columns = [("Roster", out)]
    kc_file = Path(args[1]) if len(args) > 1 else None


def parse(path):
    runs, starts, hashes, other = {}, [], [], {}
    for line in path.read_text().splitlines():
        kv = dict(re.findall(r"(\w+)=(\S+)", line))
        if line.startswith("RESULT"):
            runs.setdefault(kv["label"], []).append(kv)
        elif line.startswith("START"):
            starts.append(kv)
        elif line.startswith("HASH"):
            hashes.append(kv)
        elif line.startswith(("RSS", "STORAGE")):
            other[line.split()[0].lower() + ("_" + kv["tag"] if "tag" in kv else "")] = kv
    return runs, starts, hashes, other


def med(rows, key):
    vals = [float(r[key]) for r in rows if key in r]
    return st.median(vals) if vals else None


def summarize(runs):
    s = {}
    for label, rows in runs.items():
        s[label] = {
            "reps": len(rows), "n": int(rows[0]["n"]), "c": int(rows[0]["c"]),
            "rps": med(rows, "rps"), "rps_all": [float(r["rps"]) for r in rows],
            "p50_ms": med(rows, "p50"), "p99_ms": med(rows, "p99"),
            "errors": sum(int(r["err"]) for r in rows),
            "cpu_ms_per_req": med(rows, "srv_cpu_ms_per_req") if any("srv_cpu_ms_per_req" in r for r in rows)
            else med(rows, "kc_cpu_ms_per_req"),
        }
    return s


def load_roster(d):
    runs, starts, hashes, other = parse(d / "results.txt")
    warm = [s for s in starts if s["tag"].startswith("warm")]
    cold = [s for s in starts if s["tag"] == "cold"]
    startup = {
        "cold_s": float(cold[0]["wall_to_http_ready_s"]) if cold else None,
        "warm_s": st.median(float(s["wall_to_http_ready_s"]) for s in warm) if warm else None,
        "warm_all_s": [float(s["wall_to_http_ready_s"]) for s in warm],
        "rss_idle_mb": st.median(float(s["rss_idle_mb"]) for s in warm) if warm else None,
        "rss_after_load_mb": float(other["rss"]["final_mb"]) if "rss" in other else None,
        "rss_peak_mb": float(other["rss"]["peak_hwm_mb"]) if "rss" in other else None,
    }
    storage = {k[len("storage_"):]: v for k, v in other.items() if k.startswith("storage_")}
    hash_rate = {h["label"]: {"rps": float(h["rps"]), "cpu_ms_per_hash": float(h["cpu_ms_per_hash"])} for h in hashes}
    machine = (d / "machine.txt").read_text() if (d / "machine.txt").exists() else ""
    return {"rows": summarize(runs), "startup": startup, "storage": storage, "hash_rate": hash_rate, "machine": machine}


rosters = [(name, load_roster(d)) for name, d in columns]

kc, kc_start = None, None
if kc_file and kc_file.exists():
    kruns, kstarts, _, kother = parse(kc_file)
    kc = summarize(kruns)
    kwarm = [s for s in kstarts if s["tag"].startswith("warm")]
    kc_start = {
        "warm_s": st.median(float(s["wall_to_http_ready_s"]) for s in kwarm) if kwarm else None,
        "rss_idle_mb": st.median(float(s["rss_idle_mb"]) for s in kwarm) if kwarm else None,
        "rss_after_load_mb": float(kother["rss"]["final_mb"]) if "rss" in kother else None,
    }


def kc_row(spec):
    """A Keycloak label, or a tuple of labels whose requests together do what one Roster request does
    (their rates compose as 1/(1/a + 1/b), their CPU adds up)."""
    if not kc or not spec:
        return None
    labels = spec if isinstance(spec, tuple) else (spec,)
    parts = [kc.get(lab) for lab in labels]
    if any(p is None or not p["rps"] for p in parts):
        return None
    if len(parts) == 1:
        return parts[0]
    cpu = [p["cpu_ms_per_req"] for p in parts]
    return {"rps": 1 / sum(1 / p["rps"] for p in parts),
            "cpu_ms_per_req": sum(cpu) if all(c is not None for c in cpu) else None}


# Roster row -> (description, comparable Keycloak row(s) or None, target for Roster/Keycloak req/s or None)
# The targets are issue 23's (performance, third pass): c=8 unless the row says otherwise.
ROWS = [
    ("noop_c8", "no-op JAX-RS endpoint (the floor), c=8", None, None),
    ("health_live_c8", "/health/live, c=8", None, None),
    ("list50_10k_c1", "list 50 of 10k, c=1", "b_list50_c1", 2.0),
    ("list50_10k_c8", "list 50 of 10k, c=8", "b_list50_c8", 2.0),
    ("list50_100k_first_c8", "list 50 of 100k, first page", None, None),
    ("list50_100k_deep2000_c8", "list 50 of 100k, page 2,000", None, None),
    ("search_c8", "search q= (email/name substring) vs email substring", "b_email_like_c8", 2.0),
    ("get_one_c8", "get one member vs exact email lookup", "b_email_exact_c8", None),
    ("invite_c8", "invite with its mail vs create user + execute-actions-email", ("a_create_c8", "d_exec_actions_email_c8"), 2.0),
    ("invite_c1", "invite with its mail vs create + execute-actions-email, c=1", ("a_create_c1", "d_exec_actions_email_c1"), None),
    ("invite_c8", "invite vs create user alone (no mail in Keycloak)", "a_create_c8", None),
    ("role_change_c8", "role change (PATCH + If-Match, audited) vs role assign (not audited)", "c_role_assign_c8", 1.0),
    ("me_c8", "GET /me with a session", None, None),
    ("login_c1", "password login, c=1", "e_login_c1", None),
    ("login_c8", "password login (OWASP's minimum on each side)", "e_login_c8", 1.0),
]


def f(x, d=1):
    return "—" if x is None else f"{x:,.{d}f}"


def cell(r):
    return "—" if not r else f"{f(r['rps'])} · {f(r['cpu_ms_per_req'], 2)}"


lines = ["# Roster benchmark\n"]
for name, ro in rosters:
    lines.append(f"```\n{('# ' + name + chr(10)) if len(rosters) > 1 else ''}{ro['machine'].strip()}\n```\n")
lines.append("Medians of the repetitions. Each cell is requests per second · server CPU ms per request (utime+stime "
             "of the server process over the measured phase divided by its request count). On a shared 2-core "
             "machine only ratios from one run mean anything.\n")
names = [n for n, _ in rosters]
hdr = "| measure (c=8 unless said) | n × c | " + " | ".join(f"{n} req/s · CPU ms" for n in names) + " |"
sep = "|---|---|" + "---|" * len(names)
if kc:
    hdr += " Keycloak req/s · CPU ms | " + " | ".join(f"{n}/Keycloak" for n in names) + " | target |"
    sep += "---|" * (len(names) + 2)
lines += [hdr, sep]
result_rows = []
for label, desc, kc_label, target in ROWS:
    rs = [ro["rows"].get(label) for _, ro in rosters]
    if not any(rs):
        continue
    first = next(r for r in rs if r)
    errors = sum(r["errors"] for r in rs if r)
    d = desc + (f" (**{errors} errors**)" if errors else "")
    row = f"| {d} | {first['n']} × {first['c']} | " + " | ".join(cell(r) for r in rs) + " |"
    entry = {"label": label, "measure": desc, "roster": dict(zip(names, rs))}
    if kc:
        k = kc_row(kc_label)
        ratios = [r["rps"] / k["rps"] if r and k else None for r in rs]
        entry.update({"keycloak_label": kc_label, "keycloak": k, "ratios": dict(zip(names, ratios)), "target": target})
        marks = ["" if x is None or target is None else (" ✓" if x >= target else " ✗") for x in ratios]
        row += f" {cell(k)} | " + " | ".join((f(x, 2) + "×" + m) if x else "—" for x, m in zip(ratios, marks)) + \
               f" | {('≥ ' + f(target, 1) + '×') if target else '—'} |"
    lines.append(row)
    result_rows.append(entry)

lines.append("")
lines.append("| start-up and memory | " + " | ".join(names) + " |" +
             (" Keycloak | " + " | ".join(f"{n}/Keycloak" for n in names) + " | target |" if kc_start else ""))
lines.append("|---|" + "---|" * len(names) + ("---|" * (len(names) + 2) if kc_start else ""))


def mem_row(name, key, target):
    vs = [ro["startup"].get(key) for _, ro in rosters]
    row = f"| {name} | " + " | ".join(f(v) for v in vs) + " |"
    if kc_start:
        k = kc_start.get(key)
        if target is None:
            row += f" {f(k)} | " + " | ".join("" for _ in vs) + " | |"
        else:
            ratios = [v / k if v and k else None for v in vs]
            row += f" {f(k)} | " + " | ".join((f(x, 2) + "×" + (" ✓" if x <= target else " ✗")) if x else "—"
                                             for x in ratios) + f" | ≤ {target}× |"
    lines.append(row)


mem_row("start to ready, warm (s)", "warm_s", 1.0)
mem_row("start to ready, cold: empty database, migrations (s)", "cold_s", None)
mem_row("RSS idle (MB)", "rss_idle_mb", 1.0)
mem_row("RSS after the load (MB)", "rss_after_load_mb", None)
mem_row("RSS peak (VmHWM, MB)", "rss_peak_mb", None)

derived = {}
lines.append("\n| derived | " + " | ".join(names) + " | target |\n|---|" + "---|" * len(names) + "---|")


def drow(key, desc, fn, target, unit="×", d=2):
    vals = []
    for _, ro in rosters:
        try:
            vals.append(fn(ro))
        except (TypeError, KeyError, ZeroDivisionError):
            vals.append(None)
    derived[key] = dict(zip(names, vals))
    if any(v is not None for v in vals):
        lines.append(f"| {desc} | " + " | ".join((f(v, d) + unit) if v is not None else "—" for v in vals) +
                     f" | {target or '—'} |")


def rate(ro, label, key="rps"):
    return ro["rows"][label][key]


def one_hash(ro):
    return ro["hash_rate"]["argon2id_t1"]["cpu_ms_per_hash"]


for t in ("t1", "t2"):
    drow(f"argon2id_{t}", f"raw Argon2id m=19456 t=2 p=1, {t[1]} thread(s): CPU ms per hash",
         lambda ro, t=t: ro["hash_rate"][f"argon2id_{t}"]["cpu_ms_per_hash"], None, "", 1)
drow("login_cpu_over_hash_c8", "login CPU / one hash's CPU, c=8",
     lambda ro: rate(ro, "login_c8", "cpu_ms_per_req") / one_hash(ro), "≤ 1.1×")
drow("login_cpu_over_hash_c1", "login CPU / one hash's CPU, c=1",
     lambda ro: rate(ro, "login_c1", "cpu_ms_per_req") / one_hash(ro), "—")
drow("role_change_cpu_over_noop", "role change CPU / the no-op floor's CPU",
     lambda ro: rate(ro, "role_change_c8", "cpu_ms_per_req") / rate(ro, "noop_c8", "cpu_ms_per_req"), "≤ 2×")
drow("invite_cpu_over_noop", "invite CPU / the no-op floor's CPU",
     lambda ro: rate(ro, "invite_c8", "cpu_ms_per_req") / rate(ro, "noop_c8", "cpu_ms_per_req"), "—")
drow("deep_over_first_latency", "list at 100k: page 2,000 p50 / page 1 p50",
     lambda ro: rate(ro, "list50_100k_deep2000_c8", "p50_ms") / rate(ro, "list50_100k_first_c8", "p50_ms"), "≤ 1.5×")
drow("file_over_live_half_deleted", "database file / live data, half of the large account deleted",
     lambda ro: int(ro["storage"]["half_deleted"]["bytes"]) / int(ro["storage"]["live"]["bytes"]), "≤ 2× (H2)")
for label in ("list50_10k_c8", "search_c8", "get_one_c8", "role_change_c8", "me_c8"):
    drow(f"{label}_of_floor", f"{label} req/s as a share of the no-op floor",
         lambda ro, label=label: 100 * rate(ro, label) / rate(ro, "noop_c8"), "—", " %", 0)

if any(ro["storage"] for _, ro in rosters):
    lines.append("\n| storage | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    tags = []
    for _, ro in rosters:
        tags += [t for t in ro["storage"] if t not in tags]
    for t in tags:
        cells = []
        for _, ro in rosters:
            s = ro["storage"].get(t)
            cells.append("—" if not s else f"{int(s['bytes']) / 1048576:,.1f} MB, {int(s['bytes']) / max(1, int(s['members'])):,.0f} B/member"
                         + (f" ({s['note'].replace('_', ' ')})" if "note" in s else ""))
        lines.append(f"| {t.replace('_', ' ')} | " + " | ".join(cells) + " |")

md = "\n".join(lines) + "\n"
(out / "results.md").write_text(md)
(out / "results.json").write_text(json.dumps({
    "columns": names, "rows": result_rows, "roster": {n: ro for n, ro in rosters},
    "keycloak_startup": kc_start, "derived": derived, "keycloak_raw": kc}, indent=2))
print(md)
