#!/usr/bin/env python3
"""What SQLite's synchronous=FULL costs on this disk against NORMAL (both in WAL mode): single-row
commits per second, and rows per second in commits of 64 (the way GroupCommit writes pledges).
Usage: bench/sqlite-synchronous.py [folder on the disk to measure, default /var/tmp]"""
import os, sqlite3, sys, time

folder = sys.argv[1] if len(sys.argv) > 1 else "/var/tmp"
print("| synchronous | single-row commits/s | rows/s in commits of 64 |")
print("|---|---:|---:|")
for mode in ["NORMAL", "FULL"]:
    path = os.path.join(folder, f"grassroots-sync-{mode}.db")
    for f in (path, path + "-wal", path + "-shm"):
        if os.path.exists(f): os.remove(f)
    c = sqlite3.connect(path, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL"); c.execute(f"PRAGMA synchronous={mode}")
    c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    n = 2000
    t = time.perf_counter()
    for _ in range(n): c.execute("INSERT INTO t (v) VALUES (?)", ("x" * 100,))
    single = n / (time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(n // 64):
        c.execute("BEGIN")
        for _ in range(64): c.execute("INSERT INTO t (v) VALUES (?)", ("x" * 100,))
        c.execute("COMMIT")
    batched = (n // 64 * 64) / (time.perf_counter() - t)
    c.close()
    for f in (path, path + "-wal", path + "-shm"):
        if os.path.exists(f): os.remove(f)
    print(f"| {mode} | {single:,.0f} | {batched:,.0f} |")
