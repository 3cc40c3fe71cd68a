#!/usr/bin/env python3
"""Writes plans and snapshots for the fits-now scaling table of bench/plan.sh.

Usage: gen_plans.py OUT_DIR SHAPE N

Shapes (needs drawn from the seed report's ranges, seeded so every run writes the same files):
  none       no alternatives, priorities 1..5
  zero-alt   every service has a zero-need alternative (an external API), priorities 1..5
  identical  N identical services of priority 1, each with a zero-need alternative
  mixed      a third with an alternative of 30% of their needs, a third with a zero-need one,
             the rest none, priorities 1..5
The host has room for about half of the services' memory, CPU and disk.
"""
import os
import random
import sys


def main():
    out, shape, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(f"{shape}-{n}")
    services = []
    for i in range(n):
        if shape == "identical":
            mem, cpu, disk, prio = 150, 0.2, 300, 1
        else:
            mem = rng.randint(120, 600)
            cpu = round(rng.uniform(0.2, 0.5), 2)
            disk = rng.randint(300, 2000)
            prio = rng.randint(1, 5)
        alt = None
        if shape in ("zero-alt", "identical"):
            alt = (0, 0, 0)
        elif shape == "mixed":
            pick = i % 3
            if pick == 0:
                alt = (max(1, mem * 3 // 10), round(cpu * 0.3, 2), disk * 3 // 10)
            elif pick == 1:
                alt = (0, 0, 0)
        services.append((f"s{i:03d}", mem, cpu, disk, prio, alt))
    mem_sum = sum(s[1] for s in services)
    cpu_sum = sum(s[2] for s in services)
    disk_sum = sum(s[3] for s in services)
    total = max(2048, mem_sum)
    # room = available - 10% reserve = half the services' memory
    available = mem_sum // 2 + total // 10
    cores = max(2, round(cpu_sum / 2 / 0.7 + 0.5))
    disk_total = max(40, (disk_sum // 1024) + 40)
    disk_avail = disk_sum // 2 // 1024 + disk_total // 10 + 1
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "snapshot.yaml"), "w") as f:
        f.write(f"""host:
  name: bench-{shape}-{n}
  taken_at: 2026-01-01T00:00:00Z
  cpu: {{ cores: {cores}, used: 0.5 }}
  memory: {{ total: {total}MiB, available: {available}MiB }}
  swap: {{ total: 1GiB }}
  disks: [ {{ mount: /, total: {disk_total}GiB, used: {disk_total - disk_avail}GiB, available: {disk_avail}GiB }} ]
""")
    with open(os.path.join(out, "plan.yaml"), "w") as f:
        f.write(f"title: bench {shape} {n}\nhost: snapshot.yaml\nservices:\n")
        for name, mem, cpu, disk, prio, alt in services:
            f.write(f"  - name: {name}\n    port: {10000 + int(name[1:])}\n    priority: {prio}\n")
            f.write(f"    tiers: {{ minimum: {{ memory: {mem}MiB, cpu: {cpu}, disk: {disk}MiB }} }}\n")
            if alt is not None:
                f.write("    alternatives:\n")
                f.write(f"      - {{ name: external-api, needs: {{ memory: {alt[0]}MiB, cpu: {alt[1]}, disk: {alt[2]}MiB }} }}\n")


if __name__ == "__main__":
    main()
