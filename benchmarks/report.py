#!/usr/bin/env python3
"""Turns the harness' raw lines (results.txt) into results.json and results.md: medians over repetitions,
and Roster/Keycloak ratios when a Keycloak results.txt (written by ../shared/bench/keycloak/bench.sh) is given.

usage: report.py OUT_DIR [KEYCLOAK_RESULTS_TXT]
"""
import json
import re
import statistics as st
import sys
from pathlib import Path

out = Path(sys.argv[1])
kc_file = Path(sys.argv[2]) if len(sys.argv) > 2 else None


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
        elif line.startswith("RSS"):
            other["rss"] = kv
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


runs, starts, hashes, other = parse(out / "results.txt")
roster = summarize(runs)
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
hash_rate = {h["label"]: {"rps": float(h["rps"]), "cpu_ms_per_hash": float(h["cpu_ms_per_hash"])} for h in hashes}

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

# Roster row -> (description, comparable Keycloak row or None, target ratio for Roster/Keycloak req/s)
ROWS = [
    ("noop_c8", "no-op JAX-RS endpoint (ceiling), c=8", None, None),
    ("health_live_c8", "/health/live, c=8", None, None),
    ("invite_c1", "invite (outbox + mail) vs create user, c=1", "a_create_c1", 2.0),
    ("invite_c8", "invite vs create user, c=8", "a_create_c8", 2.0),
    ("list50_10k_c1", "list 50 of 10k, c=1", "b_list50_c1", 2.0),
    ("list50_10k_c8", "list 50 of 10k, c=8", "b_list50_c8", 2.0),
    ("list50_100k_first_c8", "list 50 of 100k, first page, c=8", None, None),
    ("list50_100k_deep2000_c8", "list 50 of 100k, page 2,000, c=8", None, None),
    ("search_c8", "search q= (email/name substring) vs email substring, c=8", "b_email_like_c8", 2.0),
    ("get_one_c8", "get one member vs exact email lookup, c=8", "b_email_exact_c8", 2.0),
    ("role_change_c8", "role change (PATCH + If-Match) vs role assign, c=8", "c_role_assign_c8", 2.0),
    ("me_c8", "GET /me with a session, c=8", None, None),
    ("login_c1", "password login, c=1", "e_login_c1", 1.2),
    ("login_c8", "password login, c=8", "e_login_c8", 1.2),
]


def f(x, d=1):
    return "—" if x is None else f"{x:,.{d}f}"


lines = []
machine = (out / "machine.txt").read_text() if (out / "machine.txt").exists() else ""
lines.append("# Roster benchmark\n")
lines.append("```\n" + machine.strip() + "\n```\n")
lines.append("Medians of the repetitions; server CPU is utime+stime of the server process over the measured phase "
             "divided by its request count. On a shared 2-core machine only ratios from one run mean anything.\n")
hdr = "| measure | n × c | Roster req/s | p50 / p99 ms | Roster CPU ms/req |"
sep = "|---|---|---|---|---|"
if kc:
    hdr += " Keycloak req/s | Keycloak CPU ms/req | Roster/Keycloak req/s | target |"
    sep += "---|---|---|---|"
lines += [hdr, sep]
ceiling = roster.get("noop_c8", {}).get("rps")
result_rows = []
for label, desc, kc_label, target in ROWS:
    r = roster.get(label)
    if not r:
        continue
    row = f"| {desc} | {r['n']} × {r['c']} | {f(r['rps'])} | {f(r['p50_ms'])} / {f(r['p99_ms'])} | {f(r['cpu_ms_per_req'], 2)} |"
    entry = {"label": label, "measure": desc, "roster": r}
    if r["errors"]:
        row = row.replace(f"| {desc} |", f"| {desc} (**{r['errors']} errors**) |")
    if kc:
        k = kc.get(kc_label) if kc_label else None
        ratio = r["rps"] / k["rps"] if k and k["rps"] else None
        entry.update({"keycloak_label": kc_label, "keycloak": k, "ratio": ratio, "target": target})
        ok = "" if ratio is None or target is None else (" ✓" if ratio >= target else " ✗")
        row += f" {f(k['rps']) if k else '—'} | {f(k['cpu_ms_per_req'], 2) if k else '—'} | " \
               f"{(f(ratio, 2) + '×') if ratio else '—'}{ok} | {('≥ ' + str(target) + '×') if target else '—'} |"
    lines.append(row)
    result_rows.append(entry)

lines.append("")
lines.append("| start-up and memory | Roster | " + ("Keycloak | Roster/Keycloak | target |" if kc_start else ""))
lines.append("|---|---|" + ("---|---|---|" if kc_start else ""))


def mem_row(name, key, target):
    v = startup.get(key)
    row = f"| {name} | {f(v)} |"
    if kc_start:
        k = kc_start.get(key)
        ratio = v / k if v and k else None
        ok = "" if ratio is None else (" ✓" if ratio <= target else " ✗")
        row += f" {f(k)} | {(f(ratio, 2) + '×') if ratio else '—'}{ok} | ≤ {target}× |"
    lines.append(row)


mem_row("start to ready, warm (s)", "warm_s", 0.7)
lines.append(f"| start to ready, cold: empty database, migrations (s) | {f(startup['cold_s'])} |" + (" | | |" if kc_start else ""))
mem_row("RSS idle (MB)", "rss_idle_mb", 1.0)
mem_row("RSS after the load (MB)", "rss_after_load_mb", 1.0)
lines.append(f"| RSS peak (VmHWM, MB) | {f(startup['rss_peak_mb'])} |" + (" | | |" if kc_start else ""))

lines.append("\n| derived | value | target |\n|---|---|---|")
for h, v in sorted(hash_rate.items()):
    lines.append(f"| raw Argon2id m=19456 t=2 p=1, {h[-2:]} threads: hashes/s, CPU ms per hash | {f(v['rps'])}, {f(v['cpu_ms_per_hash'], 1)} | — |")
one_hash = hash_rate.get("argon2id_t1", {}).get("cpu_ms_per_hash")
derived = {}
for c in ("c1", "c8"):
    lr = roster.get(f"login_{c}")
    if lr and one_hash and lr["cpu_ms_per_req"]:
        derived[f"login_cpu_over_hash_{c}"] = lr["cpu_ms_per_req"] / one_hash
        lines.append(f"| login CPU / one hash's CPU, {c} | {f(derived[f'login_cpu_over_hash_{c}'], 2)}× | ≤ 1.2× |")
t2 = hash_rate.get("argon2id_t2", {}).get("rps")
lr = roster.get("login_c8")
if lr and t2:
    derived["login_c8_over_raw_hash_rate"] = lr["rps"] / t2
    lines.append(f"| login req/s (c=8) / raw 2-thread hash rate | {f(derived['login_c8_over_raw_hash_rate'], 2)} | — |")
first, deep = roster.get("list50_100k_first_c8"), roster.get("list50_100k_deep2000_c8")
if first and deep:
    derived["deep_over_first_latency"] = deep["p50_ms"] / first["p50_ms"]
    lines.append(f"| list at 100k: page 2,000 p50 / page 1 p50 | {f(derived['deep_over_first_latency'], 2)}× | ≤ 1.5× |")
if ceiling:
    for label in ("list50_10k_c8", "list50_100k_first_c8", "search_c8", "get_one_c8", "me_c8"):
        r = roster.get(label)
        if r:
            derived[f"{label}_of_ceiling"] = r["rps"] / ceiling
            lines.append(f"| {label} req/s as a share of the no-op ceiling | {f(100 * r['rps'] / ceiling, 0)} % | ≥ 50 % |")

md = "\n".join(lines) + "\n"
(out / "results.md").write_text(md)
(out / "results.json").write_text(json.dumps({
    "machine": machine, "rows": result_rows, "startup": startup, "keycloak_startup": kc_start,
    "hash_rate": hash_rate, "derived": derived, "roster_raw": roster, "keycloak_raw": kc}, indent=2))
print(md)
