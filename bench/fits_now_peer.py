#!/usr/bin/env python3
"""An independent exact solver for hostfit's "what fits now", the peer of bench/plan.sh.

It reads the same plan and snapshot YAML files as `hostfit plan` and solves the same problem with
OR-tools CP-SAT, written from the problem statement, not from hostfit's code:

  for each service choose one option: deployed at its lowest tier, one of its alternatives, or out;
  the chosen needs must fit the room in every resource
    memory: sum <= min(available, total) - round(10% of total)        (bytes)
    CPU:    used + sum <= 70% of cores (+1e-9 cores)                     (millicores here)
    disk /: sum <= available - round(10% of the disk's total)            (bytes; no `/`, no check)
  (a sum of zero is always accepted, as hostfit does when a room is already negative);
  maximize, lexicographically: services covered (deployed or by an alternative) in priority
  class 1, then class 2, ..., then services deployed (the fewest alternatives).

Usage:
  fits_now_peer.py key HOSTFIT_JSON
      the key of hostfit's own choice, from its `--format json` output (standard library only)
  fits_now_peer.py solve PLAN [--hostfit-json FILE] [--time-limit S] [--workers W]
                             [--lex sequential|weighted|auto]
      solve with CP-SAT and print one line of `name=value` fields:
        status    OPTIMAL (proven), FEASIBLE (time limit hit with a solution) or the solver's word
        ms        wall time of reading the YAML, building the model and solving, measured in this
                  process after the imports (Python start-up and `import ortools` excluded)
        key       the choice's key: covered per priority class, most important first, joined by
                  `/`, then `+deployed`
        lex       how the lexicographic objective was solved: `sequential` (the default) maximizes
                  class 1, fixes its optimum as a constraint, then class 2, ..., then deployments;
                  `weighted` maximizes one sum with weights (N+1)^k, exact while (N+1)^(classes+1)
                  stays below 2^62 (`auto` picks it then). Both are exact; with weights near 1e16
                  CP-SAT proves much less within its time limit (seen on the `mixed` shape), so
                  class by class is the default.
      and, with --hostfit-json, hostfit's choice checked against this model:
        hf_key    its key recomputed from the plan's priorities
        hf_fits   yes when its choice fits the room computed here
        same      yes/no: the two keys are equal
        ahead     whose key is larger: cpsat, hostfit or tie
        check     ok, or BUG:<what> when the two answers contradict each other

Only the units this needs are read: sizes as integers with a binary suffix (K/KB/KiB/Ki = 1024,
M.., G.., T..; bare numbers are bytes), CPU as decimal cores, `500m` millicores or `20%` of a core,
each of which must be a whole number of millicores. Anything else, and any plan or snapshot field
that would change the room (a policy, a cgroup limit or quota, a cloud instance type), stops the
peer with an error rather than solving a different problem.
"""
import json
import math
import os
import sys
import time
from fractions import Fraction

SIZE_POWERS = {"": 0, "b": 0}
for _power, _letter in enumerate("kmgt", start=1):
    for _suffix in (_letter, _letter + "b", _letter + "ib", _letter + "i"):
        SIZE_POWERS[_suffix] = _power

MEMORY_RESERVE = 0.10
CPU_LIMIT = Fraction(7, 10)
DISK_RESERVE = 0.10
CPU_EPS_MILLI = Fraction(1, 10**6)  # hostfit's 1e-9 cores of tolerance, in millicores
INT64_SAFE = 2**62  # headroom below int64 for CP-SAT's objective arithmetic


class Unsupported(Exception):
    pass


def size(text):
    """Bytes of a size such as `512MiB`, `2GiB` or `1048576`: integers only, binary units."""
    s = str(text).strip()
    digits = len(s) - len(s.lstrip("0123456789"))
    number, suffix = s[:digits], s[digits:].strip().lower()
    if not number or suffix not in SIZE_POWERS:
        raise Unsupported(f"size {text!r}: the peer reads only whole numbers with a binary unit")
    return int(number) * 1024 ** SIZE_POWERS[suffix]


def millicores(text):
    """Millicores of a CPU figure: `0.25` cores, `250m` or `25%` of one core; must be whole."""
    s = str(text).strip()
    if s.endswith("%"):
        value = Fraction(s[:-1].strip()) * 10
    elif s.endswith("m"):
        value = Fraction(s[:-1].strip())
    else:
        value = Fraction(s) * 1000
    if value < 0 or value.denominator != 1:
        raise Unsupported(f"CPU {text!r}: the peer reads only whole millicores")
    return int(value)


def scale(total, share):
    """`share` of `total` bytes rounded half away from zero, as f64 arithmetic does it."""
    product = float(total) * share
    return int(math.floor(product + 0.5)) if product >= 0 else 0


def only(mapping, allowed, where):
    if not isinstance(mapping, dict):
        raise Unsupported(f"{where}: expected a mapping")
    extra = set(mapping) - set(allowed)
    if extra:
        raise Unsupported(f"{where}: fields the peer does not model: {sorted(extra)}")


def needs_of(n, where):
    only(n, ("memory", "cpu", "disk"), where)
    return (size(n["memory"]), millicores(n.get("cpu", "0")), size(n.get("disk", "0")))


def read_problem(plan_path):
    """The services (name, class, options) and the room, from the plan and its snapshot."""
    import yaml  # only the solve mode needs PyYAML

    def load(path):
        # BaseLoader keeps every scalar a string: numbers are parsed exactly here, not as floats
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=yaml.BaseLoader)

    plan = load(plan_path)
    only(plan, ("title", "host", "services", "scenarios", "phases"), "plan")
    if not isinstance(plan.get("host"), str):
        raise Unsupported("plan: `host` must be the path of a snapshot file")
    snapshot = load(os.path.join(os.path.dirname(os.path.abspath(plan_path)), plan["host"]))
    only(snapshot, ("host", "workloads", "warnings", "schema", "probe"), "snapshot")
    host = snapshot["host"]
    only(host, ("name", "taken_at", "cpu", "memory", "swap", "disks", "os", "kernel", "arch"),
         "snapshot host")
    only(host["cpu"], ("cores", "used"), "snapshot host.cpu")
    only(host["memory"], ("total", "available"), "snapshot host.memory")

    total = size(host["memory"]["total"])
    available = min(size(host["memory"]["available"]), total)
    memory_room = available - scale(total, MEMORY_RESERVE)
    cpu_room = Fraction(host["cpu"]["cores"]) * 1000 * CPU_LIMIT - millicores(host["cpu"]["used"])
    cpu_room = math.floor(cpu_room + CPU_EPS_MILLI)
    disk_room = None
    for d in host.get("disks", []):
        if d.get("mount") == "/":
            disk_room = size(d["available"]) - scale(size(d["total"]), DISK_RESERVE)
            break

    services = []
    for index, s in enumerate(plan["services"]):
        only(s, ("name", "purpose", "port", "priority", "tiers", "parts", "alternatives"),
             f"service {index}")
        # 1 is most important; a service without a priority takes its place in the file
        cls = int(s["priority"]) if "priority" in s else index + 1
        options = []
        tiers = s.get("tiers", {})
        only(tiers, ("minimum", "standard", "ideal"), f"service {s['name']} tiers")
        lowest = next((t for t in ("minimum", "standard", "ideal") if t in tiers), None)
        if lowest is not None:
            options.append(("deploy", needs_of(tiers[lowest], f"{s['name']} {lowest}")))
        for a in s.get("alternatives", []):
            only(a, ("name", "purpose", "needs"), f"service {s['name']} alternative")
            options.append((a["name"], needs_of(a.get("needs", {"memory": "0"}),
                                                f"{s['name']} {a['name']}")))
        services.append({"name": s["name"], "class": cls, "options": options})
    return services, (memory_room, cpu_room, disk_room)


def fits(room, sums):
    memory_room, cpu_room, disk_room = room
    memory, cpu, disk = sums
    if memory == 0 and cpu == 0 and disk == 0:
        return True
    return memory <= memory_room and cpu <= cpu_room and (disk_room is None or disk <= disk_room)


def key_of(services, choice):
    """Covered per class (most important first) and deployed, for `choice`: name -> option."""
    classes = sorted({s["class"] for s in services})
    covered = {c: 0 for c in classes}
    deployed = 0
    for s in services:
        picked = choice.get(s["name"])
        if picked is not None:
            covered[s["class"]] += 1
            deployed += picked == "deploy"
    return tuple(covered[c] for c in classes) + (deployed,)


def show(key):
    return "/".join(str(k) for k in key[:-1]) + f"+{key[-1]}"


def hostfit_choice(path):
    """hostfit's choice (name -> `deploy`, an alternative's name, or absent) and its fits_now."""
    with open(path, encoding="utf-8") as f:
        out = json.load(f)
    fits_now = out["fits_now"]
    choice = {name: "deploy" for name in fits_now["services"]}
    choice.update(fits_now["alternatives"])
    return out, fits_now, choice


def hostfit_key(path):
    """The key of hostfit's choice with the priorities hostfit reports (standard library only)."""
    out, _, choice = hostfit_choice(path)
    services = []
    for s in out["services"]:
        if s.get("priority") is None:
            raise Unsupported(f"hostfit JSON: service {s['name']} has no priority")
        services.append({"name": s["name"], "class": s["priority"]})
    return key_of(services, choice)


def solve(services, room, time_limit, lex, workers):
    from ortools.sat.python import cp_model

    memory_room, cpu_room, disk_room = room
    model = cp_model.CpModel()
    x = []  # x[i][j]: service i takes option j
    for i, s in enumerate(services):
        row = [model.NewBoolVar(f"x{i}_{j}") for j in range(len(s["options"]))]
        model.AddAtMostOne(row)
        x.append(row)

    def pairs():
        for i, s in enumerate(services):
            for j, (_, needs) in enumerate(s["options"]):
                yield x[i][j], needs

    if memory_room < 0 or cpu_room < 0 or (disk_room is not None and disk_room < 0):
        # a room already short: only a choice of zero needs (all are non-negative) is accepted
        for var, needs in pairs():
            if any(needs):
                model.Add(var == 0)
    else:
        model.Add(sum(var * n[0] for var, n in pairs() if n[0]) <= memory_room)
        model.Add(sum(var * n[1] for var, n in pairs() if n[1]) <= cpu_room)
        if disk_room is not None:
            model.Add(sum(var * n[2] for var, n in pairs() if n[2]) <= disk_room)

    classes = sorted({s["class"] for s in services})
    terms = [[sum(x[i]) for i, s in enumerate(services) if s["class"] == c] for c in classes]
    covered = [sum(t) for t in terms]
    deployed = sum(x[i][j] for i, s in enumerate(services)
                   for j, (o, _) in enumerate(s["options"]) if o == "deploy")
    coords = covered + [deployed]
    base = len(services) + 1  # every coordinate lies in 0..N, so base N+1 keeps them apart

    if lex == "auto":
        lex = "weighted" if base ** len(coords) < INT64_SAFE else "sequential"
    if lex not in ("weighted", "sequential"):
        raise Unsupported(f"--lex {lex!r}: expected sequential, weighted or auto")
    solver = cp_model.CpSolver()
    # CP-SAT's portfolio of workers; its default is one per core, and 2 (this machine) proves
    # far less than 8 timesharing the same cores
    solver.parameters.num_workers = workers
    deadline = time.perf_counter() + time_limit

    def values():
        return [[solver.Value(var) for var in row] for row in x]

    best, status = None, None
    if lex == "weighted":
        if base ** len(coords) >= INT64_SAFE:
            raise Unsupported("weighted objective would overflow int64: use --lex sequential")
        model.Maximize(sum(c * base ** (len(coords) - 1 - k) for k, c in enumerate(coords)))
        solver.parameters.max_time_in_seconds = time_limit
        status = solver.Solve(model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            best = values()
        proven = status == cp_model.OPTIMAL
    else:
        # one coordinate at a time, each optimum fixed as a constraint for the next; the time
        # limit is for all the steps together
        proven = False
        for k, coord in enumerate(coords):
            solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
            model.Maximize(coord)
            status = solver.Solve(model)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                best = values()
            if status != cp_model.OPTIMAL:
                break
            model.Add(coord >= round(solver.ObjectiveValue()))
            # the solution found is the start of the next step (it meets the new constraint)
            model.ClearHints()
            for row, vals in zip(x, best):
                for var, v in zip(row, vals):
                    model.AddHint(var, v)
        else:
            proven = True
    if best is None:
        return solver.StatusName(status), None, lex
    choice = {}
    for s, vals in zip(services, best):
        for (option, _), v in zip(s["options"], vals):
            if v:
                choice[s["name"]] = option
    return ("OPTIMAL" if proven else "FEASIBLE"), choice, lex


def compare(services, room, peer_status, peer_key, hostfit_json):
    """hostfit's choice checked under this model, and the two answers checked against each other."""
    _, fits_now, choice = hostfit_choice(hostfit_json)
    byname = {s["name"]: s for s in services}
    sums = [0, 0, 0]
    for name, option in choice.items():
        needs = dict(byname[name]["options"])[option]
        sums = [a + b for a, b in zip(sums, needs)]
    hf_fits = fits(room, sums)
    hf_key = key_of(services, choice)
    hf_proven = bool(fits_now["proven_optimal"])
    problems = []
    # the same problem: the room hostfit reports must be the room computed here
    checks = fits_now.get("checks") or {}
    theirs = (checks["memory"]["room_bytes"],
              math.floor(checks["cpu"]["room_cores"] * 1000 + 1e-6),
              (checks.get("disk") or {}).get("room_bytes"))
    if theirs != tuple(room):
        problems.append(f"rooms differ (hostfit {theirs}, peer {tuple(room)})")
    if not hf_fits:
        problems.append("hostfit's choice does not fit the room")
    if peer_key is not None:
        both = peer_status == "OPTIMAL" and hf_proven
        if both and peer_key != hf_key:
            problems.append("both proven optimal with different keys")
        if hf_proven and peer_key > hf_key:
            problems.append("hostfit proved a key that CP-SAT beats")
        if peer_status == "OPTIMAL" and hf_fits and hf_key > peer_key:
            problems.append("CP-SAT proved a key that hostfit's fitting choice beats")
        bound = fits_now.get("bound")
        if bound:
            # each class's `covered_at_most` bounds that class in every choice that fits
            classes = sorted({s["class"] for s in services})
            for entry in bound:
                got = peer_key[classes.index(entry["priority"])]
                if got > entry["covered_at_most"]:
                    problems.append(f"class {entry['priority']}: CP-SAT covers {got}, above "
                                    f"hostfit's bound {entry['covered_at_most']}")
    same = "-" if peer_key is None else ("yes" if peer_key == hf_key else "no")
    ahead = ("-" if peer_key is None else "tie" if peer_key == hf_key
             else "cpsat" if peer_key > hf_key else "hostfit")
    check = "ok" if not problems else "BUG:" + ";".join(p.replace(" ", "_") for p in problems)
    return {"hf_key": show(hf_key), "hf_fits": "yes" if hf_fits else "no", "same": same,
            "ahead": ahead, "check": check}


def main(argv):
    if len(argv) >= 2 and argv[0] == "key":
        print(show(hostfit_key(argv[1])))
        return 0
    if len(argv) < 2 or argv[0] != "solve":
        print(__doc__, file=sys.stderr)
        return 2
    plan, rest = argv[1], argv[2:]
    opts = {"--hostfit-json": None, "--time-limit": "60", "--lex": "sequential", "--workers": "8"}
    while rest:
        if rest[0] not in opts or len(rest) < 2:
            print(f"unknown or incomplete option {rest[0]!r}", file=sys.stderr)
            return 2
        opts[rest[0]] = rest[1]
        rest = rest[2:]
    import yaml  # noqa: F401  imported before the clock starts, like ortools
    from ortools.sat.python import cp_model  # noqa: F401

    start = time.perf_counter()
    services, room = read_problem(plan)
    status, choice, lex = solve(services, room, float(opts["--time-limit"]), opts["--lex"],
                                int(opts["--workers"]))
    ms = (time.perf_counter() - start) * 1000
    key = key_of(services, choice) if choice is not None else None
    fields = {"status": status, "ms": f"{ms:.1f}", "key": show(key) if key else "-", "lex": lex}
    if opts["--hostfit-json"]:
        fields.update(compare(services, room, status, key, opts["--hostfit-json"]))
    print(" ".join(f"{k}={v}" for k, v in fields.items()))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Unsupported as e:
        print(f"fits_now_peer: {e}", file=sys.stderr)
        sys.exit(3)
